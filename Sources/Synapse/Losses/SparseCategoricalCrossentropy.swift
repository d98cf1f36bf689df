import CSynapseKernels
import Foundation

/// Cross-entropy between integer class labels and predicted class
/// probabilities (or logits): −log p[label], averaged over the batch, as
/// Keras's `SparseCategoricalCrossentropy`.
///
/// Probabilities are first clipped to [ε, 1 − ε] with ε = 1e-7 and then
/// rescaled to sum to 1 along the last axis, as Keras does, so rows that do
/// not sum to 1 give Keras's loss and gradient.
///
/// When the predictions come from a softmax (such as
/// `Dense(10, activation: .softmax)`), the loss is computed from the softmax's
/// logits in one fused, numerically stable step, as Keras does.
public final class SparseCategoricalCrossentropy: Loss {
    /// Whether predictions are logits rather than probabilities.
    public let fromLogits: Bool

    /// The loss; set `fromLogits` when the model ends without a softmax.
    public init(fromLogits: Bool = false) {
        self.fromLogits = fromLogits
        super.init(name: "sparse_categorical_crossentropy")
    }

    /// Targets are class indices, checked per batch by `fit` and `evaluate`.
    public override var takesClassIndices: Bool { true }

    /// The mean of −log p[label]. `targets` holds class indices, `[batch]` or `[batch, 1]`.
    public override func callAsFunction(predictions: Tensor, targets: Tensor) -> Tensor {
        if fromLogits { return sparseSoftmaxCrossEntropy(logits: predictions, labels: targets) }
        if let logits = predictions.logits(before: .softmax) {
            return sparseSoftmaxCrossEntropy(logits: logits, labels: targets)
        }
        // Plain probabilities: clip, then renormalise each row, as Keras does
        // (it takes the softmax of the clipped probabilities' logs).
        let epsilon: Float = 1e-7
        let clipped = predictions.clipped(to: epsilon, 1 - epsilon)
        let logProbabilities = (clipped / clipped.sum(alongAxis: predictions.rank - 1, keepingDimensions: true)).log()
        return -pickLabels(logProbabilities, targets).mean()
    }
}

/// The value at each row's label: `values[i, labels[i]]`, differentiable in `values`.
func pickLabels(_ values: Tensor, _ labels: Tensor) -> Tensor {
    let classes = values.shape[values.rank - 1]
    let rows = values.count / Swift.max(classes, 1)
    precondition(labels.count == rows,
                 "sparse cross-entropy: predictions \(values.shape) need \(rows) labels, got labels of shape \(labels.shape)")
    let indices = labels.scalars.map { label -> Int in
        let index = Int(label)
        precondition(index >= 0 && index < classes && Float(index) == label,
                     "sparse cross-entropy: label \(label) is not a class index in 0..<\(classes)")
        return index
    }
    let picked = Tensor(uninitializedShape: [rows])
    for row in 0..<rows { picked.storage.pointer[row] = values.storage.pointer[row * classes + indices[row]] }
    let shape = values.shape
    return Tensor.recording(picked, values) { grad in
        let full = Tensor.zeros(shape)
        for row in 0..<rows { full.storage.pointer[row * classes + indices[row]] = grad.storage.pointer[row] }
        return full
    }
}

/// Mean softmax cross-entropy of `logits` against integer `labels`, fused:
/// one pass computes the loss and keeps softmax − onehot for the gradient.
public func sparseSoftmaxCrossEntropy(logits: Tensor, labels: Tensor) -> Tensor {
    let classes = logits.shape[logits.rank - 1]
    let rows = logits.count / Swift.max(classes, 1)
    precondition(labels.count == rows,
                 "sparseSoftmaxCrossEntropy: logits \(logits.shape) need \(rows) labels, got labels of shape \(labels.shape)")
    let gradient = Tensor(uninitializedShape: logits.shape)
    var total: Double = 0
    let source = logits.storage.pointer, target = gradient.storage.pointer, labelValues = labels.storage.pointer
    let scale = 1 / Float(Swift.max(rows, 1))
    for row in 0..<rows {
        let label = Int(labelValues[row])
        precondition(label >= 0 && label < classes && Float(label) == labelValues[row],
                     "sparseSoftmaxCrossEntropy: label \(labelValues[row]) is not a class index in 0..<\(classes)")
        let input = source + row * classes, out = target + row * classes
        var maximum = -Float.infinity
        for j in 0..<classes { maximum = Swift.max(maximum, input[j]) }
        for j in 0..<classes { out[j] = input[j] - maximum }
        let shiftedLabelLogit = out[label]
        syn_vexp(out, out, classes)
        var sum: Float = 0
        for j in 0..<classes { sum += out[j] }
        total += Double(Foundation.log(sum) - shiftedLabelLogit)
        let inverse = scale / sum
        for j in 0..<classes { out[j] *= inverse }
        out[label] -= scale
    }
    let loss = Tensor(Float(total / Double(Swift.max(rows, 1))))
    return Tensor.recording(loss, logits) { grad in gradient * grad.scalar }
}
