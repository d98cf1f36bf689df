import Foundation
import XCTest
@testable import Synapse

/// Tampered checkpoints: integers out of range in `state.json`, and
/// optimizer slots of the wrong count or shape (issue 10, items 16–18).
/// Each must be a typed error before any kernel sees the slots.
final class ParserHardeningCheckpointTests: XCTestCase {
    private let data = teacherLabelledData(count: 40, seed: 3)

    private func makeModel(_ optimizer: Optimizer) -> Sequential {
        Synapse.seed(1)
        let model = Sequential([Dense(4, activation: .relu), Dense(3, activation: .softmax)])
        model.compile(optimizer: optimizer, loss: .sparseCategoricalCrossentropy)
        return model
    }

    /// A checkpoint after one epoch with `optimizer`.
    private func checkpoint(_ optimizer: Optimizer) throws -> URL {
        let url = try makeTemporaryDirectory(self).appendingPathComponent("checkpoint")
        try makeModel(optimizer).fit(data.x, data.y, epochs: 1, batchSize: 20,
                                     callbacks: [ModelCheckpoint(directory: url)], verbose: .silent)
        return url
    }

    /// Rewrites `optimizer.safetensors` in `url` with `change` applied to its tensors.
    private func tamperSlots(in url: URL, _ change: (inout [(name: String, tensor: Tensor)]) -> Void) throws {
        let fileURL = url.appendingPathComponent(TrainingCheckpoint.optimizerFileName)
        let file = try SafetensorsFile(contentsOf: fileURL)
        var tensors = file.entries.map { (name: $0.name, tensor: $0.tensor) }
        change(&tensors)
        try SafetensorsFile(tensors: tensors, metadata: file.metadata).encoded().write(to: fileURL)
    }

    /// Asserts that resuming from `url` with `optimizer` throws `invalidState` for `fileName` mentioning `text`.
    private func assertResumeFails(_ url: URL, with optimizer: Optimizer, file fileName: String, contains text: String,
                                   line: UInt = #line) {
        let model = makeModel(optimizer)
        XCTAssertThrowsError(try model.fit(data.x, data.y, epochs: 2, verbose: .silent, resumeFrom: url), line: line) { error in
            guard case let .invalidState(file, reason)? = error as? CheckpointError else { return XCTFail("\(error)", line: line) }
            XCTAssertEqual(file, url.appendingPathComponent(fileName).path, line: line)
            XCTAssertTrue(reason.contains(text), reason, line: line)
        }
    }

    func testAnAdamSlotOfTheWrongShapeIsRefusedBeforeTheKernelRuns() throws {
        let url = try checkpoint(.adam())
        try tamperSlots(in: url) { tensors in
            let index = tensors.firstIndex { $0.name == "dense.kernel/0" }!
            tensors[index].tensor = Tensor.zeros([2, 2])
        }
        assertResumeFails(url, with: .adam(), file: "optimizer.safetensors", contains: "slot 'dense.kernel/0' has shape [2, 2]")
    }

    func testAdamWithOneSlotIsRefused() throws {
        let url = try checkpoint(.adam())
        try tamperSlots(in: url) { tensors in tensors.removeAll { $0.name.hasSuffix("/1") } }
        assertResumeFails(url, with: .adam(), file: "optimizer.safetensors", contains: "has 1 'adam' slot tensors, the optimizer keeps 2")
    }

    func testRMSpropAdagradAndMomentumSGDWithTheWrongSlotCountAreRefused() throws {
        let optimizers: [() -> Optimizer] = [{ .rmsprop() }, { .adagrad() }, { .sgd(momentum: 0.9) }, { .rmsprop(momentum: 0.5, centered: true) }]
        for make in optimizers {
            let url = try checkpoint(make())
            try tamperSlots(in: url) { tensors in
                let kernel = tensors.first { $0.name == "dense.kernel/0" }!.tensor
                tensors.append((name: "dense.kernel/\(tensors.filter { $0.name.hasPrefix("dense.kernel/") }.count)", tensor: kernel))
            }
            let optimizer = make()
            assertResumeFails(url, with: optimizer, file: "optimizer.safetensors",
                              contains: "the optimizer keeps \(optimizer.slotCount!)")
        }
    }

    func testCorrectSlotsStillResume() throws {
        for make in [{ Optimizer.adam() }, { .rmsprop(momentum: 0.5, centered: true) }, { .adagrad() }, { .sgd(momentum: 0.9) }] {
            let url = try checkpoint(make())
            XCTAssertNoThrow(try makeModel(make()).fit(data.x, data.y, epochs: 2, verbose: .silent, resumeFrom: url))
        }
    }

    /// Rewrites one field of `state.json` in `url`.
    private func tamperState(in url: URL, _ key: String, _ value: Any) throws {
        let stateURL = url.appendingPathComponent(TrainingCheckpoint.stateFileName)
        var state = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: stateURL)) as? [String: Any])
        state[key] = value
        try JSONSerialization.data(withJSONObject: state).write(to: stateURL)
    }

    func testAnEpochOfIntMaxIsRefusedWhenRead() throws {
        let url = try checkpoint(.adam())
        try tamperState(in: url, "epoch", Int.max)
        XCTAssertThrowsError(try TrainingCheckpoint(contentsOf: url)) { error in
            guard case let .invalidState(file, reason)? = error as? CheckpointError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, url.appendingPathComponent("state.json").path)
            XCTAssertTrue(reason.contains("'epoch' is \(Int.max)"), reason)
        }
        assertResumeFails(url, with: .adam(), file: "state.json", contains: "'epoch'")
    }

    func testNegativeAndHugeStepsAndNegativeEpochsAreRefused() throws {
        let url = try checkpoint(.adam())
        try tamperState(in: url, "step", -1)
        assertResumeFails(url, with: .adam(), file: "state.json", contains: "'step' is -1")
        try tamperState(in: url, "step", Int.max)
        assertResumeFails(url, with: .adam(), file: "state.json", contains: "'step' is \(Int.max)")
        try tamperState(in: url, "step", 2)
        try tamperState(in: url, "epoch", -2)
        assertResumeFails(url, with: .adam(), file: "state.json", contains: "'epoch' is -2")
    }

    func testAHugeSavedInputShapeIsRefusedBeforeBuilding() throws {
        let url = try checkpoint(.adam())
        let configURL = url.appendingPathComponent("model.synapse/config.json")
        var config = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: configURL)) as? [String: Any])
        config["input_shape"] = [1 << 31]
        try JSONSerialization.data(withJSONObject: config).write(to: configURL)
        let model = makeModel(.adam())
        XCTAssertThrowsError(try model.fit(data.x, data.y, epochs: 2, verbose: .silent, resumeFrom: url)) { error in
            guard case .activationTooLarge(let layer, let shape, _)? = error as? ModelSizeError else { return XCTFail("\(error)") }
            XCTAssertEqual(layer, "input")
            XCTAssertEqual(shape, [1 << 31])
        }
        XCTAssertFalse(model.isBuilt)
    }
}
