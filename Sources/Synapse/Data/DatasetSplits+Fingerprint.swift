extension DatasetSplits {
    /// The fingerprints of datasets Synapse knows by content: Fashion-MNIST
    /// and the embedded MNIST sample (`scripts/dataset-fingerprint` computes
    /// them from the files). Full MNIST is not listed: its files are not
    /// available where this was written.
    public static let knownFingerprints: [(name: String, displayName: String, fingerprint: String)] = [
        ("fashion-mnist", FashionMNIST.dataset.displayName,
         "sha256:3d1a4e06f2fb8f0c655e6d6f088dda3846743e7ff1871e2a81d507f8d92dbdf3"),
        ("mnist-sample", "MNIST (embedded sample)",
         "sha256:6b14388de6ab7971fdb4fe47d15a5a657348a2a665a7dfdccddabc93af0e4ad6"),
    ]

    /// A digest of the examples' content: `"sha256:"` and the SHA-256 of the
    /// four payload digests (train images, train labels, test images, test
    /// labels), joined by newlines. Equal data gives an equal fingerprint
    /// however the files were compressed or named.
    public var fingerprint: String {
        let digests = [train.images, train.labels, test.images, test.labels].map(SHA256.hexDigest)
        return "sha256:" + SHA256.hexDigest(Array(digests.joined(separator: "\n").utf8))
    }

    /// The known dataset with this content, if any.
    public static func knownDataset(withFingerprint fingerprint: String) -> (name: String, displayName: String)? {
        knownFingerprints.first { $0.fingerprint == fingerprint }.map { ($0.name, $0.displayName) }
    }
}
