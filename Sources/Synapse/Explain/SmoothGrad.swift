/// SmoothGrad (Smilkov et al., 2017) around any attribution method: the
/// method's maps averaged over noisy copies of each input, which removes
/// much of a gradient's speckle. Captum's `NoiseTunnel`.
///
/// All noisy copies of all inputs go to the wrapped method as one batch.
public struct SmoothGrad: AttributionMethod {
    /// How the maps of the noisy copies are combined.
    public enum Variant: String, Sendable, CaseIterable {
        /// The mean map.
        case smoothGrad = "smoothgrad"
        /// The mean of the squared maps (SmoothGrad²).
        case smoothGradSquared = "smoothgrad_sq"
        /// The variance of the maps (VarGrad).
        case varGrad = "vargrad"
    }

    /// The standard deviation of the Gaussian noise.
    public enum NoiseLevel: Sendable, Equatable {
        /// The same standard deviation for every input.
        case absolute(Float)
        /// A fraction of each input's range (max − min), as tf-keras-vis does.
        case fractionOfRange(Float)
    }

    /// The method whose maps are smoothed.
    public var method: any AttributionMethod
    /// The number of noisy copies per input.
    public var samples: Int
    /// The noise's standard deviation.
    public var noise: NoiseLevel
    /// Mean, mean of squares, or variance.
    public var variant: Variant
    /// The seed of the noise, so that maps are reproducible.
    public var seed: UInt64

    /// `method` smoothed over `samples` copies with noise of `noise`
    /// (default 15% of each input's range, the paper's suggestion).
    public init(_ method: any AttributionMethod = Saliency(), samples: Int = 25,
                noise: NoiseLevel = .fractionOfRange(0.15), variant: Variant = .smoothGrad, seed: UInt64 = 0) {
        self.method = method
        self.samples = samples
        self.noise = noise
        self.variant = variant
        self.seed = seed
    }

    /// `"smoothgrad"` and the wrapped method's name, e.g. `"smoothgrad-saliency"`.
    public var name: String { "\(variant.rawValue)-\(method.name)" }

    /// The combined maps of the noisy copies.
    public func attributions(for inputs: Tensor, classes: [Int], score: ClassScore) throws -> Tensor {
        guard samples > 0 else {
            throw ExplainError.invalidArgument(name: "samples", value: "\(samples)", expected: "at least 1")
        }
        let x = inputs.detached()
        let exampleCount = x.shape[0], size = x.count / exampleCount
        let deviations = standardDeviations(x, exampleCount: exampleCount, size: size)
        let noiseValues = Tensor.randomNormal([samples] + x.shape, seed: seed).scalars
        var noisy = [Float](repeating: 0, count: samples * x.count)
        x.withUnsafeBufferPointer { clean in
            for sample in 0..<samples {
                for example in 0..<exampleCount {
                    let offset = sample * x.count + example * size
                    for j in 0..<size {
                        noisy[offset + j] = clean[example * size + j] + deviations[example] * noiseValues[offset + j]
                    }
                }
            }
        }
        var batchShape = x.shape
        batchShape[0] *= samples
        let maps = try method.attributions(for: Tensor(shape: batchShape, scalars: noisy),
                                           classes: Array((0..<samples).map { _ in classes }.joined()),
                                           score: score).scalars
        var sum = [Float](repeating: 0, count: x.count), squares = sum
        for sample in 0..<samples {
            for j in 0..<x.count {
                let value = maps[sample * x.count + j]
                sum[j] += value
                squares[j] += value * value
            }
        }
        let n = Float(samples)
        let combined: [Float]
        switch variant {
        case .smoothGrad: combined = sum.map { $0 / n }
        case .smoothGradSquared: combined = squares.map { $0 / n }
        case .varGrad: combined = zip(sum, squares).map { $1 / n - ($0 / n) * ($0 / n) }
        }
        return Tensor(shape: x.shape, scalars: combined)
    }

    /// The noise's standard deviation for each input.
    private func standardDeviations(_ x: Tensor, exampleCount: Int, size: Int) -> [Float] {
        switch noise {
        case let .absolute(sigma): return Array(repeating: sigma, count: exampleCount)
        case let .fractionOfRange(fraction):
            return x.withUnsafeBufferPointer { buffer in
                (0..<exampleCount).map { example in
                    let values = buffer[(example * size)..<((example + 1) * size)]
                    return fraction * ((values.max() ?? 0) - (values.min() ?? 0))
                }
            }
        }
    }
}
