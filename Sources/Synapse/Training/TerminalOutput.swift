import Foundation

/// The process's standard output as a ``ProgressOutput``.
///
/// Writes go through `print`, so progress and other printed text share one
/// buffer and stay in order.
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
        print(text, terminator: "")
    }

    /// Flushes standard output so the text appears immediately, even on a pipe.
    /// (`fflush(nil)` flushes every C stream, `stdout` among them, without
    /// naming the global `stdout`, which Swift 6 cannot prove safe to share.)
    public func flush() {
        fflush(nil)
    }
}
