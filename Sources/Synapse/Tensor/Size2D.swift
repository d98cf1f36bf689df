/// A height and a width: a kernel size, strides, a dilation rate or an
/// up-sampling factor. An integer literal means the same value for both,
/// as in Keras: `Conv2D(32, kernelSize: 3)`.
public struct Size2D: Equatable, Hashable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The size along the image rows (the first spatial axis).
    public var height: Int
    /// The size along the image columns (the second spatial axis).
    public var width: Int

    /// A size of `height` by `width`.
    public init(_ height: Int, _ width: Int) {
        self.height = height
        self.width = width
    }

    /// The same size along both axes.
    public init(integerLiteral value: Int) {
        self.init(value, value)
    }

    /// A size from a saved `[height, width]` list (or one value for both).
    init?(_ values: [Int]) {
        switch values.count {
        case 1: self.init(values[0], values[0])
        case 2: self.init(values[0], values[1])
        default: return nil
        }
    }

    /// `[height, width]`, the form saved in configurations.
    var list: [Int] { [height, width] }

    /// Whether both components are at least 1.
    var isPositive: Bool { height > 0 && width > 0 }

    /// `height×width`.
    public var description: String { "\(height)×\(width)" }
}

/// How a sliding window treats the image border (Keras's `padding`).
public enum Padding: String, CaseIterable {
    /// No padding: windows stay inside the image, so the output shrinks.
    case valid
    /// Zero padding so that the output has ⌈input / stride⌉ positions; for an
    /// odd total the extra row or column goes at the bottom or right.
    case same
}
