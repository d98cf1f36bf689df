/// Layers of a model named by their property path: `conv2` in a subclassed
/// model, `conv2d_1` in a `Sequential`, `encoder.conv1` for nested models.
enum LayerPath {
    /// Every layer under `model`, depth first, with its dotted path.
    static func all(in model: Layer) -> [(path: String, layer: Layer)] {
        var found: [(String, Layer)] = []
        func visit(_ layer: Layer, prefix: String) {
            for (name, child) in layer.sublayers {
                let path = prefix.isEmpty ? name : "\(prefix).\(name)"
                found.append((path, child))
                visit(child, prefix: path)
            }
        }
        visit(model, prefix: "")
        return found
    }

    /// The layer at `path`, or `ExplainError.unknownLayer` listing the paths there are.
    static func layer(at path: String, in model: Model) throws -> Layer {
        let layers = all(in: model)
        guard let match = layers.first(where: { $0.path == path }) else {
            throw ExplainError.unknownLayer(path: path, available: layers.map(\.path))
        }
        return match.layer
    }

    /// The last convolution in declaration order, with its path, or
    /// `ExplainError.noConvolution`.
    static func lastConvolution(in model: Model) throws -> (path: String, layer: Layer) {
        guard let last = all(in: model).last(where: { $0.layer is Conv2D || $0.layer is DepthwiseConv2D }) else {
            throw ExplainError.noConvolution(model: model.name)
        }
        return last
    }
}
