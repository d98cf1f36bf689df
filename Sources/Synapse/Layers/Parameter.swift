/// A trainable (or saved but frozen) tensor owned by a layer, like Keras's
/// weights and PyTorch's `nn.Parameter`.
///
/// Layers hold parameters as stored properties; models find them by
/// reflection, so no registration is needed. Optimisers update `value` in
/// place.
///
/// Shared between threads under the rule `Layer` documents: many readers
/// (inference), or one writer (training) alone.
public final class Parameter {
    /// The current value. For a trainable parameter it is a gradient leaf, so
    /// `gradients(wrt:)` can return its gradient.
    public var value: Tensor {
        didSet { attachLeaf() }
    }
    /// Whether optimisers update this parameter (false for e.g. running statistics).
    public let isTrainable: Bool

    /// Wraps `value`; a trainable parameter records gradients.
    public init(_ value: Tensor, trainable: Bool = true) {
        self.value = value
        self.isTrainable = trainable
        attachLeaf()
    }

    /// False while a method differentiates with respect to a model's inputs
    /// only (attributions): the value is then no gradient leaf, so no
    /// operation spends time on this parameter's gradient.
    var recordsGradient = true {
        didSet { attachLeaf() }
    }

    /// The parameter's shape.
    public var shape: [Int] { value.shape }

    /// Overwrites the elements in place, keeping the gradient leaf.
    public func update(_ body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        value.withUnsafeMutableBufferPointer(body)
    }

    private func attachLeaf() {
        let isLeaf = isTrainable && recordsGradient
        if isLeaf, value.gradNode == nil || value.gradNode?.backward != nil {
            value = value.requiringGradient()
        } else if !isLeaf, value.gradNode != nil {
            value = value.detached()
        }
    }
}
