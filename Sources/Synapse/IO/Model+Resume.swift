import Foundation

extension Model {
    /// Continues training from a checkpoint written by `ModelCheckpoint` or
    /// `TrainingCheckpoint.write`: restores weights, optimizer state, the
    /// random generator and the history, then trains from the epoch after
    /// the checkpoint's up to `epochs`. The result matches an uninterrupted
    /// run bit for bit. Other arguments are as in `fit(_:_:epochs:…)`.
    ///
    /// `epochs` counts the whole run, the checkpoint's epochs included. Equal
    /// to the checkpoint's count, nothing is trained; below it, the call throws
    /// `ResumeError.epochsBelowCheckpoint` before anything changes.
    @discardableResult
    public func fit(
        _ x: Tensor, _ y: Tensor, epochs: Int = 1, batchSize: Int = 32,
        validationSplit: Double = 0, validationData: (Tensor, Tensor)? = nil,
        shuffle: Bool = true, callbacks: [Callback] = [], verbose: Verbosity = .auto,
        resumeFrom checkpoint: URL
    ) throws -> History {
        let validation = try validationData.map { try TensorBatchSource(inputs: $0.0, targets: $0.1) }
        return try fit(try TensorBatchSource(inputs: x, targets: y), epochs: epochs, batchSize: batchSize,
                       validationSplit: validationSplit, validationData: validation, shuffle: shuffle,
                       callbacks: callbacks, verbose: verbose, resumeFrom: checkpoint)
    }

    /// Continues training on `data` from a checkpoint; see `fit(_:_:…resumeFrom:)`.
    @discardableResult
    public func fit(
        _ data: any BatchSource, epochs: Int = 1, batchSize: Int = 32,
        validationSplit: Double = 0, validationData: (any BatchSource)? = nil,
        shuffle: Bool = true, callbacks: [Callback] = [], verbose: Verbosity = .auto,
        resumeFrom checkpoint: URL
    ) throws -> History {
        let saved = try TrainingCheckpoint(contentsOf: checkpoint)
        guard saved.epoch < epochs else {
            throw ResumeError.epochsBelowCheckpoint(checkpoint: saved.directory.path, completed: saved.epoch + 1, requested: epochs)
        }
        try saved.restore(into: self)
        for case let callback as ModelCheckpoint in callbacks {
            callback.resume(history: saved.history, monitored: saved.monitored)
        }
        return try fit(data, epochs: epochs, batchSize: batchSize, validationSplit: validationSplit,
                       validationData: validationData, shuffle: shuffle, callbacks: callbacks, verbose: verbose,
                       initialEpoch: saved.epoch + 1, history: saved.history)
    }
}
