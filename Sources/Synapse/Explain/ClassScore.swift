/// One class's score from a model, for each input of a batch: the function
/// every attribution method differentiates or evaluates.
///
/// Runs the model in inference mode, in chunks of at most
/// `maximumBatchSize` examples, with the parameters' gradients switched off
/// (only gradients with respect to inputs or activations are computed).
/// Explaining changes those switches while it runs, so, like training, it
/// needs the model to itself.
public struct ClassScore {
    /// The model explained.
    public let model: Model
    /// Logits or the model's output.
    public let source: ScoreSource
    /// The most examples run through the model at once (memory cap).
    public let maximumBatchSize: Int

    /// A score of `model`'s `source`, run in chunks of `maximumBatchSize`.
    public init(model: Model, source: ScoreSource = .logits, maximumBatchSize: Int = 256) {
        precondition(maximumBatchSize > 0, "ClassScore: maximumBatchSize must be positive, got \(maximumBatchSize)")
        self.model = model
        self.source = source
        self.maximumBatchSize = maximumBatchSize
    }

    /// The scores of `inputs` (`[N, C]`), logits or outputs as `source` says.
    public func scores(_ inputs: Tensor) -> Tensor {
        inspecting { withoutGradients { chunked(inputs) { selected(model($0)) } } }
    }

    /// The model's outputs as they are (probabilities after a softmax), `[N, C]`.
    public func outputs(_ inputs: Tensor) -> Tensor {
        inspecting { withoutGradients { chunked(inputs) { model($0) } } }
    }

    /// Each input's score for its class.
    public func values(_ inputs: Tensor, classes: [Int]) -> [Float] {
        let all = scores(inputs)
        let width = all.shape[1]
        return all.withUnsafeBufferPointer { buffer in classes.indices.map { buffer[$0 * width + classes[$0]] } }
    }

    /// Each input's score for its class and the gradient of that score with
    /// respect to the input (the input's shape).
    public func gradients(_ inputs: Tensor, classes: [Int]) -> (values: [Float], gradients: Tensor) {
        precondition(classes.count == inputs.shape[0],
                     "ClassScore.gradients: \(classes.count) classes for \(inputs.shape[0]) inputs")
        var values: [Float] = []
        values.reserveCapacity(classes.count)
        let gradients = inspecting {
            chunked(inputs) { chunk, range in
                let leaf = chunk.detached().requiringGradient()
                let picked = picking(selected(model(leaf)), classes: Array(classes[range]))
                values += picked.scalars
                return picked.sum().gradients(wrt: [leaf])[0]
            }
        }
        return (values, gradients)
    }

    /// The scores of `output` for `classes`, one per row, as a recorded
    /// operation (so it can be differentiated).
    func picking(_ output: Tensor, classes: [Int]) -> Tensor {
        let width = output.shape[1]
        var mask = [Float](repeating: 0, count: classes.count * width)
        for (row, index) in classes.enumerated() { mask[row * width + index] = 1 }
        return (output * Tensor(shape: output.shape, scalars: mask)).sum(alongAxis: 1)
    }

    /// The logits behind a final softmax, or `output`, as `source` asks.
    func selected(_ output: Tensor) -> Tensor {
        precondition(output.rank == 2, "ClassScore: the model's output has shape \(output.shape), not [batch, classes]")
        guard source == .logits else { return output }
        return output.logits(before: .softmax) ?? output
    }

    /// Runs `body` with the model in inference mode and its parameters'
    /// gradients off, restoring both afterwards.
    func inspecting<R>(_ body: () throws -> R) rethrows -> R {
        let wasTraining = model.isTraining
        let parameters = model.parameters
        if wasTraining { model.setTraining(false) }
        for parameter in parameters { parameter.recordsGradient = false }
        defer {
            for parameter in parameters { parameter.recordsGradient = true }
            if wasTraining { model.setTraining(true) }
        }
        return try body()
    }

    /// `body` applied to consecutive chunks of at most `maximumBatchSize`
    /// rows, the results concatenated along the batch axis.
    func chunked(_ inputs: Tensor, _ body: (Tensor, Range<Int>) -> Tensor) -> Tensor {
        let count = inputs.shape[0]
        if count <= maximumBatchSize { return body(inputs, 0..<count) }
        var parts: [Tensor] = []
        for start in stride(from: 0, to: count, by: maximumBatchSize) {
            let range = start..<min(start + maximumBatchSize, count)
            parts.append(body(inputs[range].detached(), range))
        }
        return concatenate(parts)
    }

    /// `body` applied to chunks, when the range is not needed.
    func chunked(_ inputs: Tensor, _ body: (Tensor) -> Tensor) -> Tensor {
        chunked(inputs) { chunk, _ in body(chunk) }
    }
}
