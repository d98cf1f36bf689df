import Foundation

/// Where to look for a dataset and whether to download it.
///
/// The search order is: `directory` (if set), the cache, the dataset's system
/// directories, then a download into the cache.
public struct DatasetLoadOptions: Sendable {
    /// A directory the user named; when set it must hold the files, and nothing else is searched.
    public var directory: URL?
    /// The cache root (datasets live in `<root>/<name>/`); nil means `DatasetCache.defaultRoot()`.
    public var cacheRoot: URL?
    /// Whether to look in the dataset's system directories (e.g. `/usr/share/datasets/fashion-mnist`).
    public var searchesSystemDirectories: Bool
    /// Whether to download missing files into the cache.
    public var allowsDownload: Bool
    /// Base URLs to download from instead of the dataset's own mirrors.
    public var mirrors: [URL]?
    /// Seconds to wait for a server before giving up on a mirror.
    public var timeout: TimeInterval

    /// Creates options; the defaults search everywhere and download if needed.
    public init(directory: URL? = nil, cacheRoot: URL? = nil, searchesSystemDirectories: Bool = true,
                allowsDownload: Bool = true, mirrors: [URL]? = nil, timeout: TimeInterval = 30) {
        self.directory = directory
        self.cacheRoot = cacheRoot
        self.searchesSystemDirectories = searchesSystemDirectories
        self.allowsDownload = allowsDownload
        self.mirrors = mirrors
        self.timeout = timeout
    }
}

/// The per-user dataset cache location.
public enum DatasetCache {
    /// `$SYNAPSE_DATA` if set; else `~/Library/Caches/synapse` on macOS; else
    /// `$XDG_CACHE_HOME/synapse`, or `~/.cache/synapse`.
    public static func defaultRoot(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let root = environment["SYNAPSE_DATA"], !root.isEmpty {
            return URL(fileURLWithPath: root, isDirectory: true)
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        #if os(macOS) || os(iOS)
        return home.appendingPathComponent("Library/Caches/synapse", isDirectory: true)
        #else
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("synapse", isDirectory: true)
        }
        return home.appendingPathComponent(".cache/synapse", isDirectory: true)
        #endif
    }
}
