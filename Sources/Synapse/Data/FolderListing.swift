import Foundation

/// The files of a folder dataset, each with its class, split into training and test parts.
///
/// Files are found by extension (case-insensitive; hidden files are ignored) and
/// sorted by path, so the listing, the class indices and the split depend only on
/// the folder's contents and the seed. Classes are numbered in the sorted order of
/// their names, as Keras's `image_dataset_from_directory` numbers them.
public struct FolderListing: Sendable {
    /// How a file's class is found.
    public enum Labeling: Sendable {
        /// The name of the subfolder the file is in (one subfolder per class).
        case subfolders
        /// The first capture group of a regular expression matched against the whole
        /// file name, e.g. `^(\d+)_` for FSDD's `7_jackson_32.wav`.
        case fileNamePattern(String)
    }

    /// Which files are held out for testing.
    public enum Split: Sendable {
        /// A fraction of each class, drawn with a seeded generator (the same seed, the same split).
        case seeded(testFraction: Double, seed: UInt64)
        /// A rule on the file name: true for a test file.
        case rule(@Sendable (String) -> Bool)
    }

    /// One example file.
    public struct Entry: Sendable, Equatable {
        /// The file.
        public let url: URL
        /// The index of its class in `classNames`.
        public let label: Int
    }

    /// The class names, sorted; a label indexes this list.
    public let classNames: [String]
    /// The files to train on.
    public let train: [Entry]
    /// The files held out for testing.
    public let test: [Entry]

    /// Lists `directory`.
    /// - Parameters:
    ///   - directory: The folder (with class subfolders for `.subfolders`; files anywhere below it for a pattern).
    ///   - extensions: The file extensions to take, lower-case, without the dot.
    ///   - labeling: Subfolders (default) or a file-name pattern.
    ///   - split: How test files are chosen (default 20 % of each class, seed 0).
    /// - Throws: `FolderDatasetError` for a missing folder, no files, one class, an empty class
    ///   folder, a file the pattern cannot label, or a split with an empty part.
    public init(directory: URL, extensions: Set<String>, labeling: Labeling = .subfolders,
                split: Split = .seeded(testFraction: 0.2, seed: 0)) throws {
        let sortedExtensions = extensions.sorted()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw FolderDatasetError.notADirectory(path: directory.path)
        }
        var labelled: [(url: URL, className: String)] = []
        switch labeling {
        case .subfolders:
            let subfolders = try Self.contents(of: directory).filter { Self.isDirectory($0) }
            for folder in subfolders {
                let files = try Self.files(below: folder, extensions: extensions)
                guard !files.isEmpty else { throw FolderDatasetError.emptyClass(directory: folder.path, extensions: sortedExtensions) }
                labelled += files.map { ($0, folder.lastPathComponent) }
            }
        case .fileNamePattern(let pattern):
            let expression: NSRegularExpression
            do {
                expression = try NSRegularExpression(pattern: pattern)
            } catch {
                throw FolderDatasetError.badPattern(pattern: pattern, reason: "\(error)")
            }
            guard expression.numberOfCaptureGroups >= 1 else {
                throw FolderDatasetError.badPattern(pattern: pattern, reason: "it has no capture group for the label")
            }
            for file in try Self.files(below: directory, extensions: extensions) {
                let name = file.lastPathComponent
                let range = NSRange(name.startIndex..., in: name)
                guard let match = expression.firstMatch(in: name, range: range),
                      let captured = Range(match.range(at: 1), in: name), !captured.isEmpty else {
                    throw FolderDatasetError.unlabelledFile(file: file.path, pattern: pattern)
                }
                labelled.append((file, String(name[captured])))
            }
        }
        guard !labelled.isEmpty else { throw FolderDatasetError.noFiles(directory: directory.path, extensions: sortedExtensions) }
        let names = Array(Set(labelled.map(\.className))).sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        guard names.count >= 2 else { throw FolderDatasetError.oneClass(directory: directory.path, className: names[0]) }
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let entries = labelled.map { Entry(url: $0.url, label: index[$0.className]!) }
        var train: [Entry] = [], test: [Entry] = []
        switch split {
        case .rule(let isTest):
            for entry in entries {
                if isTest(entry.url.lastPathComponent) { test.append(entry) } else { train.append(entry) }
            }
        case .seeded(let fraction, let seed):
            precondition(fraction >= 0 && fraction < 1, "FolderListing: testFraction \(fraction) must be in 0..<1")
            var generator = SeededGenerator(seed: seed)
            for label in names.indices {
                let members = entries.filter { $0.label == label }.shuffled(using: &generator)
                let held = Int((Double(members.count) * fraction).rounded())
                test += members.prefix(held)
                train += members.dropFirst(held)
            }
        }
        guard !train.isEmpty else { throw FolderDatasetError.emptySplit(directory: directory.path, part: "training") }
        guard !test.isEmpty else { throw FolderDatasetError.emptySplit(directory: directory.path, part: "test") }
        classNames = names
        self.train = train
        self.test = test
    }

    private static func contents(of folder: URL) throws -> [URL] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
        } catch {
            throw FolderDatasetError.notADirectory(path: folder.path)
        }
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
    }

    /// Every file with one of `extensions` in `folder` and its subfolders, sorted by path.
    private static func files(below folder: URL, extensions: Set<String>) throws -> [URL] {
        var result: [URL] = []
        for item in try contents(of: folder) {
            if isDirectory(item) {
                result += try files(below: item, extensions: extensions)
            } else if extensions.contains(item.pathExtension.lowercased()) {
                result.append(item)
            }
        }
        return result
    }
}
