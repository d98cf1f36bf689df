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
                try AtomicFileWriter.write(bytes, to: destination)
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
        let session = URLSession(configuration: configuration)
        defer { session.invalidateAndCancel() }

        let outcome = DownloadOutcome()
        let task = session.dataTask(with: url) { data, response, error in
            outcome.finish(data: data, response: response, error: error)
        }
        task.resume()
        guard outcome.wait(seconds: totalTimeLimit + timeout) else {
            task.cancel()
            throw DownloadError.timedOut(url: url.absoluteString, seconds: totalTimeLimit)
        }
        return try outcome.result(for: url, timeout: timeout)
    }
}

/// Carries a data task's completion from URLSession's thread to the waiting caller.
private final class DownloadOutcome: @unchecked Sendable {
    private let condition = NSCondition()
    private var done = false
    private var data: Data?
    private var response: URLResponse?
    private var error: Error?

    func finish(data: Data?, response: URLResponse?, error: Error?) {
        condition.lock()
        self.data = data
        self.response = response
        self.error = error
        done = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for `finish`; false if it did not come in time.
    func wait(seconds: TimeInterval) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while !done {
            if !condition.wait(until: deadline) { return done }
        }
        return true
    }

    func result(for url: URL, timeout: TimeInterval) throws -> [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        let name = url.absoluteString
        if let error = error {
            throw Self.classify(error, url: name, received: data?.count ?? 0, timeout: timeout)
        }
        guard let http = response as? HTTPURLResponse else {
            throw DownloadError.unreachable(url: name, reason: "no HTTP response")
        }
        guard http.statusCode == 200 else { throw DownloadError.httpStatus(url: name, status: http.statusCode) }
        let body = data ?? Data()
        let expected = http.expectedContentLength
        if expected >= 0 && Int64(body.count) != expected {
            throw DownloadError.connectionDropped(url: name, receivedBytes: body.count, expectedBytes: Int(expected))
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
