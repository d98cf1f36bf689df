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
        let testFile = URL(fileURLWithPath: #filePath)
        let root = testFile.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let source = try String(contentsOf: testFile, encoding: .utf8)
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = source.range(of: "// README loop begins\n"),
              let end = source.range(of: "        // README loop ends", range: start.upperBound..<source.endIndex) else {
            return XCTFail("the README loop markers are missing from \(testFile.path)")
        }
        // The snippet is indented by 8 spaces inside the test method.
        let printed = source[start.upperBound..<end.lowerBound]
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("        ") ? String($0.dropFirst(8)) : String($0) }
            .joined(separator: "\n")
        XCTAssertTrue(printed.contains("train.batches(size: 32"))
        XCTAssertTrue(readme.contains("```swift\n" + printed + "```"),
                      "README.md must show the loop of ReadmeTrainingLoopTests exactly:\n\(printed)")
    }
}
