extension Model {
    /// Trains on `x` and `y` from an `async` context; see the synchronous
    /// `fit(_:_:epochs:…)`.
    ///
    /// Training runs on the caller's executor (it is CPU work that the
    /// library's own thread pool spreads over the cores). Cancelling the task
    /// stops it before the next step and throws `CancellationError`; the model
    /// keeps the steps already taken, and callbacks have seen every finished
    /// batch.
    @discardableResult
    nonisolated(nonsending) public func fit(
        _ x: Tensor, _ y: Tensor, epochs: Int = 1, batchSize: Int = 32,
        validationSplit: Double = 0, validationData: (Tensor, Tensor)? = nil,
        shuffle: Bool = true, callbacks: [Callback] = [], verbose: Verbosity = .auto
    ) async throws -> History {
        // Inside a synchronous closure, `fit` names the synchronous overload.
        let train: () throws -> History = {
            try self.fit(x, y, epochs: epochs, batchSize: batchSize, validationSplit: validationSplit,
                         validationData: validationData, shuffle: shuffle, callbacks: callbacks, verbose: verbose)
        }
        return try train()
    }

    /// Trains on batches drawn from `data` from an `async` context; see
    /// `fit(_:_:epochs:…) async`.
    @discardableResult
    nonisolated(nonsending) public func fit(
        _ data: any BatchSource, epochs: Int = 1, batchSize: Int = 32,
        validationSplit: Double = 0, validationData: (any BatchSource)? = nil,
        shuffle: Bool = true, callbacks: [Callback] = [], verbose: Verbosity = .auto
    ) async throws -> History {
        let train: () throws -> History = {
            try self.fit(data, epochs: epochs, batchSize: batchSize, validationSplit: validationSplit,
                         validationData: validationData, shuffle: shuffle, callbacks: callbacks, verbose: verbose)
        }
        return try train()
    }
}
