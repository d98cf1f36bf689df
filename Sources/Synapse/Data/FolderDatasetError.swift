/// Why a folder of examples could not be made into a dataset.
public enum FolderDatasetError: Error, CustomStringConvertible, Equatable {
    /// The path is not a readable directory.
    case notADirectory(path: String)
    /// No file with one of the expected extensions was found.
    case noFiles(directory: String, extensions: [String])
    /// Only one class was found: there is nothing to tell apart.
    case oneClass(directory: String, className: String)
    /// A class subfolder holds no file of the expected kinds.
    case emptyClass(directory: String, extensions: [String])
    /// A file's name does not match the pattern that gives its label.
    case unlabelledFile(file: String, pattern: String)
    /// The pattern is not a valid regular expression with a capture group.
    case badPattern(pattern: String, reason: String)
    /// More classes than the dataset's labels can hold.
    case tooManyClasses(directory: String, count: Int, limit: Int)
    /// The split leaves no example to train on or none to test on.
    case emptySplit(directory: String, part: String)

    /// A one-line explanation with what to do.
    public var description: String {
        switch self {
        case let .notADirectory(path):
            return "\(path) is not a directory; give a folder with one subfolder per class"
        case let .noFiles(directory, extensions):
            return "\(directory) holds no \(extensions.map { "." + $0 }.joined(separator: " or ")) files (looked in its class subfolders)"
        case let .oneClass(directory, className):
            return "\(directory) has only one class ('\(className)'); a classifier needs at least two class subfolders"
        case let .emptyClass(directory, extensions):
            return "class folder \(directory) holds no \(extensions.map { "." + $0 }.joined(separator: " or ")) files; add examples or remove it"
        case let .unlabelledFile(file, pattern):
            return "\(file): the name does not match the label pattern \(pattern); rename it or move it out of the folder"
        case let .badPattern(pattern, reason):
            return "label pattern \(pattern) is not usable: \(reason)"
        case let .tooManyClasses(directory, count, limit):
            return "\(directory) has \(count) classes; at most \(limit) are supported"
        case let .emptySplit(directory, part):
            return "\(directory): the split leaves no \(part) examples; add files or change the split"
        }
    }
}
