/// An 8-bit sRGB colour.
public struct RGBColor: Equatable, Hashable, Sendable {
    /// Red, 0…255.
    public var red: UInt8
    /// Green, 0…255.
    public var green: UInt8
    /// Blue, 0…255.
    public var blue: UInt8

    /// A colour of the given components.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A grey of the given level (0 black … 255 white).
    public init(grey: UInt8) {
        self.init(red: grey, green: grey, blue: grey)
    }

    /// Black.
    public static let black = RGBColor(grey: 0)
    /// White.
    public static let white = RGBColor(grey: 255)

    /// The colour a fraction `t` (clamped to 0…1) of the way from `self` to `other`.
    public func mixed(with other: RGBColor, by t: Double) -> RGBColor {
        let t = min(max(t, 0), 1)
        func channel(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded())
        }
        return RGBColor(red: channel(red, other.red), green: channel(green, other.green), blue: channel(blue, other.blue))
    }
}
