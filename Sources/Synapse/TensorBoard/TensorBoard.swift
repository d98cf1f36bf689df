import Foundation

/// Writes TensorBoard logs during `fit`, without TensorFlow, as Keras's
/// `TensorBoard` callback does: `logDirectory/train` and
/// `logDirectory/validation` hold one event file each.
///
/// - Scalars at every epoch end (step = epoch, from 0): `epoch_loss`, each
///   metric as `epoch_<name>`, the learning rate (`epoch_learning_rate`) and
///   any other number in the logs (ε when training privately); validation
///   values (`val_…`) go to the validation run under the same tags.
/// - With `updateFrequency: .batches(n)`, also `batch_loss` and the batch
///   metrics every n steps (step = steps since training began).
/// - Histograms of every parameter, and of its gradient on the sample batch,
///   every `histogramFrequency` epochs (0 turns them off).
/// - Images: the sample inputs with the model's prediction and its
///   probability written on each, every epoch (needs `samples`).
/// - With an `explanation`, also an attribution map of each of the first
///   samples blended over it (`explain/<method>/<index>`), every epoch.
/// - The hyper-parameters, as a text table, once.
///
/// ```swift
/// let board = TensorBoard(logDirectory: URL(fileURLWithPath: "logs/run1"),
///                         samples: (inputs: xTest[0 ..< 8], targets: yTest[0 ..< 8]))
/// try model.fit(xTrain, yTrain, epochs: 5, callbacks: [board])
/// // tensorboard --logdir logs
/// ```
public final class TensorBoard: Callback {
    /// Rank 0 alone writes it in data-parallel training.
    public override var runsOnEveryRank: Bool { false }

    /// When batch-level scalars are written.
    public enum UpdateFrequency: Equatable, Sendable {
        /// Only at epoch ends.
        case epoch
        /// Every n training steps, and at epoch ends.
        case batches(Int)
    }

    /// The folder holding the `train` and `validation` runs.
    public let logDirectory: URL
    /// When batch-level scalars are written.
    public let updateFrequency: UpdateFrequency
    /// Histograms every this many epochs; 0 for none.
    public let histogramFrequency: Int
    /// Inputs (and their targets) shown as images and used for gradient histograms.
    public let samples: (inputs: Tensor, targets: Tensor)?
    /// Hyper-parameters written once as a text table.
    public let hyperparameters: [(name: String, value: String)]
    /// The attribution maps of the samples logged every epoch, if any.
    public let explanation: SampleExplanation?
    /// The first error met while writing, if any; training is not stopped by it.
    public private(set) var writeError: Error?

    private var train: EventFileWriter?
    private var validation: EventFileWriter?
    private var step = 0

    /// Logs into `logDirectory`; see the type's description for what is
    /// written. An `explanation` needs `samples` to explain.
    public init(logDirectory: URL, updateFrequency: UpdateFrequency = .epoch, histogramFrequency: Int = 1,
                samples: (inputs: Tensor, targets: Tensor)? = nil,
                hyperparameters: [(name: String, value: String)] = [], explanation: SampleExplanation? = nil) {
        if case .batches(let n) = updateFrequency {
            precondition(n >= 1, "TensorBoard: updateFrequency .batches(n) needs n ≥ 1, not \(n)")
        }
        precondition(histogramFrequency >= 0, "TensorBoard: histogramFrequency must be ≥ 0, not \(histogramFrequency)")
        precondition(explanation == nil || samples != nil, "TensorBoard: an explanation needs samples to explain")
        self.logDirectory = logDirectory
        self.updateFrequency = updateFrequency
        self.histogramFrequency = histogramFrequency
        self.samples = samples
        self.hyperparameters = hyperparameters
        self.explanation = explanation
    }

