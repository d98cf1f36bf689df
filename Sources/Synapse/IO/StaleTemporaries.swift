import Foundation

/// The hidden temporaries (`.NAME.tmp-UUID`) that `AtomicWrite` and
/// `AtomicDirectory` write beside their target before swapping it in, and
/// the clean-up of those a killed writer left behind.
enum StaleTemporaries {
    /// A new temporary's location for the file or directory `url`.
    static func newTemporary(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(prefix(for: url) + UUID().uuidString)
    }

    /// Removes the temporaries of `url` that earlier writers left beside it
    /// (they were killed before their swap). Only names this type makes are
    /// touched; a failure to remove one is not an error.
    static func remove(besides url: URL) {
        let fileManager = FileManager.default
        let parent = url.deletingLastPathComponent()
        let prefix = prefix(for: url)
        guard let names = try? fileManager.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names where name.hasPrefix(prefix) && UUID(uuidString: String(name.dropFirst(prefix.count))) != nil {
            try? fileManager.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    private static func prefix(for url: URL) -> String { ".\(url.lastPathComponent).tmp-" }
}
