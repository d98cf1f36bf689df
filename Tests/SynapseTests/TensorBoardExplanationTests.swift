import Foundation
import XCTest
@testable import Synapse

/// `TensorBoard(explanation:)`: the attribution maps of the samples land in
/// the train run's event file as PNG image summaries, one per sample and
/// epoch, read back from the file's records.
final class TensorBoardExplanationTests: XCTestCase {
    private func smallConvNet() -> (model: Sequential, x: Tensor, y: Tensor) {
        Synapse.seed(3)
        let x = Tensor.randomUniform([48, 6, 6, 1])
        let y = Tensor((0 ..< 48).map { Float($0 % 3) })
        let model = Sequential([Conv2D(4, kernelSize: 3, activation: .relu), Flatten(), Dense(3, activation: .softmax)])
        model.compile(optimizer: .adam(learningRate: 0.01), loss: .sparseCategoricalCrossentropy)
        return (model, x, y)
    }

    func testTheSamplesMapsAreLoggedAsImagesEveryEpoch() throws {
        let (model, x, y) = smallConvNet()
        let directory = try makeTemporaryDirectory(self)
        let explanation = SampleExplanation(method: IntegratedGradients(steps: 8), count: 2)
        let board = TensorBoard(logDirectory: directory, histogramFrequency: 0, samples: (inputs: x[0 ..< 3], targets: y[0 ..< 3]),
                                explanation: explanation)
        try model.fit(x, y, epochs: 2, batchSize: 16, callbacks: [board], verbose: .silent)
        XCTAssertNil(board.writeError)

        let logged = try tensorBoardImages(inEventFileIn: directory.appendingPathComponent("train"))
        XCTAssertEqual(logged.filter { $0.tag.hasPrefix("samples/") }.count, 6, "the samples are still shown")
        let maps = logged.filter { $0.tag.hasPrefix("explain/") }
        XCTAssertEqual(maps.map(\.tag), ["explain/ig/0", "explain/ig/1", "explain/ig/0", "explain/ig/1"])
        XCTAssertEqual(maps.map(\.step), [0, 0, 1, 1])
        // The last epoch's pictures are those of the trained model, and they decode.
        let expected = try explanation.pictures(of: x[0 ..< 3], model: model)
        XCTAssertEqual(expected.count, 2)
        for (map, picture) in zip(maps.suffix(2), expected) {
            XCTAssertEqual(map.tag, picture.tag)
            XCTAssertEqual(map.png, picture.image.pngData())
            let decoded = try PNGImage.decode(map.png, file: map.tag)
            XCTAssertEqual([decoded.width, decoded.height], [picture.image.width, picture.image.height])
        }
        // Signed maps are drawn in colour over the grey input.
        let image = try XCTUnwrap(expected.first?.image)
        let coloured = (0 ..< image.height).flatMap { y in (0 ..< image.width).map { image[x: $0, y: y] } }
            .filter { $0.red != $0.blue }
        XCTAssertGreaterThan(coloured.count, 20)
    }

    func testAMethodThatDoesNotFitTheModelIsReportedAndTrainingGoesOn() throws {
        Synapse.seed(3)
        let x = Tensor.randomUniform([32, 16])
        let y = Tensor((0 ..< 32).map { Float($0 % 2) })
        let model = Sequential([Dense(4, activation: .relu), Dense(2, activation: .softmax)])
        model.compile(optimizer: .adam(), loss: .sparseCategoricalCrossentropy)
        let board = TensorBoard(logDirectory: try makeTemporaryDirectory(self), histogramFrequency: 0,
                                samples: (inputs: x[0 ..< 2], targets: y[0 ..< 2]),
                                explanation: SampleExplanation(method: GradCAM(), isSigned: false))
        let history = try model.fit(x, y, epochs: 2, batchSize: 16, callbacks: [board], verbose: .silent)
        XCTAssertEqual(history["loss"].count, 2)
        XCTAssertTrue(board.writeError is ExplainError, "\(String(describing: board.writeError))")
    }
}
