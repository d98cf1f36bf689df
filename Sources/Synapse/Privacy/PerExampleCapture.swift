/// Records, during one forward pass, what each layer with parameters needs
/// for per-example gradients: its input and its (pre-activation) output,
/// which stays on the gradient tape so the backward pass can return its
/// gradient.
///
/// While a capture is current on a thread, `Layer.callAsFunction` hands every
/// non-container layer to `run(_:_:)`. A layer with a per-example gradient
/// rule then computes with its parameters detached, so the backward pass
/// skips the batch's parameter gradients (they are rebuilt, clipped, from
/// what is recorded here). A layer that mixes examples or has no rule is
/// recorded as an error, thrown when the pass ends.
final class PerExampleCapture {
    private static let perThread = ThreadLocal<PerExampleCapture?> { nil }

    /// The capture of the forward pass running on this thread, if any.
    static var current: PerExampleCapture? {
        get { perThread.value }
        set { perThread.value = newValue }
    }

    /// One layer's call: the layer, its input, and its output before the activation.
    struct Entry {
        let rule: any PerExampleGradientRule
        let input: Tensor
        let output: Tensor
    }

    private(set) var entries: [Entry] = []
    private(set) var error: PrivacyError?

    /// Runs `body` (a forward pass) with this capture current on the thread.
    func capturing<R>(_ body: () throws -> R) rethrows -> R {
        let previous = PerExampleCapture.current
        PerExampleCapture.current = self
        defer { PerExampleCapture.current = previous }
        return try body()
    }

    /// Records a masked call of `layer` (see `MaskConsumingLayer`): no
    /// per-example rule takes a mask, so a layer with parameters is an error
    /// (a container's own layers are captured as they run).
    func recordMaskedCall(of layer: Layer) {
        guard !layer.isContainer, !layer.trainableParameters.isEmpty else { return }
        error = error ?? .unsupportedLayer(layer: layer.name, type: String(describing: type(of: layer)))
    }

    /// Runs `layer` on `input`, recording it when it has parameters.
    func run(_ layer: Layer, _ input: Tensor) -> Tensor {
        if layer.isContainer { return layer.call(input) }
        if layer is BatchNormalization {
            error = error ?? .mixesExamples(layer: layer.name)
            return layer.call(input)
        }
        guard let rule = layer as? any PerExampleGradientRule else {
            if !layer.trainableParameters.isEmpty {
                error = error ?? .unsupportedLayer(layer: layer.name, type: String(describing: type(of: layer)))
            }
            return layer.call(input)
        }
        if entries.contains(where: { $0.rule === rule }) {
            error = error ?? .layerCalledTwice(layer: layer.name)
        }
        let (output, finish) = rule.forwardWithDetachedParameters(input)
        // The first layer's output has no tape behind it; make it a leaf so its gradient is returned.
        let tapped = output.requiresGradient ? output : output.requiringGradient()
        entries.append(Entry(rule: rule, input: input.detached(), output: tapped))
        return finish(tapped)
    }
}
