import Foundation

/// Crash-safe replacement of a whole directory (a saved model, a checkpoint).
///
/// The new contents are written into a hidden sibling `.NAME.tmp-UUID`, every
/// file and the directory are flushed to disk, then the swap is two renames:
/// the old directory to `.NAME.previous`, the new one to `NAME`; finally the
/// previous copy is deleted. If the process dies at any point, either `NAME`
/// is complete (old or new), or — only between the two renames — `NAME` is
/// missing and `.NAME.previous` holds the last complete copy.
/// `resolve(_:)`, which every reader calls, finds it there, for the
/// directory itself or any directory above it (a checkpoint's
/// `model.synapse/` while the checkpoint was being swapped). Temporaries
/// that a killed writer left behind are removed when the next save starts.
enum AtomicDirectory {
    /// Replaces the directory at `url` with what `fill` writes into the
    /// (empty) directory it is given. Files written by `fill` should use
    /// `AtomicWrite.writeDurably` so they are on disk before the swap.
    static func replace(at url: URL, fill: (URL) throws -> Void) throws {
        let fileManager = FileManager.default
        let parent = url.deletingLastPathComponent()
        try createDirectory(parent)
        recoverInterruptedSwap(at: url)
        StaleTemporaries.remove(besides: url)
        let temporary = StaleTemporaries.newTemporary(for: url)
        do {
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: false)
        } catch {
            // The temporary's name would mean nothing to the user; the target does.
            throw FileWriteError(path: url.path, reason: "cannot create a directory in \(parent.path): \(error.localizedDescription)")
        }
        do {
            try fill(temporary)
            try AtomicWrite.syncDirectory(temporary)
            let previous = previousURL(for: url)
            try? fileManager.removeItem(at: previous)
            let hadOld = fileManager.fileExists(atPath: url.path)
            if hadOld {
                try AtomicWrite.rename(url, to: previous)
                try AtomicWrite.syncDirectory(parent)
            }
            try AtomicWrite.rename(temporary, to: url)
            try AtomicWrite.syncDirectory(parent)
            if hadOld { try? fileManager.removeItem(at: previous) }
        } catch {
            try? fileManager.removeItem(at: temporary)
            throw error
        }
    }

    /// The directory to read for `url`: `url` itself, or, where `url` or a
    /// directory above it is missing, the previous copy left by a swap that
    /// was interrupted between its two renames.
    static func resolve(_ url: URL) -> URL {
        let fileManager = FileManager.default
        let standardized = url.standardizedFileURL
        if fileManager.fileExists(atPath: standardized.path) { return url }
        var resolved = URL(fileURLWithPath: "/")
        for component in standardized.pathComponents.dropFirst() {
            let next = resolved.appendingPathComponent(component)
            let previous = previousURL(for: next)
            if !fileManager.fileExists(atPath: next.path), fileManager.fileExists(atPath: previous.path) {
                resolved = previous
            } else {
                resolved = next
            }
        }
        return fileManager.fileExists(atPath: resolved.path) ? resolved : url
    }

    /// Puts back a previous copy left by an interrupted swap.
    private static func recoverInterruptedSwap(at url: URL) {
        let previous = previousURL(for: url)
        let fileManager = FileManager.default
        if !fileManager.fileExists(atPath: url.path), fileManager.fileExists(atPath: previous.path) {
            try? AtomicWrite.rename(previous, to: url)
        }
    }

    static func previousURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).previous")
    }

    private static func createDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw FileWriteError(path: url.path, reason: "cannot create directory: \(error.localizedDescription)")
        }
    }
}
