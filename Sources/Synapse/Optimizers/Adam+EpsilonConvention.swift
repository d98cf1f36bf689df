extension Adam {
    /// Where Adam adds ε to the denominator of its step.
    ///
    /// Keras (and TensorFlow) add it to √v, before the bias correction that
    /// is folded into the learning rate; PyTorch (and Algorithm 1 of Kingma &
    /// Ba) add it to the bias-corrected √v̂ = √(v / (1 − β₂ᵗ)). Keras's ε is
    /// therefore effectively ε/√(1 − β₂ᵗ) in PyTorch's terms: about 30× larger
    /// at the first step and 3× after 100. The two agree while gradients are
    /// well above ε; when they are tiny (a spiking network whose neurons
    /// hardly fire yet, where gradients are 1e-9 per weight), PyTorch's still
    /// takes steps of about the learning rate and Keras's almost none.
    public enum EpsilonConvention: String, Sendable, CaseIterable {
        /// ε added to √v: Keras, the default.
        case keras
        /// ε added to √v̂: PyTorch's `torch.optim.Adam`.
        case pytorch
    }
}
