import Foundation

/// The MNIST handwritten digits: 60,000 training and 10,000 test images of 28×28 pixels, 10 classes.
public enum MNIST {
    /// The class names, indexed by label: the digits "0" to "9".
    public static let classNames = (0 ..< 10).map(String.init)

    /// The files, mirrors and checksums of the full dataset.
    public static let dataset = IDXDataset(
        name: "mnist",
        displayName: "MNIST",
        trainImages: .init(name: "train-images-idx3-ubyte.gz",
                           sha256: "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
        trainLabels: .init(name: "train-labels-idx1-ubyte.gz",
                           sha256: "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
        testImages: .init(name: "t10k-images-idx3-ubyte.gz",
                          sha256: "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
        testLabels: .init(name: "t10k-labels-idx1-ubyte.gz",
                          sha256: "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
        mirrors: [
            URL(string: "https://ossci-datasets.s3.amazonaws.com/mnist/")!,
            URL(string: "https://storage.googleapis.com/cvdf-datasets/mnist/")!,
            URL(string: "http://yann.lecun.com/exdb/mnist/")!,
        ],
        classCount: 10)

    /// Finds and loads full MNIST (named directory, cache, download); see `IDXDataset.load(_:)`.
    public static func load(_ options: DatasetLoadOptions = DatasetLoadOptions()) throws -> LoadedDataset {
        try dataset.load(options)
    }

    /// The 4,000 training and 1,000 test images of MNIST built into the library; needs no files or network.
    public static func embeddedSample() throws -> LoadedDataset {
        let urls = try dataset.files.map { file -> URL in
            let base = file.uncompressedName
            guard let url = Bundle.module.url(forResource: base, withExtension: "gz", subdirectory: "mnist-5k") else {
                throw DatasetError.embeddedSampleMissing(file: file.name)
            }
            return url
        }
        return LoadedDataset(name: dataset.displayName, splits: try dataset.loadSplits(urls), source: .embedded)
    }

    /// Full MNIST if it can be found or downloaded, else the embedded sample, with
    /// `fallbackReason` saying why the full dataset was not used.
    public static func loadOrEmbeddedSample(_ options: DatasetLoadOptions = DatasetLoadOptions()) throws -> LoadedDataset {
        do {
            return try load(options)
        } catch {
            let sample = try embeddedSample()
            return LoadedDataset(name: sample.name, splits: sample.splits, source: .embedded, fallbackReason: "\(error)",
                                 fallbackBrief: (error as? DatasetError)?.brief)
        }
    }
}
