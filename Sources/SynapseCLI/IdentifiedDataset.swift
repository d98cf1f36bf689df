import Foundation
import Synapse

/// A loaded dataset with what a model records about it: the record that
/// names it, its class names and how its images become inputs.
struct IdentifiedDataset {
    /// The data, named by what it is (e.g. "Fashion-MNIST" for a directory holding it).
    let loaded: LoadedDataset
    /// The name, or the directory and the fingerprint of its content.
    let record: DatasetRecord
    /// The name of each class, indexed by label.
    let classNames: [String]

    /// The metadata a model trained on this data saves, with the `train` options in `trainingOptions`.
    func metadata(trainingOptions: [String: String]?) -> ModelMetadata {
        let train = loaded.splits.train
        return ModelMetadata(dataset: record, classNames: classNames,
                             preprocessing: .unitInterval(imageShape: [train.height, train.width]),
                             trainingOptions: trainingOptions)
    }

    /// Describes `loaded`, chosen as `choice`. A directory is fingerprinted,
    /// and named after the known dataset it holds if any, otherwise after itself.
    init(_ loaded: LoadedDataset, choice: DatasetChoice) {
        switch choice {
        case .mnist:
            record = DatasetRecord(name: loaded.source == .embedded ? "mnist-sample" : "mnist")
            classNames = MNIST.classNames
            self.loaded = loaded
        case .mnistSample:
            record = DatasetRecord(name: "mnist-sample")
            classNames = MNIST.classNames
            self.loaded = loaded
        case .fashionMNIST:
            record = DatasetRecord(name: "fashion-mnist")
            classNames = FashionMNIST.classNames
            self.loaded = loaded
        case .fsdd:
            record = DatasetRecord(name: "fsdd")
            classNames = (0 ..< 10).map(String.init)
            self.loaded = loaded
        case .directory(let path):
            let fingerprint = loaded.splits.fingerprint
            let known = DatasetSplits.knownDataset(withFingerprint: fingerprint)
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            record = DatasetRecord(name: known?.name ?? "idx-directory", path: absolute, fingerprint: fingerprint)
            classNames = known?.name == "fashion-mnist" ? FashionMNIST.classNames
                : (0 ..< loaded.splits.train.classCount).map(String.init)
            self.loaded = LoadedDataset(name: known?.displayName ?? "IDX data in \(path)", splits: loaded.splits,
                                        source: loaded.source)
        }
    }
}

extension DatasetChoice {
    /// The choice that loads the recorded data: its directory, or its name.
    init(record: DatasetRecord) {
        if let path = record.path {
            self = .directory(path: path)
        } else {
            self.init(argument: record.name)
        }
    }
}

extension DatasetRecord {
    /// How the CLI names the recorded data: "fashion-mnist", or
    /// "fashion-mnist in /data/fm (sha256:…)" for a directory.
    var spelledOut: String {
        guard let path else { return name }
        return "\(name) in \(path)" + (fingerprint.map { " (\($0.prefix(19))…)" } ?? "")
    }
}
