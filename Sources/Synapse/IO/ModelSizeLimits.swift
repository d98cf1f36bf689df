/// How large a model read from a file may be, checked before its layers
/// allocate anything, so that a tiny `config.json` cannot ask for gigabytes.
///
/// The defaults are generous (2³¹ parameters, 8 GiB of Float32 weights, and
/// 2²⁸ values, 1 GiB, per example at any layer);
/// pass larger limits to `Model.load(from:limits:)` for a model that really
/// is bigger.
public struct ModelSizeLimits: Sendable, Equatable {
    /// The most parameters (scalars) the whole model may hold.
    public var maximumParameterCount: Int
    /// The most values one example may have at any layer's input or output.
    public var maximumActivationCount: Int

    /// Limits of `maximumParameterCount` parameters and
    /// `maximumActivationCount` values per example at any layer.
    public init(maximumParameterCount: Int = 1 << 31, maximumActivationCount: Int = 1 << 28) {
        self.maximumParameterCount = maximumParameterCount
        self.maximumActivationCount = maximumActivationCount
    }

    /// 2³¹ parameters and 2²⁸ values (1 GiB of Float32) per example at any layer.
    public static let `default` = ModelSizeLimits()

    /// The limits in force while a model from a file is built (nil: none).
    @TaskLocal static var active: ModelSizeLimits?

    /// Throws `ModelSizeError.activationTooLarge` unless `shape` (one
    /// example) has at most `maximumActivationCount` values, every size positive.
    func checkActivation(_ shape: [Int], layer: String) throws {
        guard let count = Self.elementCount(shape), count <= maximumActivationCount else {
            throw ModelSizeError.activationTooLarge(layer: layer, shape: shape, limit: maximumActivationCount)
        }
    }

    /// The product of `shape`, or nil if a size is not positive or the product overflows.
    static func elementCount(_ shape: [Int]) -> Int? {
        var product = 1
        for size in shape {
            guard size > 0 else { return nil }
            let (next, overflow) = product.multipliedReportingOverflow(by: size)
            guard !overflow else { return nil }
            product = next
        }
        return product
    }
}
