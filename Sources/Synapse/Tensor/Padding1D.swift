/// How a 1-D convolution treats the ends of a sequence (Keras's `padding`
/// for `Conv1D`): the 2-D modes, plus `causal`.
public enum Padding1D: String, CaseIterable, Sendable {
    /// No padding: windows stay inside the sequence, so the output shrinks.
    case valid
    /// Zero padding so that the output has ⌈steps / stride⌉ positions; for an
    /// odd total the extra step goes at the end.
    case same
    /// Zero padding of `(kernelSize − 1) · dilation` steps before the start
    /// only, so output step `t` sees inputs up to `t` and never later ones
    /// (as in WaveNet).
    case causal
}
