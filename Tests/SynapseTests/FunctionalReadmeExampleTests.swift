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

    func testTheExampleAboveIsTheOneInTheReadme() throws {
        let printed = try assertReadmeShowsSnippet(of: #filePath, begin: "README functional begins",
                                                   end: "README functional ends")
        XCTAssertTrue(printed.contains("Functional(inputs: inputs, outputs: outputs)"))
    }
}
