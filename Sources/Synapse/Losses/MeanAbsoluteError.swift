/// The mean of |prediction − target| over all elements, as Keras's
/// `MeanAbsoluteError`. At a tie the gradient is 0, as in Keras.
public final class MeanAbsoluteError: Loss {
    /// The loss.
    public init() { super.init(name: "mean_absolute_error") }

    /// The mean absolute difference. `targets` holds as many elements as
    /// `predictions` (`[batch]` and `[batch, 1]` pair up).
    public override func callAsFunction(predictions: Tensor, targets: Tensor) -> Tensor {
        let targets = reshapedToMatch(targets, predictions, lossName: "mean absolute error")
        let n = predictions.count
        let p = predictions.storage.pointer, t = targets.storage.pointer
        var total: Double = 0
        for i in 0..<n { total += Swift.abs(Double(p[i]) - Double(t[i])) }
        let loss = Tensor(Float(total / Double(Swift.max(n, 1))))
        let scale = 1 / Float(Swift.max(n, 1))
        return Tensor.recording(loss, [predictions, targets]) { grad in
            let upstream = grad.scalar * scale
            let result = Tensor(uninitializedShape: predictions.shape)
            let d = result.storage.pointer
            for i in 0..<n {
                let difference = p[i] - t[i]
                d[i] = difference > 0 ? upstream : (difference < 0 ? -upstream : 0)
            }
            return [predictions.requiresGradient ? result : nil,
                    targets.requiresGradient ? -result.reshaped(to: targets.shape) : nil]
        }
    }
}

/// The mean absolute error between `predictions` and `targets`; see `MeanAbsoluteError`.
public func meanAbsoluteError(predictions: Tensor, targets: Tensor) -> Tensor {
    MeanAbsoluteError()(predictions: predictions, targets: targets)
}
