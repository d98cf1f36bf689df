/// Where a ``ProgressBar`` writes its text.
///
/// Conform a type to this protocol to send progress somewhere other than
/// standard output, for example to capture it in tests or a log.
public protocol ProgressOutput {
    /// Whether the output is an interactive terminal that understands `\r`
    /// and ANSI escape codes; when `false`, only plain lines are written.
    var isTerminal: Bool { get }

    /// Appends `text` to the output.
    func write(_ text: String)

    /// Makes everything written so far visible, for example by flushing a buffer.
    func flush()
}
