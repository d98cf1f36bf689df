/// The model-randomization sanity check (Adebayo et al., 2018): re-initialise
/// the layers from the top down, one more each time, and see whether an
/// attribution method's maps change. A method that explains the model must
/// change when the model is destroyed; one whose maps barely change shows the
/// input, not the model, and is flagged.
///
/// The model's weights are restored afterwards.
public struct ModelRandomizationCheck {
    /// The similarity of one method's maps to its original maps after the
    /// layers down to `layer` were randomised.
    public struct Step: Sendable, Equatable {
        /// The property path of the last layer randomised.
        public let layer: String
        /// Spearman's rank correlation of the absolute maps, mean over inputs.
        public let spearman: Float
        /// SSIM of the absolute maps scaled to [0, 1], mean over inputs.
        public let ssim: Float
    }

    /// One method's steps and verdict.
    public struct Report: Sendable, Equatable {
        /// The method's name.
        public let method: String
        /// One step per randomised layer, from the top down.
        public let steps: [Step]
        /// True when the maps of the fully randomised model still rank-correlate
        /// with the original ones at `threshold` or more.
        public let isFlagged: Bool
    }

    /// The rank correlation at or above which a method counts as not explaining the model.
    public var threshold: Float
    /// The seed of the new weights.
    public var seed: UInt64

    /// A check flagging methods whose maps keep a rank correlation of
    /// `threshold` (default 0.5) with the original after every layer is randomised.
    public init(threshold: Float = 0.5, seed: UInt64 = 0) {
        self.threshold = threshold
        self.seed = seed
    }

    /// Runs the check for each of `methods` on `inputs`, explaining `classes`
    /// (the original model's decisions, whatever the randomised model says).
    /// Each layer with parameters gets new Gaussian weights of the same
    /// standard deviation as its old ones.
    public func run(_ methods: [any AttributionMethod], inputs: Tensor, classes: [Int], score: ClassScore) throws -> [Report] {
        let model = score.model
        let layers = LayerPath.all(in: model).filter { !$0.layer.isContainer && !$0.layer.parameters.isEmpty }.reversed()
        let saved = model.parameters.map(\.value)
        defer { for (parameter, value) in zip(model.parameters, saved) { parameter.value = value } }
        let original = try methods.map { try $0.attributions(for: inputs, classes: classes, score: score) }
        var steps = [[Step]](repeating: [], count: methods.count)
        for (depth, entry) in layers.enumerated() {
            for (index, parameter) in entry.layer.parameters.enumerated() {
                parameter.value = Self.redrawn(parameter.value, seed: seed &+ UInt64(depth * 16 + index))
            }
            for (index, method) in methods.enumerated() {
                let maps = try method.attributions(for: inputs, classes: classes, score: score)
                let (spearman, ssim) = try Self.similarity(original[index], maps)
                steps[index].append(Step(layer: entry.path, spearman: spearman, ssim: ssim))
            }
        }
        return methods.indices.map { index in
            Report(method: methods[index].name, steps: steps[index],
                   isFlagged: (steps[index].last?.spearman ?? 1) >= threshold)
        }
    }

    /// Gaussian values of `value`'s shape with its standard deviation.
    static func redrawn(_ value: Tensor, seed: UInt64) -> Tensor {
        let scalars = value.scalars
        let mean = scalars.reduce(0, +) / Float(scalars.count)
        let deviation = (scalars.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(scalars.count)).squareRoot()
        return Tensor.randomNormal(value.shape, standardDeviation: deviation, seed: seed)
    }

    /// The mean Spearman correlation and SSIM of the absolute maps of each input.
    static func similarity(_ a: Tensor, _ b: Tensor) throws -> (spearman: Float, ssim: Float) {
        let count = a.shape[0], size = a.count / count
        let first = a.scalars.map(abs), second = b.scalars.map(abs)
        let image = a.rank >= 3 ? (height: a.shape[1], width: size / a.shape[1]) : (height: 1, width: size)
        var spearman: Float = 0, ssim: Float = 0
        for example in 0..<count {
            let x = Array(first[(example * size)..<((example + 1) * size)])
            let y = Array(second[(example * size)..<((example + 1) * size)])
            spearman += spearmanCorrelation(x, y)
            ssim += structuralSimilarity(scaledToUnit(x), scaledToUnit(y), height: image.height, width: image.width)
        }
        return (spearman / Float(count), ssim / Float(count))
    }
}

/// `values` divided by their largest magnitude (all zeros stay zeros).
func scaledToUnit(_ values: [Float]) -> [Float] {
    let largest = values.map(abs).max() ?? 0
    return largest > 0 ? values.map { $0 / largest } : values
}
