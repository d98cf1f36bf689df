/// Single-channel images and their class labels, kept as bytes.
///
/// `images` holds `count × height × width` pixels, image-major then row-major (shape `[N, H, W]`, one channel);
/// `labels` holds one class index per image.
public struct LabeledImages: Sendable {
    /// Pixels, `count × height × width` bytes.
    public let images: [UInt8]
    /// One class index per image, each below `classCount`.
    public let labels: [UInt8]
    /// Number of images (and labels).
    public let count: Int
    /// Rows per image.
    public let height: Int
    /// Columns per image.
    public let width: Int
    /// Number of classes; every label is below it.
    public let classCount: Int

    /// Pixels per image (`height × width`).
    public var pixelsPerImage: Int { height * width }

    /// Creates a set of labelled images, checking that sizes and labels agree.
    /// - Throws: `DatasetError.countMismatch` if `images` and `labels` disagree on the number of examples,
    ///   `DatasetError.labelOutOfRange` if a label is not below `classCount`.
    public init(images: [UInt8], labels: [UInt8], height: Int, width: Int, classCount: Int,
                imagesName: String = "images", labelsName: String = "labels") throws {
        precondition(height > 0 && width > 0 && classCount > 0, "height, width and classCount must be positive")
        guard images.count % (height * width) == 0, images.count / (height * width) == labels.count else {
            throw DatasetError.countMismatch(images: imagesName, imageCount: images.count / (height * width),
                                             labels: labelsName, labelCount: labels.count)
        }
        if let index = labels.firstIndex(where: { Int($0) >= classCount }) {
            throw DatasetError.labelOutOfRange(file: labelsName, index: index, label: labels[index], classCount: classCount)
        }
        self.images = images
        self.labels = labels
        self.count = labels.count
        self.height = height
        self.width = width
        self.classCount = classCount
    }

    /// Builds labelled images from an IDX images file (unsigned bytes, `[N, H, W]`) and an IDX labels file (`[N]`).
    /// - Throws: `IDXError` for a wrong type or rank, `DatasetError` for mismatched counts or bad labels.
    public init(images: IDXFile, imagesName: String, labels: IDXFile, labelsName: String, classCount: Int) throws {
        try images.expect(.uint8, rank: 3, fileName: imagesName)
        try labels.expect(.uint8, rank: 1, fileName: labelsName)
        guard images.dimensions[1] > 0, images.dimensions[2] > 0 else {
            throw DatasetError.badImageShape(file: imagesName, dimensions: images.dimensions)
        }
        guard images.dimensions[0] == labels.dimensions[0] else {
            throw DatasetError.countMismatch(images: imagesName, imageCount: images.dimensions[0],
                                             labels: labelsName, labelCount: labels.dimensions[0])
        }
        try self.init(images: images.payload, labels: labels.payload, height: images.dimensions[1],
                      width: images.dimensions[2], classCount: classCount,
                      imagesName: imagesName, labelsName: labelsName)
    }

    /// Number of images of each class, indexed by class.
    public func classHistogram() -> [Int] {
        var histogram = [Int](repeating: 0, count: classCount)
        for label in labels { histogram[Int(label)] += 1 }
        return histogram
    }
}

/// A dataset's training and test parts.
public struct DatasetSplits: Sendable {
    /// Examples to train on.
    public let train: LabeledImages
    /// Held-out examples to evaluate on.
    public let test: LabeledImages

    /// Pairs a training and a test set.
    public init(train: LabeledImages, test: LabeledImages) {
        self.train = train
        self.test = test
    }
}
