extension Model {
    /// The model's layers in call order, when its `call` is a plain chain:
    /// each layer takes the previous one's output, the first takes the
    /// model's input, and the last one's output is returned. Nil for any
    /// other structure (branches, tensor arithmetic between layers) or an
    /// unbuilt model.
    ///
    /// Found by running `call` on shapes alone, so it works for subclassed
    /// models as well as `Sequential` (whose nested layers it flattens).
    public func layerChain() -> [Layer]? {
        guard let inputShape else { return nil }
        let input = Tensor.zeros([1] + inputShape)
        var output = input
        guard let trace = try? ShapeInference.run({ output = self.call(input) }), !trace.calls.isEmpty else {
            return nil
        }
        // The same buffer with the same shape: nothing happened in between.
        func isSame(_ a: Tensor, _ b: Tensor) -> Bool { a.storage === b.storage && a.shape == b.shape }
        var expected = input
        for call in trace.calls {
            guard isSame(call.input, expected) else { return nil }
            expected = call.output
        }
        return isSame(output, expected) ? trace.calls.map(\.layer) : nil
    }
}
