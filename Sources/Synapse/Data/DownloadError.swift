/// Why fetching one file from one URL failed. Every case names the URL.
public enum DownloadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The host could not be reached (offline, DNS failure, connection refused, …).
    case unreachable(url: String, reason: String)
    /// The server did not answer within the time limit.
    case timedOut(url: String, seconds: Double)
    /// The server answered with a status other than 200.
    case httpStatus(url: String, status: Int)
    /// The connection closed before the whole body arrived.
    case connectionDropped(url: String, receivedBytes: Int, expectedBytes: Int?)
    /// The body arrived but its SHA-256 is not the published one.
    case checksumMismatch(url: String, expected: String, actual: String)

    /// A one-line explanation that names the URL and says what to do.
    public var description: String {
        switch self {
        case .unreachable(let url, let reason):
            return "\(url) is unreachable (\(reason)) — check the network connection"
        case .timedOut(let url, let seconds):
            return "\(url) did not answer within \(Int(seconds)) s — the network or the mirror is down; try again later"
        case .httpStatus(let url, let status):
            return "\(url) answered HTTP \(status) — the mirror may have moved"
        case .connectionDropped(let url, let received, let expected):
            let of = expected.map { " of \($0)" } ?? ""
            return "\(url) closed the connection after \(received)\(of) bytes — try again"
        case .checksumMismatch(let url, let expected, let actual):
            return "\(url) sent a file with SHA-256 \(actual), expected \(expected) — the mirror serves a different or damaged file; it was not saved"
        }
    }
}
