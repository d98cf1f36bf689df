import Foundation
import XCTest
import Synapse

/// The README's functional-API example (a residual block), compiled and run
/// exactly as printed: the text between the markers must appear in README.md.
final class FunctionalReadmeExampleTests: XCTestCase {
    func testTheReadmeResidualModelTrainsAndReloads() throws {
        Synapse.seed(0)
        let mnist = try MNIST.embeddedSample()
        let train = mnist.splits.train
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("functional-readme-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("residual.synapse")

        // README functional begins
        let inputs = Input(shape: [28, 28])
        let x = Dense(128, activation: .relu)(Flatten()(inputs))
        let block = Dense(128)(Dense(128, activation: .relu)(x))
        let residual = ActivationLayer(.relu)(Add()([x, block]))   // x is used twice
        let outputs = Dense(10, activation: .softmax)(residual)

        let model = Functional(inputs: inputs, outputs: outputs)
        model.compile(optimizer: .adam(), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        try model.fit(train, epochs: 1)
        try model.save(to: url)   // the graph is saved too: no class to register
        let loaded = try Model.load(from: url)
        // README functional ends

        let test = mnist.splits.test
        XCTAssertGreaterThan(try loaded.evaluate(test, verbose: .silent).accuracy, 0.8)
        XCTAssertEqual(try loaded.predict(test.imageTensor), try model.predict(test.imageTensor))
    }

    func testTheReadmeTwoInputTwoOutputModelTrains() throws {
        Synapse.seed(0)
        let train = try MNIST.embeddedSample().splits.train
        let images = train.imageTensor, labels = train.labelTensor
        let topHalves = images.slice(alongAxis: 1, 0 ..< 14), bottomHalves = images.slice(alongAxis: 1, 14 ..< 28)
        let inkFractions = (images.sum(alongAxes: [1, 2]) / 784).reshaped(to: [train.count, 1])

        // README functional two heads begins
        let top = Input(shape: [14, 28], name: "top"), bottom = Input(shape: [14, 28], name: "bottom")
        let features = Concatenate()([Dense(64, activation: .relu)(Flatten()(top)),
                                      Dense(64, activation: .relu)(Flatten()(bottom))])
        let digit = Dense(10, activation: .softmax).named("digit")(features)
        let ink = Dense(1).named("ink")(features)

        let model = Functional(inputs: [top, bottom], outputs: [digit, ink])
        try model.compile(optimizer: .adam(),
                          loss: ["digit": .sparseCategoricalCrossentropy, "ink": .meanSquaredError],
                          lossWeights: ["digit": 1, "ink": 10], metrics: ["digit": [.accuracy]])
        let history = try model.fit([topHalves, bottomHalves], [labels, inkFractions],
                                    epochs: 2, validationSplit: 0.1)
        // loss (the weighted sum), digit_loss, digit_accuracy, ink_loss, and val_ of each
        let predictions = try model.predict([topHalves, bottomHalves])   // [digits, ink]
        // README functional two heads ends

        XCTAssertGreaterThan(history["val_digit_accuracy"].last!, 0.8)
        XCTAssertLessThan(history["ink_loss"].last!, history["ink_loss"].first!)
        XCTAssertEqual(history["loss"].last!, history["digit_loss"].last! + 10 * history["ink_loss"].last!,
                       accuracy: 1e-4 * history["loss"].last!)
        XCTAssertEqual(predictions.map(\.shape), [[train.count, 10], [train.count, 1]])
    }

    func testTheTwoHeadedExampleIsTheOneInTheReadme() throws {
        let printed = try assertReadmeShowsSnippet(of: #filePath, begin: "README functional two heads begins",
                                                   end: "README functional two heads ends")
        XCTAssertTrue(printed.contains("outputs: [digit, ink]"))
    }

    func testTheExampleAboveIsTheOneInTheReadme() throws {
        let printed = try assertReadmeShowsSnippet(of: #filePath, begin: "README functional begins",
                                                   end: "README functional ends")
        XCTAssertTrue(printed.contains("Functional(inputs: inputs, outputs: outputs)"))
    }
}
