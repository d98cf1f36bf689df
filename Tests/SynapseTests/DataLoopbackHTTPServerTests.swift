import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal HTTP/1.1 server on 127.0.0.1 for download tests. It serves a fixed set of
/// paths on a background thread, one connection at a time, and stops by itself after
/// `maxConnections` requests or `idleTimeout` seconds without one.
final class LoopbackHTTPServer: @unchecked Sendable {
    /// What to answer for one path.
    struct Response {
        var status = 200
        var body: [UInt8]
        /// Close the connection after this many body bytes although Content-Length announced all.
        var dropAfter: Int?
    }

    let port: UInt16
    private let listener: Int32
    private let responses: [String: Response]
    private let condition = NSCondition()
    private var finished = false
    private var stopping = false
    private(set) var requestedPaths: [String] = []

    init(responses: [String: Response], maxConnections: Int = 16, idleTimeout: Double = 10) throws {
        self.responses = responses
        let fd = socket(AF_INET, Self.streamType, 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 8) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in serve(maxConnections: maxConnections, idleTimeout: idleTimeout) }
        thread.start()
    }

    /// The base URL to use as a mirror.
    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)/")! }

    /// Stops serving and waits for the server thread to finish.
    func stop() {
        condition.lock()
        stopping = true
        while !finished { condition.wait() }
        condition.unlock()
    }

    private var shouldStop: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }

    private func serve(maxConnections: Int, idleTimeout: Double) {
        var served = 0
        var idle = 0.0
        while served < maxConnections && idle < idleTimeout && !shouldStop {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else {
                idle += 0.1
                continue
            }
            idle = 0
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            handle(connection)
            close(connection)
            served += 1
        }
        close(listener)
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func handle(_ connection: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        #if canImport(Darwin)
        var yes: Int32 = 1
        setsockopt(connection, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var request: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !request.containsHeaderEnd {
            let n = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { return }
            request += chunk[0..<n]
            if request.count > 65536 { return }
        }
        let firstLine = String(decoding: request.prefix { $0 != 13 }, as: UTF8.self)
        let parts = firstLine.split(separator: " ")
        let path = parts.count > 1 ? String(parts[1]) : "/"
        condition.lock()
        requestedPaths.append(path)
        condition.unlock()
        let response = responses[path] ?? Response(status: 404, body: Array("not found".utf8))
        let head = "HTTP/1.1 \(response.status) \(response.status == 200 ? "OK" : "Error")\r\n"
            + "Content-Length: \(response.body.count)\r\nContent-Type: application/octet-stream\r\n"
            + "Connection: close\r\n\r\n"
        let sent = min(response.dropAfter ?? response.body.count, response.body.count)
        send(all: Array(head.utf8) + response.body[0..<sent], on: connection)
    }

    private func send(all bytes: [UInt8], on connection: Int32) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Self.sendNoSignal(connection, $0.baseAddress, $0.count) }
            guard n > 0 else { return }
            offset += n
        }
    }

    private static func sendNoSignal(_ fd: Int32, _ pointer: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.send(fd, pointer, count, Int32(MSG_NOSIGNAL))
        #else
        return Darwin.send(fd, pointer, count, 0)
        #endif
    }

    private static var streamType: Int32 {
        #if canImport(Glibc)
        return Int32(SOCK_STREAM.rawValue)
        #else
        return SOCK_STREAM
        #endif
    }

    /// A port on 127.0.0.1 where nothing listens (bound, then released).
    static func closedPort() throws -> UInt16 {
        let server = try LoopbackHTTPServer(responses: [:], maxConnections: 0)
        server.stop()
        return server.port
    }
}

private extension Array where Element == UInt8 {
    var containsHeaderEnd: Bool {
        guard count >= 4 else { return false }
        for i in 0...(count - 4) where self[i] == 13 && self[i + 1] == 10 && self[i + 2] == 13 && self[i + 3] == 10 {
            return true
        }
        return false
    }
}
