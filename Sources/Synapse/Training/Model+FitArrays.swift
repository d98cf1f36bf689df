import Foundation

/// `fit`, `evaluate` and `predict` for models with several inputs or
/// outputs: one array per input and one per output, in the order of the
/// model's inputs and outputs, as Keras's `fit(x=[xa, xb], y=[ya, yb])`.
extension Model {
    /// Trains the model on one array per input (`x`) and one per output
    /// (`y`), every array holding the same examples along its first axis.
    /// Batches take the same rows of every array (one shuffle for all).
    ///
    /// Compile first with a loss per output
    /// (`compile(optimizer:loss:lossWeights:metrics:)` with a list or a
    /// dictionary) or one loss for every output. The logs and the History
    /// hold the total loss (`loss`) and, with several outputs, each output's
    /// loss and metrics (`<output>_loss`, `<output>_accuracy`), each with a
    /// `val_` twin when there is validation data. Other arguments are as in
    /// `fit(_:_:epochs:…)`.
    ///
    /// - Throws: `LayerError` when the number of arrays is not the model's
    ///   number of inputs or outputs, when arrays hold different numbers of
    ///   examples, or when an array's example shape is not its input's;
    ///   `TrainingDataError` for a bad class label.
    @discardableResult
    public func fit(
        _ x: [Tensor], _ y: [Tensor], epochs: Int = 1, batchSize: Int = 32,
        validationSplit: Double = 0, validationData: ([Tensor], [Tensor])? = nil,
        shuffle: Bool = true, callbacks: [Callback] = [], verbose: Verbosity = .auto
    ) throws -> History {
        let (data, validation) = try arraySources(x, y, validationData: validationData)
        return try fit(data, epochs: epochs, batchSize: batchSize, validationSplit: validationSplit,
                       validationData: validation, shuffle: shuffle, callbacks: callbacks, verbose: verbose)
    }

    /// Continues training on arrays from a checkpoint; see
    /// `fit(_:_:…resumeFrom:)` and `fit(_:_:epochs:…)` for lists of arrays.
    @discardableResult
    public func fit(
        _ x: [Tensor], _ y: [Tensor], epochs: Int = 1, batchSize: Int = 32,
        validationSplit: Double = 0, validationData: ([Tensor], [Tensor])? = nil,
        shuffle: Bool = true, callbacks: [Callback] = [], verbose: Verbosity = .auto,
        resumeFrom checkpoint: URL
    ) throws -> History {
        let (data, validation) = try arraySources(x, y, validationData: validationData)
        return try fit(data, epochs: epochs, batchSize: batchSize, validationSplit: validationSplit,
                       validationData: validation, shuffle: shuffle, callbacks: callbacks, verbose: verbose,
                       resumeFrom: checkpoint)
    }

    /// The loss and metrics on one array per input and one per output, in
    /// inference mode; with several outputs, `Evaluation.metrics` also holds
    /// each output's loss and metrics under Keras's names.
    public func evaluate(_ x: [Tensor], _ y: [Tensor], batchSize: Int = 32, verbose: Verbosity = .auto) throws -> Evaluation {
        try evaluate(try TensorArraysBatchSource(inputs: x, targets: y), batchSize: batchSize, verbose: verbose)
    }

    /// The model's outputs for one array per input, computed in batches in
    /// inference mode: one tensor per output, in the order of the outputs.
    ///
    /// - Throws: `LayerError` when the number of arrays is not the model's
    ///   number of inputs, the arrays hold different numbers of examples, or
    ///   an array's example shape is not its input's.
    public func predict(_ x: [Tensor], batchSize: Int = 32) throws -> [Tensor] {
        guard batchSize > 0 else { throw LayerError.mismatchedData("predict: batchSize (\(batchSize)) must be > 0") }
        let source = try TensorArraysBatchSource(inputs: x, targets: x.isEmpty ? [] : [x[0]])
        try buildForInputArrays(shapes: source.inputShapes)
        eval()
        return withoutGradients {
            var batches: [[Tensor]] = []
            var start = 0
            while start < source.count {
                let end = Swift.min(start + batchSize, source.count)
                batches.append(outputs(for: x.map { $0[start ..< end] }))
                start = end
            }
            guard let first = batches.first else { return outputs(for: x) }
            return first.indices.map { output in
                batches.count == 1 ? first[output] : concatenate(batches.map { $0[output] }, alongAxis: 0)
            }
        }
    }

    /// The sources for `x` and `y` and for the validation arrays.
    private func arraySources(_ x: [Tensor], _ y: [Tensor], validationData: ([Tensor], [Tensor])?) throws
        -> (data: TensorArraysBatchSource, validation: TensorArraysBatchSource?) {
        let data = try TensorArraysBatchSource(inputs: x, targets: y)
        do {
            return (data, try validationData.map { try TensorArraysBatchSource(inputs: $0.0, targets: $0.1) })
        } catch let LayerError.mismatchedData(message) {
            throw LayerError.mismatchedData("validationData: " + message)
        }
    }
}
