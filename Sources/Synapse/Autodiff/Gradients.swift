/// The gradients of a loss with respect to a model's trainable parameters,
/// in the order of `parameters`.
public struct Gradients {
    /// The parameters, in model order.
    public let parameters: [Parameter]
    /// The gradient of each parameter.
    public let tensors: [Tensor]

    /// The gradient of `parameter`, if it is among these.
    public subscript(parameter: Parameter) -> Tensor? {
        parameters.firstIndex { $0 === parameter }.map { tensors[$0] }
    }
}

/// Runs `body` on `model`, then returns the (scalar) result and its gradients
/// with respect to the model's trainable parameters.
///
/// The recorded graph is released before this returns, so an optimiser can
/// update the parameters in place without copying them.
public func valueWithGradients<M: Layer>(of model: M, _ body: (M) -> Tensor) -> (value: Tensor, gradients: Gradients) {
    let value = body(model)
    let parameters = model.trainableParameters
    let tensors = value.gradients(wrt: parameters.map(\.value))
    return (value.detached(), Gradients(parameters: parameters, tensors: tensors))
}
