/// Maps a number in 0…1 to a colour, by linear interpolation between evenly
/// spaced anchor colours. Sequential maps (`viridis`, `inferno`, `greys`)
/// suit magnitudes; the diverging `coolwarm` suits signed values, with 0.5
/// (a value of zero) near white.
public struct Colormap: Sendable {
    /// The map's name, as matplotlib spells it.
    public let name: String
    /// The colours at 0, 1/(n−1), …, 1.
    public let anchors: [RGBColor]

    /// A map through `anchors`, evenly spaced over 0…1 (at least two).
    public init(name: String, anchors: [RGBColor]) {
        precondition(anchors.count >= 2, "Colormap \(name): needs at least two anchor colours, not \(anchors.count)")
        self.name = name
        self.anchors = anchors
    }

    /// The colour at `t`, clamped to 0…1 (NaN reads as 0).
    public func color(at t: Double) -> RGBColor {
        let clamped = t.isNaN ? 0 : min(max(t, 0), 1)
        let position = clamped * Double(anchors.count - 1)
        let lower = min(Int(position), anchors.count - 2)
        return anchors[lower].mixed(with: anchors[lower + 1], by: position - Double(lower))
    }

    /// Perceptually uniform dark blue → green → yellow (matplotlib's default),
    /// sampled at nine points.
    public static let viridis = Colormap(name: "viridis", anchors: [
        RGBColor(red: 68, green: 1, blue: 84), RGBColor(red: 71, green: 44, blue: 122),
        RGBColor(red: 59, green: 81, blue: 139), RGBColor(red: 44, green: 113, blue: 142),
        RGBColor(red: 33, green: 144, blue: 141), RGBColor(red: 39, green: 173, blue: 129),
        RGBColor(red: 92, green: 200, blue: 99), RGBColor(red: 170, green: 220, blue: 50),
        RGBColor(red: 253, green: 231, blue: 37),
    ])

    /// Perceptually uniform black → purple → orange → pale yellow, sampled at nine points.
    public static let inferno = Colormap(name: "inferno", anchors: [
        RGBColor(red: 0, green: 0, blue: 4), RGBColor(red: 31, green: 12, blue: 72),
        RGBColor(red: 85, green: 15, blue: 109), RGBColor(red: 136, green: 34, blue: 106),
        RGBColor(red: 186, green: 54, blue: 85), RGBColor(red: 227, green: 89, blue: 51),
        RGBColor(red: 249, green: 140, blue: 10), RGBColor(red: 249, green: 201, blue: 50),
        RGBColor(red: 252, green: 255, blue: 164),
    ])

    /// Black → white.
    public static let greys = Colormap(name: "greys", anchors: [.black, .white])

    /// Diverging blue → near-white → red, for signed values centred on 0.5.
    public static let coolwarm = Colormap(name: "coolwarm", anchors: [
        RGBColor(red: 59, green: 76, blue: 192), RGBColor(red: 141, green: 176, blue: 254),
        RGBColor(red: 247, green: 247, blue: 247),
        RGBColor(red: 244, green: 154, blue: 123), RGBColor(red: 180, green: 4, blue: 38),
    ])
}
