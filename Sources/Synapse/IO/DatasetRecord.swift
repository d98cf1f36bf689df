/// Which data a model was trained on: a dataset's name, or a directory and
/// a fingerprint of its files.
public struct DatasetRecord: Codable, Equatable, Sendable {
    /// The dataset's short name (`"mnist"`, `"mnist-sample"`,
    /// `"fashion-mnist"`), or a description of a directory's contents.
    public var name: String
    /// The directory the files were read from, when the user named one.
    public var path: String?
    /// A digest of the files' bytes (`"sha256:…"`), when they were read from a directory.
    public var fingerprint: String?

    /// Records a dataset.
    public init(name: String, path: String? = nil, fingerprint: String? = nil) {
        self.name = name
        self.path = path
        self.fingerprint = fingerprint
    }

    /// Whether `other` is the same data: the same fingerprint when both have
    /// one (wherever the files now are), else the same name.
    public func isSameData(as other: DatasetRecord) -> Bool {
        if let fingerprint, let otherFingerprint = other.fingerprint { return fingerprint == otherFingerprint }
        return name == other.name
    }
}
