import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes the WAV reader parses piece by piece: a file read with `pread`, so
/// a large recording is never held whole as bytes, or bytes already in memory.
protocol WAVByteSource {
    /// The total number of bytes.
    var size: Int { get }
    /// The name errors give (the file's path).
    var name: String { get }
    /// Fills `buffer` with the bytes at `offset`; the range lies within `size`.
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws
}

extension WAVByteSource {
    /// `count` bytes at `offset` (a range within `size`), as an array.
    func bytes(at offset: Int, count: Int) throws -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        try result.withUnsafeMutableBytes { try read(at: offset, into: $0) }
        return result
    }
}

/// Bytes in memory.
struct WAVMemoryBytes: WAVByteSource {
    let storage: [UInt8]
    let name: String
    var size: Int { storage.count }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws {
        storage.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset ..< offset + buffer.count]))
        }
    }
}

/// An open file, read with `pread` at the offsets asked for.
final class WAVFileBytes: WAVByteSource {
    let name: String
    let size: Int
    private let descriptor: Int32

    /// Opens `url` for reading.
    /// - Throws: `WAVError.unreadable` if it cannot be opened or is not a regular file.
    init(url: URL) throws {
        name = url.path
        descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else {
            throw WAVError.unreadable(file: url.path, reason: String(cString: strerror(errno)))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw WAVError.unreadable(file: url.path, reason: "not a regular file")
        }
        size = Int(status.st_size)
    }

    deinit { close(descriptor) }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws {
        var done = 0
        while done < buffer.count {
            let got = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else {
                let reason = got == 0 ? "the file shrank while being read" : String(cString: strerror(errno))
                throw WAVError.unreadable(file: name, reason: reason)
            }
            done += got
        }
    }
}
