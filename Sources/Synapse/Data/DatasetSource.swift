import Foundation

/// Where a dataset was loaded from, for the tool to tell the user.
public enum DatasetSource: Equatable, Sendable, CustomStringConvertible {
    /// A directory the user named.
    case directory(URL)
    /// The per-user (or `$SYNAPSE_DATA`) cache, already filled.
    case cache(URL)
    /// A system directory filled by an operating-system package.
    case system(URL)
    /// Downloaded just now into this cache directory.
    case downloaded(URL)
    /// The small MNIST sample built into the library.
    case embedded

    /// E.g. "cache /home/me/.cache/synapse/mnist".
    public var description: String {
        switch self {
        case .directory(let url): return "directory \(url.path)"
        case .cache(let url): return "cache \(url.path)"
        case .system(let url): return "system directory \(url.path)"
        case .downloaded(let url): return "download (saved to \(url.path))"
        case .embedded: return "embedded sample"
        }
    }
}

/// A loaded dataset and where it came from.
public struct LoadedDataset: Sendable {
    /// The dataset's display name, e.g. "MNIST".
    public let name: String
    /// The training and test examples.
    public let splits: DatasetSplits
    /// Where the files were found.
    public let source: DatasetSource
    /// Why the full dataset was not used, when a fallback to the embedded sample happened.
    public let fallbackReason: String?
    /// The same in a few words, for `summary` (e.g. "MNIST unavailable offline (no mirror answered)").
    public let fallbackBrief: String?

    /// Pairs data with its source.
    public init(name: String, splits: DatasetSplits, source: DatasetSource, fallbackReason: String? = nil,
                fallbackBrief: String? = nil) {
        self.name = name
        self.splits = splits
        self.source = source
        self.fallbackReason = fallbackReason
        self.fallbackBrief = fallbackBrief ?? fallbackReason
    }

    /// One line for a tool to print, e.g.
    /// "MNIST: 60000 train / 10000 test images from cache /home/me/.cache/synapse/mnist", or for the sample
    /// "MNIST: full MNIST unavailable offline (no mirror answered); using the embedded sample (4000 train /
    /// 1000 test images)" (`fallbackReason` has the details).
    public var summary: String {
        let counts = "\(splits.train.count) train / \(splits.test.count) test images"
        guard source == .embedded else { return "\(name): \(counts) from \(source)" }
        let why = fallbackBrief.map { "full \($0); " } ?? ""
        return "\(name): \(why)using the embedded sample (\(counts))"
    }
}
