import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches dataset files over HTTP(S), verifies their SHA-256, and saves them atomically.
public struct DatasetDownloader: Sendable {
    /// Seconds to wait for the server to connect or send more data.
    public var timeout: TimeInterval
    /// Seconds a whole file may take.
    public var totalTimeLimit: TimeInterval

    /// Creates a downloader.
    public init(timeout: TimeInterval = 30, totalTimeLimit: TimeInterval = 1800) {
        self.timeout = timeout
        self.totalTimeLimit = totalTimeLimit
    }

    /// Tries each mirror in turn until one serves `file` with the right SHA-256, and saves it in `directory`.
    /// Nothing is written unless the checksum matches.
    /// - Returns: the saved file's URL.
    /// - Throws: `DatasetError.downloadFailed` listing each mirror's `DownloadError`.
    public func download(_ file: IDXDataset.File, from mirrors: [URL], into directory: URL,
                         datasetName: String) throws -> URL {
        var failures: [DownloadError] = []
        for mirror in mirrors {
            let url = mirror.appendingPathComponent(file.name)
            do {
                let bytes = try fetch(url)
                let digest = SHA256.hexDigest(bytes)
                guard digest == file.sha256.lowercased() else {
                    throw DownloadError.checksumMismatch(url: url.absoluteString, expected: file.sha256, actual: digest)
                }
                let destination = directory.appendingPathComponent(file.name)
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try AtomicWrite.write(Data(bytes), to: destination)
                return destination
            } catch let error as DownloadError {
                failures.append(error)
            }
        }
        throw DatasetError.downloadFailed(dataset: datasetName, file: file.name, failures: failures,
                                          cacheDirectory: directory.path)
    }

    /// Fetches the body of `url`, requiring HTTP status 200 and the whole announced length.
    /// - Throws: `DownloadError`.
    public func fetch(_ url: URL) throws -> [UInt8] {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = totalTimeLimit
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let outcome = DownloadOutcome()
        let session = URLSession(configuration: configuration, delegate: outcome, delegateQueue: nil)
        defer { session.invalidateAndCancel() }

        let task = session.dataTask(with: url)
        task.resume()
        guard outcome.wait(seconds: totalTimeLimit + timeout) else {
            task.cancel()
            throw DownloadError.timedOut(url: url.absoluteString, seconds: totalTimeLimit)
        }
        return try outcome.result(for: url, timeout: timeout)
    }
}

/// Collects a data task's response and body from URLSession's delegate queue for the waiting caller.
/// `@unchecked Sendable`: every mutable field is read and written only while `condition` is locked.
private final class DownloadOutcome: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let condition = NSCondition()
    private var done = false
    private var body = Data()
    private var response: HTTPURLResponse?
    private var error: Error?

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        condition.lock()
        self.response = response as? HTTPURLResponse
        condition.unlock()
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        condition.lock()
        body.append(data)
        condition.unlock()
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        condition.lock()
        self.error = error
        done = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for the task to complete; false if it did not in time.
    func wait(seconds: TimeInterval) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while !done {
            if !condition.wait(until: deadline) { return done }
        }
        return true
    }

    /// The body, or the error that explains why there is none. Headers that arrived before
    /// an error tell a connection that broke mid-body (libcurl reports it as an unknown error)
    /// from one that never started.
    func result(for url: URL, timeout: TimeInterval) throws -> [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        let name = url.absoluteString
        let expected = response.map { $0.expectedContentLength >= 0 ? Int($0.expectedContentLength) : nil } ?? nil
        if let error = error {
            if let response = response, response.statusCode == 200, (error as? URLError)?.code != .timedOut {
                throw DownloadError.connectionDropped(url: name, receivedBytes: body.count, expectedBytes: expected)
            }
            throw Self.classify(error, url: name, received: body.count, timeout: timeout)
        }
        guard let response = response else { throw DownloadError.unreachable(url: name, reason: "no HTTP response") }
        guard response.statusCode == 200 else { throw DownloadError.httpStatus(url: name, status: response.statusCode) }
        if let expected = expected, body.count != expected {
            throw DownloadError.connectionDropped(url: name, receivedBytes: body.count, expectedBytes: expected)
        }
        return [UInt8](body)
    }

    private static func classify(_ error: Error, url: String, received: Int, timeout: TimeInterval) -> DownloadError {
        guard let urlError = error as? URLError else {
            return .unreachable(url: url, reason: error.localizedDescription)
        }
        switch urlError.code {
        case .timedOut:
            return .timedOut(url: url, seconds: timeout)
        case .networkConnectionLost, .cannotParseResponse, .badServerResponse:
            return .connectionDropped(url: url, receivedBytes: received, expectedBytes: nil)
        default:
            return .unreachable(url: url, reason: urlError.localizedDescription)
        }
    }
}
