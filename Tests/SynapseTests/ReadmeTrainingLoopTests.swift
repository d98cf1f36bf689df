import XCTest
import Synapse

/// The README's hand-written training loop, compiled and run exactly as
/// printed: the text between the markers below must appear in README.md.
final class ReadmeTrainingLoopTests: XCTestCase {
    typealias SimpleNeuralNetwork = ReadmeExamplesTests.SimpleNeuralNetwork

    func testTheReadmeLoopTrainsAsPrinted() throws {
        Synapse.seed(0)
        let mnist = try MNIST.embeddedSample()
        let (train, test) = (mnist.splits.train, mnist.splits.test)

        // README loop begins
        let model = SimpleNeuralNetwork()
        let optimizer = Adam(learningRate: 1e-3)
        let crossEntropy = SparseCategoricalCrossentropy()

        for epoch in 1...3 {
            var lossSum: Float = 0
            var steps = 0
            for (x, y) in train.batches(size: 32, shuffle: true, seed: UInt64(epoch)) {
                let (loss, gradients) = valueWithGradients(of: model) { model in
                    crossEntropy(predictions: model(x), targets: y)
                }
                optimizer.update(model, with: gradients)
                lossSum += loss.scalar
                steps += 1
            }
            print("epoch \(epoch): loss \(lossSum / Float(steps))")
        }
        // README loop ends

        let predicted = try model.predict(test.imageTensor).argmax(alongAxis: 1).scalars
        let correct = zip(predicted, test.labels).filter { Int($0) == Int($1) }.count
        // fit reaches about 0.92 after three epochs on this sample; chance is 0.1.
        XCTAssertGreaterThan(Double(correct) / Double(test.count), 0.88)
        XCTAssertFalse(model.isTraining, "valueWithGradients restores inference mode")
    }

    func testTheLoopAboveIsTheOneInTheReadme() throws {
        let printed = try assertReadmeShowsSnippet(of: #filePath, begin: "README loop begins", end: "README loop ends")
        XCTAssertTrue(printed.contains("train.batches(size: 32"))
    }
}
