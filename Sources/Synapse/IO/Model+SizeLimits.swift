extension Model {
    /// Builds the model for `inputShape` unless it is built already, first
    /// checking the input and then, layer by layer before each allocates,
    /// its parameters and activations against `limits`.
    /// - Throws: `ModelSizeError` when a limit is passed, or the build's own errors.
    func buildIfNeeded(inputShape: [Int], limits: ModelSizeLimits) throws {
        guard self.inputShape == nil else { return try buildIfNeeded(inputShape: inputShape) }
        try limits.checkActivation(inputShape, layer: "input")
        try ModelSizeLimits.$active.withValue(limits) { try buildIfNeeded(inputShape: inputShape) }
    }
}
