/// A weighted running mean, as Keras's `Mean` metric.
///
/// Feed it values directly with `add(_:weight:)` / `add(_:)`, or give it a
/// loss so that, as a compiled metric, it tracks the mean of that loss over
/// the examples seen (each batch weighted by its size):
/// ```swift
/// model.compile(optimizer: .adam(), loss: .sparseCategoricalCrossentropy,
///               metrics: [Mean(name: "mse", of: .meanSquaredError)])
/// ```
public final class Mean: Metric {
    /// The loss averaged by `update(predictions:targets:)`, if any.
    public let loss: Loss?
    private var weightedSum = 0.0
    private var totalWeight = 0.0

    /// A running mean named `name`, of `loss` when one is given.
    public init(name: String = "mean", of loss: Loss? = nil) {
        self.loss = loss
        super.init(name: name)
    }

    /// Forgets everything added.
    public override func reset() { weightedSum = 0; totalWeight = 0 }

    /// Adds one value with a weight (how many examples it stands for).
    public func add(_ value: Double, weight: Double = 1) {
        precondition(weight >= 0 && weight.isFinite, "\(name): weight must be finite and ≥ 0, got \(weight)")
        weightedSum += value * weight
        totalWeight += weight
    }

    /// Adds every element of `values`, each with weight 1.
    public func add(_ values: Tensor) {
        values.withUnsafeBufferPointer { buffer in
            for value in buffer { weightedSum += Double(value) }
        }
        totalWeight += Double(values.count)
    }

    /// Adds the batch's mean loss, weighted by the batch size. Needs `loss`.
    public override func update(predictions: Tensor, targets: Tensor) {
        guard let loss else {
            preconditionFailure("\(name): a Mean without a loss cannot take predictions; create it as Mean(of: someLoss) or call add(_:)")
        }
        let value = withoutGradients { loss(predictions: predictions.detached(), targets: targets).scalar }
        add(Double(value), weight: Double(predictions.rank > 0 ? predictions.shape[0] : 1))
    }

    /// Σ value·weight / Σ weight, or 0 before anything was added.
    public override var result: Double { totalWeight > 0 ? weightedSum / totalWeight : 0 }

    /// A fresh mean with the same name and loss.
    public override func makeFresh() -> Metric { Mean(name: name, of: loss) }
}

extension Metric {
    /// The running mean of `loss` over the examples seen, named after the loss.
    public static func mean(of loss: Loss) -> Metric { Mean(name: loss.name, of: loss) }
}
