import Foundation

/// Where loading code reports problems that are not errors (NaN weights).
/// The default handler prints `warning: …` to standard error; replace it to
/// collect or silence warnings (tests do).
public enum IOWarnings {
    /// Receives each warning message.
    nonisolated(unsafe) public static var handler: (String) -> Void = { message in
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }

    static func emit(_ message: String) { handler(message) }
}
