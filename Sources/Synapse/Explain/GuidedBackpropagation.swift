/// Guided backpropagation (Springenberg et al., 2015): the gradient of the
/// score, with only positive gradients let back through each ReLU. Sharp,
/// edge-like maps; on its own it shows the image more than the model
/// (it barely changes when the model is randomised), so it is best used
/// inside Guided Grad-CAM.
///
/// The ReLUs it finds are the layers with a ReLU activation (`Dense`,
/// `Conv2D`, `ActivationLayer`); a `relu()` written inside a model's `call`
/// is not guided.
public struct GuidedBackpropagation: AttributionMethod {
    /// Guided backpropagation.
    public init() {}

    /// `"guidedbackprop"`.
    public var name: String { "guidedbackprop" }

    /// The guided gradients of the scores.
    public func attributions(for inputs: Tensor, classes: [Int], score: ClassScore) throws -> Tensor {
        LayerOutputTap.run({ layer, output in
            Self.appliesReLU(layer) ? output.passingPositiveGradients() : output
        }) {
            score.gradients(inputs, classes: classes).gradients
        }
    }

    /// Whether `layer` ends in a ReLU.
    static func appliesReLU(_ layer: Layer) -> Bool {
        let activation = (layer as? Dense)?.activation ?? (layer as? WindowedConvolution)?.activation
            ?? (layer as? ActivationLayer)?.activation
        return activation?.name == Activation.relu.name
    }
}

/// Guided Grad-CAM (Selvaraju et al., 2017): guided backpropagation times the
/// Grad-CAM map resized to the input, so the sharp detail shows only where
/// the class's evidence is. As Captum's `GuidedGradCam` (ReLU on the map,
/// nearest-neighbour resizing, by default).
public struct GuidedGradCAM: AttributionMethod {
    /// The Grad-CAM part (its layer, ReLU and resizing).
    public var gradCAM: GradCAM

    /// Guided Grad-CAM at `layer` (default: the last convolution).
    public init(layer: String? = nil, resizing: MapResizing = .nearest) {
        gradCAM = GradCAM(layer: layer, appliesReLU: true, resizing: resizing)
    }

    /// `"guidedgradcam"`.
    public var name: String { "guidedgradcam" }

    /// Guided gradients times the resized Grad-CAM maps.
    public func attributions(for inputs: Tensor, classes: [Int], score: ClassScore) throws -> Tensor {
        let maps = try gradCAM.attributions(for: inputs, classes: classes, score: score)
        let guided = try GuidedBackpropagation().attributions(for: inputs, classes: classes, score: score)
        return withoutGradients { guided * maps }
    }
}
