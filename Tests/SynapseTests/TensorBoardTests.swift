import Foundation
import XCTest
@testable import Synapse

/// TensorBoard event files written without TensorFlow: the framing, the
/// encoding, and TensorBoard itself reading what a short `fit` wrote.
final class TensorBoardTests: XCTestCase {
    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    func testCRC32CHasItsStandardCheckValue() {
        XCTAssertEqual(CRC32C.checksum(Array("123456789".utf8)), 0xE306_9283)
    }

    func testTheFileVersionEventEncodesToKnownBytes() {
        let record = TFRecord.frame(EventEncoding.fileVersion(wallTime: 1_700_000_000))
        XCTAssertEqual(hex(record), "1800000000000000" + "a37f4b22" + "0900000040fc54d941"
                       + "1a0d627261696e2e4576656e743a32" + "eced8f9d")
    }

    func testHistogramsCountEveryFiniteValueOnce() {
        let histogram = Histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, .nan], bucketCount: 5)
        XCTAssertEqual(histogram.count, 10)
        XCTAssertEqual(histogram.bucketCounts, [2, 2, 2, 2, 2])
        XCTAssertEqual(histogram.bucketLimits.last, 9)
        XCTAssertEqual(histogram.sum, 45)
        XCTAssertEqual(histogram.sumOfSquares, 285)
        XCTAssertEqual(Histogram([3, 3, 3]).bucketCounts, [3])
    }

    /// A short fit with validation data, batch scalars, sample images and their attribution maps.
    private func trainedRun(in directory: URL) throws -> (board: TensorBoard, history: History) {
        Synapse.seed(4)
        let x = Tensor.randomUniform([64, 16])
        let y = Tensor((0 ..< 64).map { Float($0 % 3) })
        let model = Sequential([Dense(8, activation: .relu), Dense(3, activation: .softmax)])
        model.compile(optimizer: .adam(learningRate: 0.01), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        let board = TensorBoard(logDirectory: directory, updateFrequency: .batches(2),
                                samples: (inputs: x[0 ..< 3], targets: y[0 ..< 3]),
                                hyperparameters: [("learning rate", "0.01"), ("batch size", "16")],
                                explanation: SampleExplanation(method: IntegratedGradients(steps: 8), count: 2))
        let history = try model.fit(x, y, epochs: 3, batchSize: 16, validationData: (x[0 ..< 16], y[0 ..< 16]),
                                    callbacks: [board], verbose: .silent)
        XCTAssertNil(board.writeError)
        return (board, history)
    }

    func testAFitWritesATrainAndAValidationRun() throws {
        let directory = try makeTemporaryDirectory(self)
        _ = try trainedRun(in: directory)
        for run in ["train", "validation"] {
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(run).path)
            XCTAssertEqual(files.count, 1, "\(run): \(files)")
            XCTAssertTrue(files[0].hasPrefix("events.out.tfevents."), files[0])
        }
    }

    func testTensorBoardReadsEveryScalarHistogramAndImage() throws {
        let candidates = [ProcessInfo.processInfo.environment[InteropPython.environmentKey]]
        guard let python = candidates.compactMap({ $0 }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("set \(InteropPython.environmentKey) to a Python with tensorboard (scripts/interop/requirements.txt)")
        }
        let directory = try makeTemporaryDirectory(self)
        let (_, history) = try trainedRun(in: directory)
        func points(_ key: String) -> [[Double]] {
            history[key].enumerated().map { [Double($0.offset), Double(Float($0.element))] }
        }
        let expected: [String: Any] = [
            "train": [
                "scalars": ["epoch_loss": points("loss"), "epoch_accuracy": points("accuracy"),
                            "epoch_learning_rate": [[0, Double(Float(0.01))], [1, Double(Float(0.01))], [2, Double(Float(0.01))]]],
                "histograms": ["dense.kernel", "dense.kernel/gradient", "dense_1.bias"],
                "images": ["samples/0", "samples/2", "explain/ig/0", "explain/ig/1"],
                "texts": ["hyperparameters"],
            ],
            "validation": ["scalars": ["epoch_loss": points("val_loss"), "epoch_accuracy": points("val_accuracy")]],
        ]
        let expectedURL = directory.appendingPathComponent("expected.json")
        try JSONSerialization.data(withJSONObject: expected).write(to: expectedURL)
        let result = try InteropPython.run("tensorboard_check.py", [directory.path, expectedURL.path],
                                           with: URL(fileURLWithPath: python))
        if result.status == 77 { throw XCTSkip(result.output) }
        XCTAssertEqual(result.status, 0, result.output)
    }
}
