import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file or directory could not be written.
public struct FileWriteError: Error, CustomStringConvertible, Equatable {
    /// The file or directory being written.
    public let path: String
    /// The step that failed and the system's reason.
    public let reason: String

    /// "cannot write PATH: REASON".
    public var description: String { "cannot write \(path): \(reason)" }
}

/// Crash-safe writes: a reader sees either the old contents or the new ones,
/// never a mix, even if the process dies or the machine loses power midway.
///
/// Files are written to a temporary file in the same directory, flushed to
/// disk (`fsync`), renamed over the target, and the directory is flushed so
/// the rename itself is durable.
enum AtomicWrite {
    /// Replaces the file at `url` with `data` atomically.
    /// Temporaries that killed writers left beside `url` are removed first.
    static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        StaleTemporaries.remove(besides: url)
        let temporary = StaleTemporaries.newTemporary(for: url)
        do {
            do {
                try writeDurably(data, to: temporary)
            } catch let error as FileWriteError {
                // The temporary's name would mean nothing to the user; the target does.
                throw FileWriteError(path: url.path, reason: error.reason)
            }
            try rename(temporary, to: url)
            try syncDirectory(directory)
        } catch {
            unlink(temporary.path)
            throw error
        }
    }

    /// Writes `data` to a new file at `url` and flushes it to disk (no rename).
    static func writeDurably(_ data: Data, to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw systemError(url, "open") }
        defer { close(descriptor) }
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw systemError(url, "write")
                }
                offset += written
            }
        }
        guard fsync(descriptor) == 0 else { throw systemError(url, "fsync") }
    }

    /// Renames `source` to `destination`, replacing a file there.
    static func rename(_ source: URL, to destination: URL) throws {
        guard Foundation.rename(source.path, destination.path) == 0 else {
            throw systemError(destination, "rename from \(source.lastPathComponent)")
        }
    }

    /// Flushes a directory's entries (new names, renames) to disk.
    static func syncDirectory(_ directory: URL) throws {
        let descriptor = open(directory.path, O_RDONLY)
        guard descriptor >= 0 else { throw systemError(directory, "open directory") }
        defer { close(descriptor) }
        // Some file systems refuse fsync on directories; the rename is still atomic there.
        if fsync(descriptor) != 0, errno != EINVAL, errno != ENOTSUP {
            throw systemError(directory, "fsync directory")
        }
    }

    static func systemError(_ url: URL, _ step: String) -> FileWriteError {
        FileWriteError(path: url.path, reason: "\(step) failed: \(String(cString: strerror(errno)))")
    }
}

@inline(__always)
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, buffer, count)
    #else
    return Darwin.write(descriptor, buffer, count)
    #endif
}
