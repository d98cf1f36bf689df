import Foundation

/// Fashion-MNIST (Zalando): 60,000 training and 10,000 test 28×28 images of clothing, 10 classes.
public enum FashionMNIST {
    /// The class names, indexed by label.
    public static let classNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

    /// The files, mirrors, system directory and checksums of the dataset.
    public static let dataset = IDXDataset(
        name: "fashion-mnist",
        displayName: "Fashion-MNIST",
        trainImages: .init(name: "train-images-idx3-ubyte.gz",
                           sha256: "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"),
        trainLabels: .init(name: "train-labels-idx1-ubyte.gz",
                           sha256: "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"),
        testImages: .init(name: "t10k-images-idx3-ubyte.gz",
                          sha256: "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"),
        testLabels: .init(name: "t10k-labels-idx1-ubyte.gz",
                          sha256: "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"),
        mirrors: [
            URL(string: "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")!,
            URL(string: "https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/")!,
        ],
        systemDirectories: [URL(fileURLWithPath: "/usr/share/datasets/fashion-mnist", isDirectory: true)],
        classCount: 10)

    /// Finds and loads Fashion-MNIST (named directory, cache, system directory, download);
    /// see `IDXDataset.load(_:)`.
    public static func load(_ options: DatasetLoadOptions = DatasetLoadOptions()) throws -> LoadedDataset {
        try dataset.load(options)
    }
}
