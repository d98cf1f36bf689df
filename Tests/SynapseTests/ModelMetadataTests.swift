import Foundation
import XCTest
@testable import Synapse

/// `metadata.json`: what a model was trained on, saved with it and with its checkpoints.
final class ModelMetadataTests: XCTestCase {
    private let record = ModelMetadata(
        dataset: DatasetRecord(name: "fashion-mnist", path: "/data/fm", fingerprint: "sha256:abc"),
        classNames: FashionMNIST.classNames,
        preprocessing: .unitInterval(imageShape: [28, 28]),
        trainingOptions: ["optimizer": "sgd", "epochs": "4"])

    private func makeModel() throws -> Sequential {
        Synapse.seed(6)
        let model = Sequential([Dense(10, activation: .softmax)])
        model.compile(optimizer: SGD(), loss: .sparseCategoricalCrossentropy)
        try model.build(inputShape: [4])
        return model
    }

    func testMetadataAndClassNamesSurviveSaveAndLoad() throws {
        let model = try makeModel()
        model.metadata = record
        XCTAssertEqual(model.classNames, FashionMNIST.classNames)
        let url = try makeTemporaryDirectory(self).appendingPathComponent("m.synapse")
        try model.save(to: url)
        let loaded = try Model.load(from: url)
        XCTAssertEqual(loaded.metadata, record)
        XCTAssertEqual(loaded.classNames?[9], "Ankle boot")
    }

    func testAFolderWithoutMetadataStillLoads() throws {
        let url = try makeTemporaryDirectory(self).appendingPathComponent("m.synapse")
        try makeModel().save(to: url)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.appendingPathComponent("metadata.json").path),
                       "an empty record writes no file, as before metadata existed")
        let loaded = try Model.load(from: url)
        XCTAssertTrue(loaded.metadata.isEmpty)
        XCTAssertNil(loaded.classNames)
    }

    func testMalformedMetadataIsATypedErrorNamingTheFile() throws {
        let url = try makeTemporaryDirectory(self).appendingPathComponent("m.synapse")
        let model = try makeModel()
        model.classNames = ["a"]
        try model.save(to: url)
        let file = url.appendingPathComponent("metadata.json")
        try Data("{\"class_names\": 3}".utf8).write(to: file)
        XCTAssertThrowsError(try Model.load(from: url)) { error in
            guard case let .invalidConfiguration(path, _)? = error as? ModelFileError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, file.path)
        }
        try Data(count: ModelMetadata.maximumFileSize + 1).write(to: file)
        XCTAssertThrowsError(try Model.load(from: url)) { error in
            XCTAssertTrue("\(error)".contains("larger than"), "\(error)")
        }
    }

    func testCheckpointsCarryTheMetadataAndGiveItToAModelWithout() throws {
        let model = try makeModel()
        model.metadata = record
        let url = try makeTemporaryDirectory(self).appendingPathComponent("run.checkpoint")
        try TrainingCheckpoint.write(model, epoch: 0, history: History(), to: url)
        let checkpoint = try TrainingCheckpoint(contentsOf: url)
        XCTAssertEqual(checkpoint.metadata, record)
        XCTAssertEqual(try ModelMetadata(contentsOfModel: TrainingCheckpoint.modelURL(in: url)), record)
        let fresh = try makeModel()
        try checkpoint.restore(into: fresh)
        XCTAssertEqual(fresh.metadata, record)
        let own = try makeModel()
        own.classNames = ["mine"]
        try checkpoint.restore(into: own)
        XCTAssertEqual(own.classNames, ["mine"], "a model's own record is kept")
    }

    func testTheSameDataIsTheSameFingerprintWhereverItIs() {
        let here = DatasetRecord(name: "idx-directory", path: "/a", fingerprint: "sha256:1")
        XCTAssertTrue(here.isSameData(as: DatasetRecord(name: "idx-directory", path: "/b", fingerprint: "sha256:1")))
        XCTAssertFalse(here.isSameData(as: DatasetRecord(name: "idx-directory", path: "/a", fingerprint: "sha256:2")))
        XCTAssertTrue(DatasetRecord(name: "mnist").isSameData(as: DatasetRecord(name: "mnist")))
        XCTAssertFalse(DatasetRecord(name: "mnist").isSameData(as: DatasetRecord(name: "fashion-mnist")))
    }

    func testTheEmbeddedSampleIsKnownByItsContent() throws {
        let sample = try MNIST.embeddedSample()
        // Computed by scripts/dataset-fingerprint from Sources/Synapse/Resources/mnist-5k.
        XCTAssertEqual(sample.splits.fingerprint, "sha256:6b14388de6ab7971fdb4fe47d15a5a657348a2a665a7dfdccddabc93af0e4ad6")
        XCTAssertEqual(DatasetSplits.knownDataset(withFingerprint: sample.splits.fingerprint)?.name, "mnist-sample")
        let swapped = DatasetSplits(train: sample.splits.test, test: sample.splits.train)
        XCTAssertNil(DatasetSplits.knownDataset(withFingerprint: swapped.fingerprint))
    }
}
