import Foundation

extension Model {
    /// The file name of a model directory's metadata.
    static let metadataFileName = "metadata.json"

    /// The name of each class the model tells apart, indexed by label, when
    /// recorded (`metadata.classNames`): set it before saving, and a loaded
    /// model has it again.
    public var classNames: [String]? {
        get { metadata.classNames }
        set { metadata.classNames = newValue }
    }

    /// Writes `metadata` as `metadata.json` into `directory`, flushed to
    /// disk; an empty record writes nothing.
    static func writeMetadata(_ metadata: ModelMetadata, into directory: URL) throws {
        guard !metadata.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicWrite.writeDurably(try encoder.encode(metadata), to: directory.appendingPathComponent(metadataFileName))
    }
}

extension ModelMetadata {
    /// The largest `metadata.json` read; records are a few kilobytes.
    static let maximumFileSize = 1 << 20

    /// Reads the metadata of the model directory `directory` (or of the
    /// previous copy an interrupted save left); a directory without
    /// `metadata.json` (written before it existed) gives an empty record.
    /// Throws `ModelFileError.invalidConfiguration` naming the file when it
    /// is unreadable, too large or malformed.
    public init(contentsOfModel directory: URL) throws {
        let url = AtomicDirectory.resolve(directory).appendingPathComponent(Model.metadataFileName)
        guard FileManager.default.fileExists(atPath: url.path) else {
            self.init()
            return
        }
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            data = try handle.read(upToCount: Self.maximumFileSize + 1) ?? Data()
        } catch {
            throw ModelFileError.invalidConfiguration(file: url.path, reason: "cannot be read (\(error.localizedDescription))")
        }
        guard data.count <= Self.maximumFileSize else {
            throw ModelFileError.invalidConfiguration(
                file: url.path, reason: "is larger than \(Self.maximumFileSize) bytes; a model's metadata is a few kilobytes — delete the file to load the model without it")
        }
        do {
            self = try JSONDecoder().decode(ModelMetadata.self, from: data)
        } catch {
            throw ModelFileError.invalidConfiguration(
                file: url.path, reason: "is not valid model metadata (\(error)); delete the file to load the model without it")
        }
    }
}
