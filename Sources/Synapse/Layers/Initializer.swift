import Foundation

/// How a layer fills a new weight tensor. Draws come from the global
/// generator, so `Synapse.seed(_:)` makes them reproducible.
public struct Initializer: Sendable {
    /// The Keras name (`"glorot_uniform"`, `"he_normal"`, …).
    public let name: String
    private let make: @Sendable (_ shape: [Int], _ fanIn: Int, _ fanOut: Int) -> Tensor

    /// An initializer called `name` that makes a tensor from the shape and fans.
    public init(name: String, _ make: @escaping @Sendable (_ shape: [Int], _ fanIn: Int, _ fanOut: Int) -> Tensor) {
        self.name = name
        self.make = make
    }

    /// A new tensor of `shape`. Fans follow Keras: for a kernel of shape
    /// `[spatial…, in, out]`, fan-in is `in·spatial` and fan-out `out·spatial`.
    public func callAsFunction(_ shape: [Int]) -> Tensor {
        let receptive = shape.dropLast(2).reduce(1, *)
        let fanIn = shape.count >= 2 ? shape[shape.count - 2] * receptive : (shape.first ?? 1)
        let fanOut = shape.count >= 2 ? shape[shape.count - 1] * receptive : (shape.first ?? 1)
        return make(shape, fanIn, fanOut)
    }

    private static func uniform(_ shape: [Int], limit: Float) -> Tensor {
        GlobalRandom.draw { Tensor.randomUniform(shape, lower: -limit, upper: limit, using: &$0) }
    }

    /// Keras's truncated normal (redraws beyond two standard deviations).
    private static func truncatedNormal(_ shape: [Int], standardDeviation: Float) -> Tensor {
        var values = [Float](repeating: 0, count: shape.reduce(1, *))
        GlobalRandom.draw { generator in
            for i in values.indices {
                var draw = generator.nextNormal()
                while Swift.abs(draw) > 2 { draw = generator.nextNormal() }
                values[i] = draw * standardDeviation
            }
        }
        return Tensor(shape: shape, scalars: values)
    }

    /// Uniform in ±√(6 / (fanIn + fanOut)): the Keras default for weights.
    public static let glorotUniform = Initializer(name: "glorot_uniform") { shape, fanIn, fanOut in
        uniform(shape, limit: (6 / Float(fanIn + fanOut)).squareRoot())
    }
    /// Truncated normal with σ = √(2 / (fanIn + fanOut)) / 0.8796 (Keras).
    public static let glorotNormal = Initializer(name: "glorot_normal") { shape, fanIn, fanOut in
        truncatedNormal(shape, standardDeviation: (2 / Float(fanIn + fanOut)).squareRoot() / 0.879_625_7)
    }
    /// Uniform in ±√(6 / fanIn): for ReLU networks.
    public static let heUniform = Initializer(name: "he_uniform") { shape, fanIn, _ in
        uniform(shape, limit: (6 / Float(fanIn)).squareRoot())
    }
    /// Truncated normal with σ = √(2 / fanIn) / 0.8796: for ReLU networks.
    public static let heNormal = Initializer(name: "he_normal") { shape, fanIn, _ in
        truncatedNormal(shape, standardDeviation: (2 / Float(fanIn)).squareRoot() / 0.879_625_7)
    }
    /// Uniform in ±√(3 / fanIn): for SELU/tanh networks.
    public static let lecunUniform = Initializer(name: "lecun_uniform") { shape, fanIn, _ in
        uniform(shape, limit: (3 / Float(fanIn)).squareRoot())
    }
    /// Truncated normal with σ = √(1 / fanIn) / 0.8796.
    public static let lecunNormal = Initializer(name: "lecun_normal") { shape, fanIn, _ in
        truncatedNormal(shape, standardDeviation: (1 / Float(fanIn)).squareRoot() / 0.879_625_7)
    }
    /// All zeros: the Keras default for biases.
    public static let zeros = Initializer(name: "zeros") { shape, _, _ in Tensor.zeros(shape) }
    /// All ones.
    public static let ones = Initializer(name: "ones") { shape, _, _ in Tensor.ones(shape) }

    /// Uniform in ±0.05: Keras's `"uniform"`, the default for `Embedding`.
    public static let uniform = Initializer(name: "uniform") { shape, _, _ in uniform(shape, limit: 0.05) }

    /// A normal distribution with mean 0 and σ = `standardDeviation`, not
    /// truncated (PyTorch's `nn.init.normal_`, which GPT-2 uses with σ = 0.02).
    public static func normal(standardDeviation: Float) -> Initializer {
        Initializer(name: "normal") { shape, _, _ in
            GlobalRandom.draw { Tensor.randomNormal(shape, standardDeviation: standardDeviation, using: &$0) }
        }
    }

    /// Every built-in initializer, by name.
    public static let builtIn: [String: Initializer] = Dictionary(
        uniqueKeysWithValues: [glorotUniform, glorotNormal, heUniform, heNormal, lecunUniform, lecunNormal, zeros, ones,
                               uniform, orthogonal]
            .map { ($0.name, $0) })
}
