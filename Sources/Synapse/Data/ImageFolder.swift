import Foundation

/// Labelled images from a folder of PNG and PGM files, as Keras's
/// `image_dataset_from_directory`: classes from subfolders (or a file-name
/// pattern), a seeded or rule-based split, every image made grey (colour PNGs
/// are converted) and resized bilinearly to one size.
///
/// ```swift
/// let pets = try ImageFolder(directory: URL(fileURLWithPath: "pets"), height: 64, width: 64)
/// try model.fit(pets.train.withChannelAxis(), epochs: 10)
/// ```
///
/// Images are kept as bytes (`LabeledImages`) and become floats in [0, 1] one
/// batch at a time, as the IDX datasets do.
public struct ImageFolder {
    /// The class names, indexed by label.
    public let classNames: [String]
    /// Training images.
    public let train: LabeledImages
    /// Test images.
    public let test: LabeledImages
    /// The files left out as undecodable, with why (only with `CorruptFilePolicy.skip`).
    public let skipped: [String]

    /// Loads the `.png` and `.pgm` files of `directory`, resized to `height × width`.
    /// - Parameters:
    ///   - directory: The folder.
    ///   - height: Rows of every image.
    ///   - width: Columns of every image.
    ///   - labeling: Subfolders per class (default) or a file-name pattern.
    ///   - split: Seeded 20 % per class (default) or a rule.
    ///   - corruptFiles: Fail on an undecodable file (default) or skip it.
    /// - Throws: `FolderDatasetError` for the folder's layout, `ImageDecodingError` (naming the file) for a bad image.
    public init(directory: URL, height: Int, width: Int, labeling: FolderListing.Labeling = .subfolders,
                split: FolderListing.Split = .seeded(testFraction: 0.2, seed: 0), corruptFiles: CorruptFilePolicy = .fail) throws {
        precondition(height > 0 && width > 0 && height * width <= GreyscaleImage.maximumPixelCount,
                     "ImageFolder: \(height)×\(width) is not a usable image size")
        let listing = try FolderListing(directory: directory, extensions: ["png", "pgm"], labeling: labeling, split: split)
        guard listing.classNames.count <= 256 else {
            throw FolderDatasetError.tooManyClasses(directory: directory.path, count: listing.classNames.count, limit: 256)
        }
        var skipped: [String] = []
        func load(_ entries: [FolderListing.Entry], part: String) throws -> LabeledImages {
            var pixels: [UInt8] = []
            var labels: [UInt8] = []
            for entry in entries {
                do {
                    let image = try GreyscaleImage(contentsOf: entry.url).resized(width: width, height: height)
                    pixels += image.pixels
                    labels.append(UInt8(entry.label))
                } catch let error as ImageDecodingError where corruptFiles == .skip {
                    skipped.append(error.description)
                }
            }
            guard !labels.isEmpty else { throw FolderDatasetError.emptySplit(directory: directory.path, part: part) }
            return try LabeledImages(images: pixels, labels: labels, height: height, width: width,
                                     classCount: listing.classNames.count)
        }
        train = try load(listing.train, part: "training")
        test = try load(listing.test, part: "test")
        classNames = listing.classNames
        self.skipped = skipped
    }
}
