/// Infidelity and sensitivity, as Captum's `captum.metrics` define them.
public enum AttributionMetrics {
    /// Captum's `infidelity`: for each input, the mean over perturbations I of
    /// (Σ attributions · I − (F(x) − F(x − I)))², how badly the attributions
    /// predict the score's change under perturbation. With `normalize`, the
    /// attributions are first scaled by the β that minimises it.
    /// Each perturbation has the inputs' shape.
    public static func infidelity(attributions: Tensor, inputs: Tensor, classes: [Int], score: ClassScore,
                                  perturbations: [Tensor], normalize: Bool = false) throws -> [Float] {
        guard !perturbations.isEmpty else {
            throw ExplainError.invalidArgument(name: "perturbations", value: "none", expected: "at least one")
        }
        for perturbation in perturbations where perturbation.shape != inputs.shape {
            throw ExplainError.invalidArgument(name: "perturbation", value: "shape \(perturbation.shape)",
                                               expected: "the inputs' shape \(inputs.shape)")
        }
        let count = inputs.shape[0], size = inputs.count / count
        let clean = score.values(inputs, classes: classes)
        let perturbed = withoutGradients { concatenate(perturbations.map { inputs.detached() - $0 }) }
        let shifted = score.values(perturbed, classes: Array(perturbations.map { _ in classes }.joined()))
        let maps = attributions.scalars
        var squaredA = [Double](repeating: 0, count: count), products = squaredA, squaredB = squaredA
        for (sample, perturbation) in perturbations.enumerated() {
            let noise = perturbation.scalars
            for example in 0..<count {
                var a = 0.0
                for j in 0..<size { a += Double(maps[example * size + j]) * Double(noise[example * size + j]) }
                let b = Double(clean[example]) - Double(shifted[sample * count + example])
                squaredA[example] += a * a
                products[example] += a * b
                squaredB[example] += b * b
            }
        }
        let n = Double(perturbations.count)
        return (0..<count).map { example in
            if normalize {
                let beta = squaredA[example] == 0 ? 0 : products[example] / squaredA[example]
                return Float((beta * beta * squaredA[example] - 2 * beta * products[example] + squaredB[example]) / n)
            }
            return Float((squaredA[example] - 2 * products[example] + squaredB[example]) / n)
        }
    }

    /// Uniform noise in [−radius, radius] of `inputs`' shape, `samples` times:
    /// Captum's default perturbation for `sensitivity_max`.
    public static func uniformPerturbations(like inputs: Tensor, radius: Float = 0.02, samples: Int = 10,
                                            seed: UInt64 = 0) -> [Tensor] {
        (0..<samples).map { sample in
            Tensor.randomUniform(inputs.shape, lower: -radius, upper: radius, seed: seed &+ UInt64(sample))
        }
    }

    /// Captum's `sensitivity_max`: for each input, the largest
    /// ‖φ(x + δ) − φ(x)‖ / ‖φ(x)‖ (Frobenius norms) over the perturbations δ,
    /// how much the explanation φ moves when the input barely does.
    public static func sensitivityMax(_ method: any AttributionMethod, inputs: Tensor, classes: [Int], score: ClassScore,
                                      perturbations: [Tensor]) throws -> [Float] {
        let count = inputs.shape[0], size = inputs.count / count
        let original = try method.attributions(for: inputs, classes: classes, score: score).scalars
        let shifted = withoutGradients { concatenate(perturbations.map { inputs.detached() + $0 }) }
        let moved = try method.attributions(for: shifted, classes: Array(perturbations.map { _ in classes }.joined()),
                                            score: score).scalars
        return (0..<count).map { example in
            var norm = 0.0
            for j in 0..<size { norm += Double(original[example * size + j]) * Double(original[example * size + j]) }
            let denominator = norm > 0 ? norm.squareRoot() : 1
            var largest = 0.0
            for sample in perturbations.indices {
                var distance = 0.0
                for j in 0..<size {
                    let difference = Double(moved[(sample * count + example) * size + j]) - Double(original[example * size + j])
                    distance += difference * difference
                }
                largest = max(largest, distance.squareRoot() / denominator)
            }
            return Float(largest)
        }
    }
}
