/// How much progress a training, evaluation or prediction run prints,
/// mirroring Keras's `verbose` argument.
public enum Verbosity: Int, Sendable, CaseIterable {
    /// Prints nothing (Keras `verbose=0`).
    case silent = 0
    /// A live progress bar on a terminal; one plain line per epoch anywhere
    /// else, such as a pipe, a file or CI (Keras `verbose=1` / `"auto"`).
    case progressBar = 1
    /// One plain line per epoch, even on a terminal (Keras `verbose=2`).
    case oneLinePerEpoch = 2

    /// The default: a bar on a terminal, lines elsewhere.
    public static let auto: Verbosity = .progressBar
}
