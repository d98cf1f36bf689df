import Foundation

/// Fashion-MNIST (Zalando): 60,000 training and 10,000 test 28×28 images of clothing, 10 classes.
public enum FashionMNIST {
    /// The class names, indexed by label.
    public static let classNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

    /// The files, mirrors, system directory and checksums of the dataset.
    ///
    /// The checksums are those of the files on the official mirrors (sizes 26,421,880 / 29,515 /
    /// 4,422,102 / 5,148 bytes). Copies repackaged without the gzip file name (24 bytes smaller)
    /// hold the same data but a different SHA-256; they load from a directory, which is not checksummed.
    public static let dataset = IDXDataset(
        name: "fashion-mnist",
        displayName: "Fashion-MNIST",
        trainImages: .init(name: "train-images-idx3-ubyte.gz",
                           sha256: "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
        trainLabels: .init(name: "train-labels-idx1-ubyte.gz",
                           sha256: "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
        testImages: .init(name: "t10k-images-idx3-ubyte.gz",
                          sha256: "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
        testLabels: .init(name: "t10k-labels-idx1-ubyte.gz",
                          sha256: "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"),
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
