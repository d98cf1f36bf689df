import Foundation

/// Describes an image dataset published as four IDX files (train/test × images/labels):
/// what the files are called, where to download them, and their SHA-256.
public struct IDXDataset: Sendable {
    /// One published file and its checksum.
    public struct File: Sendable, Equatable {
        /// The file name on the mirrors and in the cache, e.g. `train-images-idx3-ubyte.gz`.
        public let name: String
        /// The lowercase hexadecimal SHA-256 of the published file.
        public let sha256: String

        /// Describes a published file.
        public init(name: String, sha256: String) {
            self.name = name
            self.sha256 = sha256
        }

        /// The name without a trailing `.gz`, as the file is called once decompressed.
        public var uncompressedName: String {
            name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
        }
    }

    /// The short name used for the cache directory, e.g. `mnist`.
    public let name: String
    /// The name shown to people, e.g. `MNIST`.
    public let displayName: String
    /// Training images (IDX unsigned byte, `[N, H, W]`).
    public let trainImages: File
    /// Training labels (IDX unsigned byte, `[N]`).
    public let trainLabels: File
    /// Test images.
    public let testImages: File
    /// Test labels.
    public let testLabels: File
    /// Base URLs, tried in order; a file's URL is the base plus its name.
    public let mirrors: [URL]
    /// Directories where an operating-system package may have installed the files.
    public let systemDirectories: [URL]
    /// Number of classes.
    public let classCount: Int

    /// Describes a dataset.
    public init(name: String, displayName: String, trainImages: File, trainLabels: File, testImages: File,
                testLabels: File, mirrors: [URL], systemDirectories: [URL] = [], classCount: Int) {
        self.name = name
        self.displayName = displayName
        self.trainImages = trainImages
        self.trainLabels = trainLabels
        self.testImages = testImages
        self.testLabels = testLabels
        self.mirrors = mirrors
        self.systemDirectories = systemDirectories
        self.classCount = classCount
    }

    /// The four files in the order train images, train labels, test images, test labels.
    public var files: [File] { [trainImages, trainLabels, testImages, testLabels] }
}