    /// Opens the two event files and writes the hyper-parameters.
    public override func trainingWillBegin(model: Model) {
        step = 0
        record {
            train = try EventFileWriter(directory: logDirectory.appendingPathComponent("train"))
            validation = try EventFileWriter(directory: logDirectory.appendingPathComponent("validation"))
            if !hyperparameters.isEmpty {
                let rows = hyperparameters.map { "| \($0.name) | \($0.value) |" }
                train?.add(.text((["| hyper-parameter | value |", "|---|---|"] + rows).joined(separator: "\n")),
                           tag: "hyperparameters", step: 0)
            }
            try train?.flush()
        }
    }

    /// Writes batch scalars every n steps.
    public override func batchDidEnd(_ batch: Int, model: Model, logs: [String: Double]) {
        step += 1
        guard case .batches(let n) = updateFrequency, step % n == 0 else { return }
        for (name, value) in logs.sorted(by: { $0.key < $1.key }) {
            train?.add(.scalar(value), tag: "batch_\(name)", step: step)
        }
    }

    /// Writes the epoch's scalars, histograms and images, and flushes.
    public override func epochDidEnd(_ epoch: Int, model: Model, logs: [String: Double]) {
        for (name, value) in logs.sorted(by: { $0.key < $1.key }) {
            if name.hasPrefix("val_") {
                validation?.add(.scalar(value), tag: "epoch_\(name.dropFirst(4))", step: epoch)
            } else {
                train?.add(.scalar(value), tag: "epoch_\(name)", step: epoch)
            }
        }
        if let optimizer = model.compiled?.optimizer {
            train?.add(.scalar(Double(optimizer.currentLearningRate)), tag: "epoch_learning_rate", step: epoch)
        }
        if histogramFrequency > 0, epoch % histogramFrequency == 0 { addHistograms(model: model, epoch: epoch) }
        if let samples { addSampleImages(samples.inputs, model: model, epoch: epoch) }
        if let samples, let explanation {
            record {
                for (tag, picture) in try explanation.pictures(of: samples.inputs, model: model) {
                    train?.add(.image(picture), tag: tag, step: epoch)
                }
            }
        }
        record {
            try train?.flush()
            try validation?.flush()
        }
    }

    /// Flushes whatever is left.
    public override func trainingDidEnd(model: Model, logs: [String: Double]) {
        record {
            try train?.flush()
            try validation?.flush()
        }
    }

    private func addHistograms(model: Model, epoch: Int) {
        for (name, parameter) in model.namedParameters {
            train?.add(.histogram(Histogram(parameter.value.scalars)), tag: name, step: epoch)
        }
        // Gradients on the samples need a model of one input and one output.
        guard let samples, let loss = model.compiled?.loss, (try? model.checkTakesOneTensor()) != nil else { return }
        let (_, gradients) = valueWithGradients(of: model) { loss(predictions: $0(samples.inputs), targets: samples.targets) }
        let names = Dictionary(model.namedParameters.map { (ObjectIdentifier($0.parameter), $0.name) }) { first, _ in first }
        for (parameter, gradient) in zip(gradients.parameters, gradients.tensors) {
            guard let name = names[ObjectIdentifier(parameter)] else { continue }
            train?.add(.histogram(Histogram(gradient.scalars)), tag: "\(name)/gradient", step: epoch)
        }
    }

    private func addSampleImages(_ inputs: Tensor, model: Model, epoch: Int) {
        guard let predictions = try? model.predict(inputs), predictions.rank == 2 else { return }
        for (index, prediction) in ClassPrediction.rows(of: predictions).enumerated() {
            let caption = "\(prediction.labelText(classNames: model.classNames)) \(String(format: "%.2f", prediction.probability))"
            guard let picture = RGBImage(picturing: inputs[index ..< index + 1])?.captioned(caption) else { return }
            train?.add(.image(picture), tag: "samples/\(index)", step: epoch)
        }
    }

    private func record(_ body: () throws -> Void) {
        do { try body() } catch { if writeError == nil { writeError = error } }
    }
}
