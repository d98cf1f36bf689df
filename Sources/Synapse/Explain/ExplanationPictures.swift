import Foundation

/// The pictures of a set of explanations, as `synapse explain` writes them:
/// per input and method a heat map and an overlay, and one grid of them all.
public struct ExplanationPictures {
    /// One method's maps for every input.
    public struct MethodMaps {
        /// The method's short name (file names and the grid's header).
        public let name: String
        /// The attributions, `[N, …]` (the inputs' shape).
        public let attributions: Tensor
        /// Whether the maps are signed (diverging colours) or magnitudes.
        public let isSigned: Bool

        /// `attributions` made by the method called `name`.
        public init(name: String, attributions: Tensor, isSigned: Bool) {
            self.name = name
            self.attributions = attributions
            self.isSigned = isSigned
        }
    }

    /// The inputs, `[N, …]` (`[h, w]`, `[h, w, c]` or a flat square per example).
    public let inputs: Tensor
    /// The text beside each input in the grid (its prediction).
    public let captions: [String]
    /// The maps of each method.
    public let methods: [MethodMaps]
    /// How much the single pictures are enlarged (the grid uses 3).
    public var scale = 4

    /// Pictures of `methods`' maps of `inputs`, with `captions` in the grid.
    public init(inputs: Tensor, captions: [String], methods: [MethodMaps]) {
        precondition(captions.count == inputs.shape[0], "ExplanationPictures: \(captions.count) captions for \(inputs.shape[0]) inputs")
        self.inputs = inputs
        self.captions = captions
        self.methods = methods
    }

    /// The input pictures, one per example; throws `ExplainError.notAnImage` for inputs that are not images.
    func inputPictures() throws -> [RGBImage] {
        try (0..<inputs.shape[0]).map { index in
            let example = inputs[index..<(index + 1)].reshaped(to: Array(inputs.shape.dropFirst()))
            guard let picture = RGBImage(picturing: example) else {
                throw ExplainError.notAnImage(method: "a picture", exampleShape: example.shape)
            }
            return picture
        }
    }

    /// The grid: one row per input (picture, caption, one overlay per method).
    public func grid() throws -> RGBImage {
        let pictures = try inputPictures()
        let rows = try pictures.indices.map { index in
            AttributionGrid.Row(input: pictures[index], caption: captions[index],
                                maps: try methods.map { try map(of: $0, at: index).values },
                                signed: methods.map(\.isSigned))
        }
        return AttributionGrid(methods: methods.map(\.name), rows: rows).image()
    }

    /// Each input's picture with `method`'s map blended over it, enlarged by `scale`.
    public func overlays(of method: MethodMaps) throws -> [RGBImage] {
        try inputPictures().enumerated().map { index, picture in
            let map = try map(of: method, at: index)
            return AttributionPicture.overlay(map.values, on: picture, signed: method.isSigned).scaled(by: scale)
        }
    }

    /// Writes `grid.png` and, per input N (from 0) and method, `N-METHOD.png`
    /// (the heat map) and `N-METHOD-overlay.png` into `folder`, which is made
    /// if needed. Each file is written atomically.
    public func write(to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for method in methods {
            for (index, overlay) in try overlays(of: method).enumerated() {
                let map = try map(of: method, at: index)
                try AttributionPicture.heatMap(map.values, width: map.width, height: map.height, signed: method.isSigned)
                    .scaled(by: scale).writePNG(to: folder.appendingPathComponent("\(index)-\(method.name).png"))
                try overlay.writePNG(to: folder.appendingPathComponent("\(index)-\(method.name)-overlay.png"))
            }
        }
        try grid().writePNG(to: folder.appendingPathComponent("grid.png"))
    }

    /// One input's map of `method`, one value per pixel.
    private func map(of method: MethodMaps, at index: Int) throws -> (values: [Float], width: Int, height: Int) {
        let attributions = method.attributions
        let example = attributions[index..<(index + 1)].reshaped(to: Array(attributions.shape.dropFirst()))
        guard let map = AttributionPicture.pixelMap(example) else {
            throw ExplainError.notAnImage(method: method.name, exampleShape: example.shape)
        }
        return map
    }
}
