import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import Synapse

/// Training curves, the confusion matrix picture and example grids, as PNG and SVG.
final class PlotTests: XCTestCase {
    private func syntheticHistory() -> History {
        History(epochs: [0, 1, 2, 3], values: ["loss": [1.0, 0.5, 0.25, 0.2], "val_loss": [1.1, 0.7, 0.5, 0.45],
                                               "accuracy": [0.6, 0.8, 0.9, 0.92]])
    }

    func testAKnownLineGoesThroughTheExpectedPixels() throws {
        let plot = try XCTUnwrap(TrainingPlots.curves(syntheticHistory()).first { $0.name == "loss" }).plot
        let image = plot.image()
        let training = plot.series[0].color
        XCTAssertEqual(plot.series.map(\.name), ["training", "validation"])
        // Every point, and the middle of every segment, is drawn in the series colour.
        let points = zip([1.0, 2, 3, 4], [1.0, 0.5, 0.25, 0.2]).map { plot.pixel(x: $0, y: $1) }
        for point in points { XCTAssertEqual(image[x: point.x, y: point.y], training, "\(point)") }
        for (a, b) in zip(points, points.dropFirst()) {
            XCTAssertEqual(image[x: (a.x + b.x) / 2, y: (a.y + b.y) / 2], training, "between \(a) and \(b)")
        }
        // Epoch 1's loss of 1.0 sits above epoch 2's 0.5: larger values are higher up.
        XCTAssertLessThan(points[0].y, points[1].y)
        // Away from the lines the background is white.
        XCTAssertEqual(image[x: plot.frame.left + 5, y: plot.frame.bottom - 5], .white)
        XCTAssertEqual(try PNGImage.decode(image.pngData(), file: "loss.png").width, plot.width)
    }

    func testAxesTickAtNiceValuesAroundTheData() {
        let axis = PlotAxis(covering: [0.23, 0.91])
        XCTAssertEqual(axis.ticks.first!, 0.2, accuracy: 1e-12)
        XCTAssertEqual(axis.ticks.last!, 1.0, accuracy: 1e-12)
        XCTAssertEqual(axis.ticks.count, 5)
        XCTAssertEqual(axis.label(0.4), "0.4")
        let flat = PlotAxis(covering: [3, 3, 3])
        XCTAssertLessThan(flat.lower, 3)
        XCTAssertGreaterThan(flat.upper, 3)
    }

    func testEveryMetricGetsAPNGAndAWellFormedSVG() throws {
        let directory = try makeTemporaryDirectory(self)
        let written = try TrainingPlots.write(syntheticHistory(), to: directory)
        XCTAssertEqual(written.map(\.lastPathComponent).sorted(), ["accuracy.png", "accuracy.svg", "loss.png", "loss.svg"])
        for url in written where url.pathExtension == "svg" {
            let parser = XMLParser(data: try Data(contentsOf: url))
            XCTAssertTrue(parser.parse(), "\(url.lastPathComponent): \(String(describing: parser.parserError))")
        }
        XCTAssertTrue(try String(contentsOf: directory.appendingPathComponent("loss.svg"), encoding: .utf8).contains(">validation</text>"))
    }

    func testTheConfusionMatrixShadesEachCellByItsShareOfTheRow() throws {
        let plot = ConfusionMatrixPlot(counts: [[8, 2], [0, 5]], classNames: ["cat", "dog"])
        XCTAssertEqual(plot.rowFractions, [[0.8, 0.2], [0, 1]])
        let image = plot.image()
        let corner = (x: plot.origin.x + 1, y: plot.origin.y + 1)
        XCTAssertEqual(image[x: corner.x, y: corner.y], Colormap.viridis.color(at: 0.8))
        XCTAssertEqual(image[x: corner.x + plot.cellSize, y: corner.y + plot.cellSize], Colormap.viridis.color(at: 1))
        XCTAssertTrue(XMLParser(data: Data(plot.svg().utf8)).parse())
        XCTAssertTrue(plot.svg().contains(">dog</text>"))
    }

    func testTheMisclassifiedGridHoldsOnlyTheWrongAnswers() {
        let inputs = Tensor.randomUniform([4, 4, 4])
        let predictions = ClassPrediction.rows(of: Tensor([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]]))
        let grid = ExampleGrid.misclassified(inputs: inputs, labels: [0, 0, 1, 1], predictions: predictions, classNames: nil)
        XCTAssertEqual(grid.cards.count, 2)   // examples 1 and 2
        XCTAssertEqual(grid.image().height, grid.cards[0].height + 8)
    }

    func testATrainingLogReadsBackAsTheHistoryItRecorded() throws {
        let directory = try makeTemporaryDirectory(self)
        let url = directory.appendingPathComponent("log.csv")
        Synapse.seed(2)
        let model = Sequential([Dense(3, activation: .softmax)])
        model.compile(optimizer: .sgd(learningRate: 0.1), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        let history = try model.fit(Tensor.randomUniform([20, 4]), Tensor((0 ..< 20).map { Float($0 % 3) }), epochs: 3,
                                    batchSize: 5, callbacks: [CSVLogger(url.path)], verbose: .silent)
        let read = try History(csvContentsOf: url)
        XCTAssertEqual(read.epochs, [0, 1, 2])
        for (name, values) in history.values {
            XCTAssertEqual(read[name].count, values.count, name)
            for (a, b) in zip(read[name], values) { XCTAssertEqual(a, b, accuracy: 1e-6 * max(1, abs(b)), name) }
        }
    }

    func testABrokenTrainingLogNamesTheLineAndTheProblem() {
        func error(_ text: String) -> HistoryFileError? {
            do { _ = try History(csv: Array(text.utf8), file: "log.csv"); return nil } catch { return error as? HistoryFileError }
        }
        XCTAssertEqual(error("")?.description, "log.csv: the file is empty; a training log starts with the header 'epoch,loss,…'")
        XCTAssertEqual(error("time,loss\n0,1\n")?.line, 1)
        XCTAssertEqual(error("epoch,loss\n0,1\n1,x\n")?.description, "log.csv:3: 'x' in column 'loss' is not a number")
        XCTAssertEqual(error("epoch,loss\n0,1,2\n")?.line, 2)
        XCTAssertEqual(error("epoch,loss,loss\n")?.line, 1)
        XCTAssertNil(error("epoch,loss\n0,1\n1,\n"))
    }
}
