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

/// Runs `body` on `model` in training mode, then returns the (scalar) result
/// and its gradients with respect to the model's trainable parameters.
///
/// A hand-written training loop is therefore correct as written: Dropout drops
/// and BatchNormalization uses batch statistics inside `body`, as in PyTorch
/// after `model.train()`. The model's previous mode is restored afterwards, so
/// a plain `model(x)` outside stays in inference mode. Pass `training: false`
/// to differentiate the model as it runs for inference (input attributions,
/// for example).
///
/// The recorded graph is released before this returns, so an optimiser can
/// update the parameters in place without copying them.
public func valueWithGradients<M: Layer>(
    of model: M, training: Bool = true, _ body: (M) -> Tensor
) -> (value: Tensor, gradients: Gradients) {
    valueWithGradientsReporting(of: model, training: training, onReady: nil, body)
}

/// `valueWithGradients(of:training:_:)`, reporting each parameter's gradient
/// (by its index in `trainableParameters`) as soon as the backward pass has
/// finished it.
func valueWithGradientsReporting<M: Layer>(
    of model: M, training: Bool, onReady: ((Int, Tensor) -> Void)?, _ body: (M) -> Tensor
) -> (value: Tensor, gradients: Gradients) {
    let previousMode = model.isTraining
    if previousMode != training { model.setTraining(training) }
    defer { if previousMode != training { model.setTraining(previousMode) } }
    let value = body(model)
    let parameters = model.trainableParameters
    let tensors = value.gradients(wrt: parameters.map(\.value), seed: nil, onReady: onReady)
    return (value.detached(), Gradients(parameters: parameters, tensors: tensors))
}
