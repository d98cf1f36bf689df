/// Grad-CAM (Selvaraju et al., 2017): where in the image a convolution layer
/// saw evidence for the class. Each channel of the layer's output is weighted
/// by the spatial mean of the score's gradient there; the weighted sum over
/// channels, through a ReLU, is resized to the input.
///
/// The result has the input's shape (the map repeated over its channels).
public struct GradCAM: AttributionMethod {
    /// The layer's property path (`"conv2d_1"`, `"conv2"`); nil for the last convolution.
    public var layer: String?
    /// Whether negative evidence is cut (the paper's ReLU; Captum's
    /// `relu_attributions`, which is off there by default).
    public var appliesReLU: Bool
    /// How the layer-sized map is resized to the input.
    public var resizing: MapResizing

    /// Grad-CAM at `layer` (default: the last convolution).
    public init(layer: String? = nil, appliesReLU: Bool = true, resizing: MapResizing = .bilinear) {
        self.layer = layer
        self.appliesReLU = appliesReLU
        self.resizing = resizing
    }

    /// `"gradcam"`.
    public var name: String { "gradcam" }

    /// The resized maps, repeated over the input's channels.
    public func attributions(for inputs: Tensor, classes: [Int], score: ClassScore) throws -> Tensor {
        let image = try imageSize(of: inputs, method: "Grad-CAM")
        let maps = try layerMaps(for: inputs, classes: classes, score: score)
        let resized = resizing.resize(maps.values, count: inputs.shape[0], height: maps.height, width: maps.width,
                                      outHeight: image.height, outWidth: image.width)
        return spreadOverChannels(resized, like: inputs, channels: image.channels)
    }

    /// The property path of the layer Grad-CAM uses by default: the model's
    /// last convolution. Throws `ExplainError.noConvolution` when it has none.
    public static func defaultLayer(in model: Model) throws -> String {
        try LayerPath.lastConvolution(in: model).path
    }

    /// The maps at the layer's own resolution (`[N, h, w]`, flattened).
    public func layerMaps(for inputs: Tensor, classes: [Int], score: ClassScore) throws
        -> (values: [Float], height: Int, width: Int) {
        let (path, target) = try layer.map { ($0, try LayerPath.layer(at: $0, in: score.model)) }
            ?? LayerPath.lastConvolution(in: score.model)
        var values: [Float] = []
        var size: (height: Int, width: Int)?
        var failure: ExplainError?
        _ = score.inspecting {
            score.chunked(inputs.detached()) { chunk, range in
                guard failure == nil else { return chunk }
                var activation: Tensor?
                let scores = LayerOutputTap.run({ layer, output in
                    guard layer === target else { return output }
                    let leaf = output.detached().requiringGradient()
                    activation = leaf
                    return leaf
                }) { score.picking(score.selected(score.model(chunk)), classes: Array(classes[range])) }
                guard let activation else { failure = .layerNotCalled(path: path); return chunk }
                guard activation.rank == 4 else {
                    failure = .layerOutputNotSpatial(path: path, shape: activation.shape)
                    return chunk
                }
                let gradient = scores.sum().gradients(wrt: [activation])[0]
                values += weightedActivations(activation.detached(), gradient)
                size = (activation.shape[1], activation.shape[2])
                return chunk
            }
        }
        if let failure { throw failure }
        guard let size else { throw ExplainError.layerNotCalled(path: path) }
        return (values, size.height, size.width)
    }

    /// Σ_c mean_{h,w}(gradient)_c · activation_c, through the ReLU if asked.
    private func weightedActivations(_ activation: Tensor, _ gradient: Tensor) -> [Float] {
        withoutGradients {
            let channelWeights = gradient.mean(alongAxes: [1, 2], keepingDimensions: true)
            let map = (activation * channelWeights).sum(alongAxis: 3)
            return (appliesReLU ? map.relu() : map).scalars
        }
    }
}
