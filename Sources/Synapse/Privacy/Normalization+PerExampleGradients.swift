/// The per-example gradients of LayerNormalization and GroupNormalization,
/// y = x̂ ⊙ γ + β: example i's γ gradient is Σ gᵢ ⊙ x̂ᵢ and its β gradient
/// Σ gᵢ, summed over every position but the channel. x̂ depends on the
/// example alone, so it is recomputed from the captured input.
protocol ChannelNormalization: PerExampleGradientRule {
    /// The learned scale and offset, once built (nil for one the layer does not learn).
    var scaleAndOffset: (gamma: Parameter?, beta: Parameter?) { get }
    /// The input normalised per example, before γ and β.
    func normalized(_ input: Tensor) -> Tensor
}

extension ChannelNormalization {
    var ruleParameters: [Parameter] { [scaleAndOffset.gamma, scaleAndOffset.beta].compactMap { $0 } }

    func forwardWithDetachedParameters(_ input: Tensor) -> (output: Tensor, finish: (Tensor) -> Tensor) {
        let (gamma, beta) = scaleAndOffset
        var output = normalized(input)
        if let gamma { output = output * gamma.value.detached() }
        if let beta { output = output + beta.value.detached() }
        return (output, { $0 })
    }

    func perExampleGradients(input: Tensor, outputGradient: Tensor) -> [Tensor] {
        let (gamma, beta) = scaleAndOffset
        var gradients: [Tensor] = []
        if gamma != nil {
            let normalizedInput = withoutGradients { normalized(input) }
            gradients.append(perExampleBiasGradients(outputGradient * normalizedInput))
        }
        if beta != nil { gradients.append(perExampleBiasGradients(outputGradient)) }
        return gradients
    }
}

extension LayerNormalization: ChannelNormalization {
    var scaleAndOffset: (gamma: Parameter?, beta: Parameter?) {
        precondition(isBuilt, "LayerNormalization '\(name)': called before it was built")
        return (gamma, beta)
    }
}

extension GroupNormalization: ChannelNormalization {
    var scaleAndOffset: (gamma: Parameter?, beta: Parameter?) {
        guard let gamma, let beta else { preconditionFailure("GroupNormalization '\(name)': called before it was built") }
        return (gamma, beta)
    }
}
