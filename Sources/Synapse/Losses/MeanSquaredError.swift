/// The mean of (prediction − target)² over all elements, as Keras's
/// `MeanSquaredError`.
public final class MeanSquaredError: Loss {
    /// The loss.
    public init() { super.init(name: "mean_squared_error") }

    /// The mean squared difference. `targets` holds as many elements as
    /// `predictions` (`[batch]` and `[batch, 1]` pair up).
    public override func callAsFunction(predictions: Tensor, targets: Tensor) -> Tensor {
        let targets = reshapedToMatch(targets, predictions, lossName: "mean squared error")
        let n = predictions.count
        let p = predictions.storage.pointer, t = targets.storage.pointer
        var total: Double = 0
        for i in 0..<n {
            let difference = Double(p[i]) - Double(t[i])
            total += difference * difference
        }
        let loss = Tensor(Float(total / Double(Swift.max(n, 1))))
        let scale = 2 / Float(Swift.max(n, 1))
        return Tensor.recording(loss, [predictions, targets]) { grad in
            let upstream = grad.scalar * scale
            let result = Tensor(uninitializedShape: predictions.shape)
            let d = result.storage.pointer
            for i in 0..<n { d[i] = upstream * (p[i] - t[i]) }
            return [predictions.requiresGradient ? result : nil,
                    targets.requiresGradient ? -result.reshaped(to: targets.shape) : nil]
        }
    }
}

/// The mean squared error between `predictions` and `targets`; see `MeanSquaredError`.
public func meanSquaredError(predictions: Tensor, targets: Tensor) -> Tensor {
    MeanSquaredError()(predictions: predictions, targets: targets)
}
