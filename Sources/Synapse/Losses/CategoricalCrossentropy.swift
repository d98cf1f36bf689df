import CSynapseKernels
import Foundation

/// Cross-entropy between one-hot (or soft) targets and predicted class
/// probabilities (or logits): −Σ target·log p over the last axis, averaged
/// over the batch, as Keras's `CategoricalCrossentropy`.
///
/// Probabilities are first rescaled to sum to 1 along the last axis and
/// clipped to [ε, 1 − ε] with ε = 1e-7, as Keras does. When the predictions
/// come from a softmax (such as `Dense(10, activation: .softmax)`), the loss is
/// computed from the softmax's logits in one fused, numerically stable step.
public final class CategoricalCrossentropy: Loss {
    /// Whether predictions are logits rather than probabilities.
    public let fromLogits: Bool

    /// The loss; set `fromLogits` when the model ends without a softmax.
    public init(fromLogits: Bool = false) {
        self.fromLogits = fromLogits
        super.init(name: "categorical_crossentropy")
    }

    /// The mean over rows of −Σ target·log p. `targets` has the shape of `predictions`.
    public override func callAsFunction(predictions: Tensor, targets: Tensor) -> Tensor {
        precondition(predictions.rank >= 1 && predictions.shape == targets.shape,
                     "categorical cross-entropy: predictions \(predictions.shape) and targets \(targets.shape) must have the same shape [batch, …, classes]; for integer labels use SparseCategoricalCrossentropy")
        if fromLogits { return softmaxCrossEntropy(logits: predictions, targets: targets) }
        if let logits = predictions.logits(before: .softmax) {
            return softmaxCrossEntropy(logits: logits, targets: targets)
        }
        let epsilon: Float = 1e-7
        let normalized = predictions / predictions.sum(alongAxis: predictions.rank - 1, keepingDimensions: true)
        let logProbabilities = normalized.clipped(to: epsilon, 1 - epsilon).log()
        return -(targets * logProbabilities).sum(alongAxis: predictions.rank - 1).mean()
    }
}

/// Categorical cross-entropy of `predictions` against one-hot `targets`,
/// averaged over the batch; see `CategoricalCrossentropy`.
public func categoricalCrossentropy(predictions: Tensor, targets: Tensor, fromLogits: Bool = false) -> Tensor {
    CategoricalCrossentropy(fromLogits: fromLogits)(predictions: predictions, targets: targets)
}

/// Mean softmax cross-entropy of `logits` against target distributions
/// (one-hot or soft) of the same shape, fused: one pass computes
/// log-softmax and the loss; the gradient is (softmax·Σtarget − target)/rows
/// for the logits and −log-softmax/rows for the targets.
public func softmaxCrossEntropy(logits: Tensor, targets: Tensor) -> Tensor {
    precondition(logits.rank >= 1 && logits.shape == targets.shape,
                 "softmaxCrossEntropy: logits \(logits.shape) and targets \(targets.shape) must have the same shape")
    let classes = logits.shape[logits.rank - 1]
    let rows = logits.count / Swift.max(classes, 1)
    let logSoftmax = Tensor(uninitializedShape: logits.shape)
    let source = logits.storage.pointer, target = targets.storage.pointer, out = logSoftmax.storage.pointer
    var total: Double = 0
    for row in 0..<rows {
        let input = source + row * classes, output = out + row * classes, wanted = target + row * classes
        var maximum = -Float.infinity
        for j in 0..<classes { maximum = Swift.max(maximum, input[j]) }
        for j in 0..<classes { output[j] = input[j] - maximum }
        syn_vexp(output, output, classes)
        var sum: Float = 0
        for j in 0..<classes { sum += output[j] }
        let logSum = Foundation.log(sum)
        var rowLoss: Double = 0
        for j in 0..<classes {
            output[j] = input[j] - maximum - logSum
            rowLoss -= Double(wanted[j]) * Double(output[j])
        }
        total += rowLoss
    }
    let scale = 1 / Float(Swift.max(rows, 1))
    let loss = Tensor(Float(total / Double(Swift.max(rows, 1))))
    return Tensor.recording(loss, [logits, targets]) { grad in
        let upstream = grad.scalar * scale
        var logitsGradient: Tensor?
        if logits.requiresGradient {
            let result = Tensor(uninitializedShape: logits.shape)
            let dx = result.storage.pointer
            for row in 0..<rows {
                let logY = out + row * classes, wanted = target + row * classes, d = dx + row * classes
                var targetSum: Float = 0
                for j in 0..<classes { targetSum += wanted[j] }
                syn_vexp(logY, d, classes)
                for j in 0..<classes { d[j] = upstream * (d[j] * targetSum - wanted[j]) }
            }
            logitsGradient = result
        }
        let targetsGradient = targets.requiresGradient ? logSoftmax * -upstream : nil
        return [logitsGradient, targetsGradient]
    }
}
