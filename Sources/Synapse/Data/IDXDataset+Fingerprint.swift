import Foundation

extension IDXDataset {
    /// The datasets Synapse knows by their published files.
    public static let known: [IDXDataset] = [MNIST.dataset, FashionMNIST.dataset]

    /// The SHA-256 of each of this dataset's four files in `directory`
    /// (compressed or not), in the order of `files`. Throws
    /// `DatasetError.missingFile` when one is missing, or an `IDXError`
    /// (`.unreadable`) when one cannot be read.
    public func fileDigests(in directory: URL) throws -> [String] {
        try files.map { file in
            guard let url = existingFile(file, in: directory) else {
                throw DatasetError.missingFile(dataset: displayName, file: file.name, directory: directory.path)
            }
            return try Self.sha256(of: url)
        }
    }

    /// One digest of the four files' digests: `"sha256:…"`, equal for equal
    /// files wherever they are.
    public static func fingerprint(ofDigests digests: [String]) -> String {
        "sha256:" + SHA256.hexDigest(Array(digests.joined(separator: "\n").utf8))
    }

    /// The known dataset whose published files have exactly these digests, if any.
    public static func identify(digests: [String]) -> IDXDataset? {
        known.first { $0.files.map(\.sha256) == digests }
    }

    /// The SHA-256 of the file at `url`, read in 1 MiB pieces.
    static func sha256(of url: URL) throws -> String {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw IDXError(fileName: url.lastPathComponent, problem: .unreadable(error.localizedDescription))
        }
        defer { try? handle.close() }
        var hash = SHA256()
        while true {
            let piece: Data?
            do {
                piece = try handle.read(upToCount: 1 << 20)
            } catch {
                throw IDXError(fileName: url.lastPathComponent, problem: .unreadable(error.localizedDescription))
            }
            guard let piece, !piece.isEmpty else { break }
            hash.update([UInt8](piece))
        }
        return hash.finalizeHex()
    }
}
