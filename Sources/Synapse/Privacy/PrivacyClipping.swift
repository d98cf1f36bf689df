/// How per-example gradients are clipped to the norm C before they are summed.
public enum PrivacyClipping: String, Sendable, Codable {
    /// One norm over all parameters: each example's whole gradient is scaled
    /// by min(1, C / (‖g‖ + 1e-6)), as Opacus's default.
    case flat
    /// Each layer's gradient is clipped on its own to C / √L (L layers with
    /// parameters), so the whole gradient's norm is still at most C.
    case perLayer = "per_layer"

    /// The weight of each example for each layer (`[layer][example]`), from
    /// the squared norms `[layer][example]`.
    func factors(squaredNorms: [[Float]], maxGradNorm: Double) -> [[Float]] {
        guard let batch = squaredNorms.first?.count else { return [] }
        switch self {
        case .flat:
            let weights = (0 ..< batch).map { example -> Float in
                let norm = Double(squaredNorms.reduce(0) { $0 + $1[example] }).squareRoot()
                return Float(min(1, maxGradNorm / (norm + 1e-6)))
            }
            return Array(repeating: weights, count: squaredNorms.count)
        case .perLayer:
            let layerNorm = maxGradNorm / Double(squaredNorms.count).squareRoot()
            return squaredNorms.map { layer in
                layer.map { Float(min(1, layerNorm / (Double($0).squareRoot() + 1e-6))) }
            }
        }
    }
}
