import Foundation

/// The process's standard output as a ``ProgressOutput``.
///
/// Writes go through the C `stdout` stream, the same buffer `print` uses, so
/// progress and other printed text stay in order.
public struct StandardOutput: ProgressOutput {
    /// Whether standard output is a terminal (and `TERM` is not `dumb`),
    /// determined once when the value is created.
    public let isTerminal: Bool

    /// Creates a standard-output sink, detecting whether it is a terminal.
    public init() {
        let environment = ProcessInfo.processInfo.environment
        isTerminal = isatty(STDOUT_FILENO) != 0 && environment["TERM"] != "dumb"
    }

    /// Appends `text` to standard output.
    public func write(_ text: String) {
        fputs(text, stdout)
    }

    /// Flushes standard output so the text appears immediately, even on a pipe.
    public func flush() {
        fflush(stdout)
    }
}
