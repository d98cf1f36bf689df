/// Why a dataset could not be assembled or found.
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An images file and its labels file disagree on the number of examples.
    case countMismatch(images: String, imageCount: Int, labels: String, labelCount: Int)
    /// A label is not below the dataset's class count.
    case labelOutOfRange(file: String, index: Int, label: UInt8, classCount: Int)
    /// The images file does not have the shape `[count, height, width]`.
    case badImageShape(file: String, dimensions: [Int])
    /// A directory the user named lacks one of the dataset's files.
    case missingFile(dataset: String, file: String, directory: String)
    /// The dataset is in no directory searched and downloading was not allowed.
    case notFound(dataset: String, searched: [String], cacheDirectory: String)
    /// Every mirror failed for one file; `failures` says how, per mirror.
    case downloadFailed(dataset: String, file: String, failures: [DownloadError], cacheDirectory: String)
    /// The embedded sample is missing from the library's resources.
    case embeddedSampleMissing(file: String)

    /// A one-line explanation that says what to do.
    public var description: String {
        switch self {
        case .countMismatch(let images, let imageCount, let labels, let labelCount):
            return "\(images) holds \(imageCount) images but \(labels) holds \(labelCount) labels — the files do not belong together; re-download both"
        case .labelOutOfRange(let file, let index, let label, let classCount):
            return "\(file): label \(label) at index \(index) is not below the class count \(classCount) — check that this is the right file"
        case .badImageShape(let file, let dimensions):
            return "\(file): images must have 3 dimensions [count, height, width] with height and width above 0, found \(dimensions) — check that this is the right file"
        case .missingFile(let dataset, let file, let directory):
            return "\(dataset): \(directory) has no \(file) (or \(file) without .gz) — put the four \(dataset) files there or name another directory"
        case .notFound(let dataset, let searched, let cache):
            return "\(dataset) not found (searched \(searched.joined(separator: ", "))) and downloading is off — put the four files in \(cache) or name a directory that holds them"
        case .downloadFailed(let dataset, let file, let failures, let cache):
            let reasons = failures.map { "\($0)" }.joined(separator: "; ")
            return "\(dataset): could not download \(file): \(reasons) — download the four files by hand into \(cache), or put them in a directory and pass it"
        case .embeddedSampleMissing(let file):
            return "the embedded MNIST sample file \(file) is missing from the Synapse resources — the installation is incomplete; rebuild the package"
        }
    }
}
