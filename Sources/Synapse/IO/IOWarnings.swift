import Foundation

/// Where loading code reports problems that are not errors (NaN weights).
/// The default handler prints `warning: …` to standard error; replace it to
/// collect or silence warnings (tests do).
public enum IOWarnings {
    private static let current = Locked<@Sendable (String) -> Void> { message in
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }

    /// Receives each warning message; it may be called from any thread.
    public static var handler: @Sendable (String) -> Void {
        get { current.value }
        set { current.withLock { $0 = newValue } }
    }

    static func emit(_ message: String) { handler(message) }
}
