extension Layer {
    /// The layer, given `name` (Keras's `name=` argument), for use inline:
    /// ```swift
    /// let digit = Dense(10, activation: .softmax).named("digit")(features)
    /// ```
    /// A functional model's logs name each output after the layer that makes
    /// it (`digit_loss`, `digit_accuracy`).
    @discardableResult
    public func named(_ name: String) -> Self {
        self.name = name
        return self
    }
}
