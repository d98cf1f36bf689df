/// What a neuron's membrane does after it spikes.
public enum NeuronReset: String, Sendable, CaseIterable {
    /// Subtract the threshold: U[t] = β·U[t−1] + I[t] − R[t]·θ (snnTorch's
    /// default; the subtracted θ is not scaled by β, as in snnTorch's code).
    case subtract
    /// Reset to zero: U[t] = β·(1 − R[t])·U[t−1] + I[t].
    case zero
}

/// What a spiking layer passes on.
public enum NeuronOutput: String, Sendable, CaseIterable {
    /// The spikes S[t] ∈ {0, 1} (differentiable through the surrogate).
    case spikes
    /// The membrane potential U[t] (for a readout layer trained on it).
    case membrane
}

/// Whether a neuron parameter (β or θ) is learned, and at what granularity.
public enum NeuronParameterScope: String, Sendable, CaseIterable {
    /// A constant, not trained.
    case fixed
    /// One trainable value for the whole layer.
    case layer
    /// One trainable value per neuron (per feature of the input).
    case neuron
}
