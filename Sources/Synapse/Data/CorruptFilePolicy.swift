/// What a folder dataset does with a file it cannot decode.
public enum CorruptFilePolicy: String, Sendable, CaseIterable {
    /// Stop with the file's error, which names its path (the default).
    case fail
    /// Leave the file out and list it in the dataset's `skipped`.
    case skip
}
