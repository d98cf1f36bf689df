import Foundation

/// Cross-entropy between binary targets (0/1, or soft labels in [0, 1]) and
/// predicted probabilities (or logits), averaged over every element, as
/// Keras's `BinaryCrossentropy`.
///
/// Probabilities are clipped to [ε, 1 − ε] with ε = 1e-7 before the logs,
/// as Keras does; with `fromLogits`, or when the predictions came from a
/// sigmoid activation, the loss is computed from the logits stably as
/// max(x, 0) − x·z + log(1 + e^−|x|).
public final class BinaryCrossentropy: Loss {
    /// Whether predictions are logits rather than probabilities.
    public let fromLogits: Bool

    /// The loss; set `fromLogits` when the model ends without a sigmoid.
    public init(fromLogits: Bool = false) {
        self.fromLogits = fromLogits
        super.init(name: "binary_crossentropy")
    }

    /// The mean of −[z·log p + (1 − z)·log(1 − p)] over all elements.
    /// `targets` holds as many elements as `predictions` (`[batch]` and
    /// `[batch, 1]` pair up).
    public override func callAsFunction(predictions: Tensor, targets: Tensor) -> Tensor {
        let targets = reshapedToMatch(targets, predictions, lossName: "binary cross-entropy")
        if fromLogits { return sigmoidCrossEntropy(logits: predictions, targets: targets) }
        if let logits = predictions.logits(before: .sigmoid) {
            return sigmoidCrossEntropy(logits: logits, targets: reshapedToMatch(targets, logits, lossName: "binary cross-entropy"))
        }
        let epsilon: Float = 1e-7
        let p = predictions.clipped(to: epsilon, 1 - epsilon)
        return -(targets * p.log() + (1 - targets) * (1 - p).log()).mean()
    }
}

/// Binary cross-entropy of `predictions` against 0/1 `targets`, averaged
/// over all elements; see `BinaryCrossentropy`.
public func binaryCrossentropy(predictions: Tensor, targets: Tensor, fromLogits: Bool = false) -> Tensor {
    BinaryCrossentropy(fromLogits: fromLogits)(predictions: predictions, targets: targets)
}

/// Mean sigmoid cross-entropy of `logits` against `targets` of the same
/// shape: max(x, 0) − x·z + log(1 + e^−|x|), which never overflows. The
/// gradient is (σ(x) − z)/n for the logits and −x/n for the targets.
public func sigmoidCrossEntropy(logits: Tensor, targets: Tensor) -> Tensor {
    precondition(logits.shape == targets.shape,
                 "sigmoidCrossEntropy: logits \(logits.shape) and targets \(targets.shape) must have the same shape")
    let n = logits.count
    let x = logits.storage.pointer, z = targets.storage.pointer
    var total: Double = 0
    for i in 0..<n {
        let value = x[i]
        total += Double(Swift.max(value, 0) - value * z[i] + Foundation.log1p(Foundation.exp(-Swift.abs(value))))
    }
    let scale = 1 / Float(Swift.max(n, 1))
    let loss = Tensor(Float(total / Double(Swift.max(n, 1))))
    return Tensor.recording(loss, [logits, targets]) { grad in
        let upstream = grad.scalar * scale
        var logitsGradient: Tensor?
        if logits.requiresGradient {
            let result = Tensor(uninitializedShape: logits.shape)
            let d = result.storage.pointer
            for i in 0..<n {
                // σ(x) written so that neither branch overflows.
                let e = Foundation.exp(-Swift.abs(x[i]))
                let sigmoid = x[i] >= 0 ? 1 / (1 + e) : e / (1 + e)
                d[i] = upstream * (sigmoid - z[i])
            }
            logitsGradient = result
        }
        let targetsGradient = targets.requiresGradient ? logits.detached() * -upstream : nil
        return [logitsGradient, targetsGradient]
    }
}
