import Foundation
import XCTest
@testable import Synapse

/// Stale temporaries of killed writers, and readers of a directory whose
/// swap (or whose parent's swap) was interrupted.
final class AtomicDirectoryTests: XCTestCase {
    private func makeModel() throws -> Sequential {
        Synapse.seed(3)
        let model = Sequential([Dense(3, activation: .softmax)])
        try model.build(inputShape: [4])
        return model
    }

    func testTheNextSaveRemovesStaleTemporariesOfItsOwnNamingOnly() throws {
        let directory = try makeTemporaryDirectory(self)
        let url = directory.appendingPathComponent("m.synapse")
        let stale = directory.appendingPathComponent(".m.synapse.tmp-\(UUID().uuidString)")
        let notOurs = [".m.synapse.tmp-keep", ".other.synapse.tmp-\(UUID().uuidString)", "m.synapse.tmp-\(UUID().uuidString)"]
        for name in [stale.lastPathComponent] + notOurs {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent(name), withIntermediateDirectories: false)
        }
        try makeModel().save(to: url)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        XCTAssertEqual(left, Set(notOurs + ["m.synapse"]))
    }

    func testAtomicFileWritesRemoveTheirStaleTemporariesToo() throws {
        let directory = try makeTemporaryDirectory(self)
        let url = directory.appendingPathComponent("log.csv")
        let stale = directory.appendingPathComponent(".log.csv.tmp-\(UUID().uuidString)")
        XCTAssertTrue(FileManager.default.createFile(atPath: stale.path, contents: Data("half".utf8)))
        try AtomicWrite.write(Data("epoch,loss\n".utf8), to: url)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["log.csv"])
        let unwritable = directory.appendingPathComponent("missing/x.csv")
        XCTAssertThrowsError(try AtomicWrite.write(Data(), to: unwritable)) { error in
            XCTAssertEqual((error as? FileWriteError)?.path, unwritable.path, "the target is named, not its temporary")
        }
    }

    func testAModelInsideACheckpointInterruptedMidSwapIsReadFromThePreviousCopy() throws {
        let directory = try makeTemporaryDirectory(self)
        let checkpoint = directory.appendingPathComponent("run.checkpoint")
        let model = try makeModel()
        model.compile(optimizer: SGD(), loss: .sparseCategoricalCrossentropy)
        try TrainingCheckpoint.write(model, epoch: 0, history: History(), to: checkpoint)
        // Killed between the two renames: only the previous copy is left.
        try FileManager.default.moveItem(at: checkpoint, to: AtomicDirectory.previousURL(for: checkpoint))
        let nested = checkpoint.appendingPathComponent("model.synapse")
        let loaded = try Model.load(from: nested)
        let input = Tensor.randomNormal([2, 4], seed: 1)
        XCTAssertEqual(try loaded.predict(input), try model.predict(input))
        XCTAssertEqual(AtomicDirectory.resolve(nested).path,
                       directory.appendingPathComponent(".run.checkpoint.previous/model.synapse").path)
    }

    func testAnUnwritableLocationIsNamedAsTheUserGaveIt() throws {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: "/proc/self"), "needs Linux's /proc, where nothing can be created")
        let url = URL(fileURLWithPath: "/proc/x.synapse")
        XCTAssertThrowsError(try makeModel().save(to: url)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("/proc/x.synapse"), message)
            XCTAssertFalse(message.contains(".tmp-"), message)
        }
    }
}
