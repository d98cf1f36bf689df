import Foundation
import Synapse

/// The images of `path` when it is a folder of class subfolders (or when
/// `--image-size` is given), resized to `imageSize` (default 28) square; nil
/// for a folder of IDX files, which the IDX loader reads.
func imageFolderDataset(at path: String, imageSize: Int?) throws -> IdentifiedDataset? {
    let directory = URL(fileURLWithPath: path)
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    let hasSubfolders = entries.contains { name in
        var isDirectory: ObjCBool = false
        return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path,
                                                                      isDirectory: &isDirectory) && isDirectory.boolValue
    }
    guard imageSize != nil || hasSubfolders else { return nil }
    let side = imageSize ?? 28
    let folder = try ImageFolder(directory: directory, height: side, width: side)
    for skipped in folder.skipped { writeToStandardError("warning: skipped \(skipped)") }
    let absolute = directory.standardizedFileURL.path
    let loaded = LoadedDataset(name: "Images in \(path)", splits: DatasetSplits(train: folder.train, test: folder.test),
                               source: .directory(directory))
    return IdentifiedDataset(loaded: loaded,
                             record: DatasetRecord(name: "image-folder", path: absolute, fingerprint: loaded.splits.fingerprint),
                             classNames: folder.classNames)
}

extension IdentifiedDataset {
    /// A dataset described by its parts.
    init(loaded: LoadedDataset, record: DatasetRecord, classNames: [String]) {
        self.loaded = loaded
        self.record = record
        self.classNames = classNames
    }
}

/// Images resized to the model's input size when the model was trained on a
/// folder of images (which were resized the same way); others are left as they are.
func fittedToModel(_ images: [NamedImage], model: Model) -> [NamedImage] {
    guard model.metadata.dataset?.name == "image-folder", let shape = model.metadata.preprocessing?.imageShape,
          shape.count == 2, shape[0] > 0, shape[1] > 0 else { return images }
    return images.map { NamedImage(name: $0.name, image: $0.image.resized(width: shape[1], height: shape[0])) }
}
