/// What the global 1-D pools share: one value per channel over all steps,
/// `[batch, steps, channels] → [batch, channels]`. Not meant for
/// subclassing outside Synapse.
public class GlobalPooling1D: Layer {
    private let reduction: (Tensor) -> Tensor

    /// A pool named `kerasName` that reduces axis 1 with `reduction`.
    init(kerasName: String, reduction: @escaping (Tensor) -> Tensor) {
        self.reduction = reduction
        super.init()
        useDefaultName(kerasName)
    }

    /// `[channels]`; throws for inputs that are not sequences.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] {
        [try sequenceDimensions(inputShape, layer: name).channels]
    }

    /// The per-channel reduction over the steps.
    public override func call(_ input: Tensor) -> Tensor {
        precondition(input.rank == 3, "\(type(of: self)) '\(name)': expected [batch, steps, channels], got \(input.shape)")
        return reduction(input)
    }
}

/// The mean of each channel over all steps (Keras's `GlobalAveragePooling1D`):
/// `[batch, steps, channels] → [batch, channels]`.
public final class GlobalAveragePool1D: GlobalPooling1D {
    /// A global average-pooling layer.
    public init() { super.init(kerasName: "global_average_pooling1d") { $0.mean(alongAxis: 1) } }
}

/// The largest value of each channel over all steps (Keras's
/// `GlobalMaxPooling1D`): `[batch, steps, channels] → [batch, channels]`;
/// the gradient is shared among tied maxima.
public final class GlobalMaxPool1D: GlobalPooling1D {
    /// A global max-pooling layer.
    public init() { super.init(kerasName: "global_max_pooling1d") { $0.max(alongAxis: 1) } }
}
