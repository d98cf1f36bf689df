import Foundation
import XCTest
@testable import Synapse

/// Functional models save their graph in `config.json` and load with no
/// class registered; a corrupt graph is a typed error naming what is wrong.
final class FunctionalModelFileTests: XCTestCase {
    private func residualMLP(seed: UInt64 = 21) -> Functional {
        Synapse.seed(seed)
        let input = Input(shape: [6])
        let hidden = Dense(16, activation: .relu)(input)
        let block = Add()([hidden, Dense(16, activation: .relu)(Dropout(0.2)(hidden))])
        return Functional(inputs: input, outputs: Dense(3, activation: .softmax)(block))
    }

    private func twoInputTwoOutputModel() -> Functional {
        Synapse.seed(22)
        let sequence = Input(shape: [8, 2], name: "sequence"), side = Input(shape: [3], name: "side")
        let conv = Conv1D(4, kernelSize: 3, padding: .causal, activation: .relu)(sequence)
        let pooled = GlobalMaxPool1D()(MaxPool1D(poolSize: 2)(conv))
        let shared = Dense(4, activation: .tanh)
        let joined = Concatenate()([shared(pooled), shared(Dense(4)(side))])
        return Functional(inputs: [sequence, side], outputs: [Dense(1)(joined), Add()([pooled, shared(pooled)])])
    }

    func testAResidualMLPGivesIdenticalOutputsAfterSaveAndLoad() throws {
        let model = residualMLP()
        let (x, y) = teacherLabelledData(count: 64, seed: 23)
        model.compile(optimizer: .adam(learningRate: 0.01), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        try model.fit(x, y, epochs: 1, batchSize: 16, verbose: .silent)
        let url = try makeTemporaryDirectory(self).appendingPathComponent("residual.synapse")
        try model.save(to: url)
        let loaded = try XCTUnwrap(Model.load(from: url) as? Functional)
        XCTAssertEqual(try loaded.predict(x), try model.predict(x))
        XCTAssertEqual(loaded.layers.map(\.name), model.layers.map(\.name))
        XCTAssertEqual(loaded.compiled?.metrics.map(\.name), ["accuracy"])
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url.appendingPathComponent("config.json"))) as? [String: Any])
        XCTAssertEqual(json["model_class"] as? String, "Functional")
        let graph = try XCTUnwrap(json["graph"] as? [String: Any])
        XCTAssertEqual((graph["nodes"] as? [[String: Any]])?.count, 5)
    }

    func testATwoInputTwoOutputModelGivesIdenticalOutputsAfterSaveAndLoad() throws {
        let model = twoInputTwoOutputModel()
        let a = Tensor.randomNormal([3, 8, 2], seed: 24), b = Tensor.randomNormal([3, 3], seed: 25)
        let expected = model([a, b])
        let url = try makeTemporaryDirectory(self).appendingPathComponent("two.synapse")
        try model.save(to: url)
        let loaded = try XCTUnwrap(Model.load(from: url) as? Functional)
        XCTAssertEqual(loaded([a, b]), expected)
        XCTAssertEqual(loaded.inputs.map(\.name), ["sequence", "side"])
        XCTAssertEqual(loaded.inputs.map(\.shape), [[8, 2], [3]])
        XCTAssertEqual(try loaded.graphConfiguration(), try model.graphConfiguration())
        // The shared Dense is saved once and called three times.
        XCTAssertEqual(try model.graphConfiguration().nodes.filter { $0.layer == "dense" }.map(\.name),
                       ["dense", "dense#2", "dense#3"])
    }

    // MARK: Corrupt graphs

    private func savedGraph() throws -> (url: URL, json: [String: Any], graph: [String: Any]) {
        let url = try makeTemporaryDirectory(self).appendingPathComponent("graph.synapse")
        try twoInputTwoOutputModel().save(to: url)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url.appendingPathComponent("config.json"))) as? [String: Any])
        return (url, json, try XCTUnwrap(json["graph"] as? [String: Any]))
    }

    /// Loads `url` with `graph` changed by `change`, and checks that it fails
    /// with an invalid-configuration error whose reason contains `expected`.
    private func assertLoadFails(_ saved: (url: URL, json: [String: Any], graph: [String: Any]), mentioning expected: String,
                                 line: UInt = #line, _ change: (inout [String: Any], inout [[String: Any]]) -> Void) throws {
        var json = saved.json, graph = saved.graph
        var nodes = try XCTUnwrap(graph["nodes"] as? [[String: Any]])
        change(&graph, &nodes)
        graph["nodes"] = nodes
        json["graph"] = graph
        try JSONSerialization.data(withJSONObject: json).write(to: saved.url.appendingPathComponent("config.json"))
        XCTAssertThrowsError(try Model.load(from: saved.url), line: line) { error in
            guard case let .invalidConfiguration(file, reason)? = error as? ModelFileError else {
                return XCTFail("\(error)", line: line)
            }
            XCTAssertTrue(file.hasSuffix("config.json"), file, line: line)
            XCTAssertTrue(reason.contains(expected), reason, line: line)
        }
    }

    func testACorruptGraphIsATypedErrorSayingWhatIsWrong() throws {
        let saved = try savedGraph()
        try assertLoadFails(saved, mentioning: "reads 'nowhere', which names no input or node") { _, nodes in
            nodes[1]["inputs"] = ["nowhere"]
        }
        try assertLoadFails(saved, mentioning: "cycle") { _, nodes in
            // The first node now reads the last one, which depends on it.
            nodes[0]["inputs"] = [nodes[nodes.count - 1]["name"]!]
        }
        try assertLoadFails(saved, mentioning: "cannot take its inputs") { _, nodes in
            // The convolution fed the 1-D side input.
            let conv = nodes.firstIndex { ($0["layer"] as? String) == "conv1d" }!
            nodes[conv]["inputs"] = ["side"]
        }
        try assertLoadFails(saved, mentioning: "not in 'layers'") { _, nodes in nodes[0]["layer"] = "ghost" }
        try assertLoadFails(saved, mentioning: "takes one input, got 2") { _, nodes in
            nodes[0]["inputs"] = ["sequence", "sequence"]
        }
        try assertLoadFails(saved, mentioning: "output 'missing'") { graph, _ in graph["outputs"] = ["missing"] }
        try assertLoadFails(saved, mentioning: "lead to no output") { _, nodes in
            nodes.append(["name": "stray", "layer": "conv1d", "inputs": ["sequence"]])
        }
        try assertLoadFails(saved, mentioning: "two tensors are named") { _, nodes in nodes[1]["name"] = nodes[0]["name"]! }
        try assertLoadFails(saved, mentioning: "every size must be positive") { graph, _ in
            graph["inputs"] = [["name": "sequence", "shape": [8, 0]], ["name": "side", "shape": [3]]]
        }
        try assertLoadFails(saved, mentioning: "never called") { graph, nodes in
            // Drop the branch through the first output's head; the output then names the join.
            let head = nodes.firstIndex { ($0["layer"] as? String) == "dense_2" }!
            nodes.remove(at: head)
            graph["outputs"] = ["concatenate", (graph["outputs"] as! [String])[1]]
        }
    }

    func testAGraphLongerThanTheStackCouldRecurseLoadsOrFailsCleanly() throws {
        // 20,000 chained activations: read without recursion.
        let url = try makeTemporaryDirectory(self).appendingPathComponent("long.synapse")
        let input = Input(shape: [2])
        let relu = ActivationLayer(.relu)
        relu.name = "activation"
        try Functional(inputs: input, outputs: relu(input)).save(to: url)
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url.appendingPathComponent("config.json"))) as? [String: Any])
        var graph = try XCTUnwrap(json["graph"] as? [String: Any])
        let nodes = (0..<20_000).map { ["name": "n\($0)", "layer": "activation", "inputs": [$0 == 0 ? "input" : "n\($0 - 1)"]] }
        graph["nodes"] = nodes
        graph["outputs"] = ["n19999"]
        json["graph"] = graph
        try JSONSerialization.data(withJSONObject: json).write(to: url.appendingPathComponent("config.json"))
        let loaded = try XCTUnwrap(Model.load(from: url) as? Functional)
        XCTAssertEqual(loaded(Tensor(shape: [1, 2], scalars: [-1, 2])).scalars, [0, 2])
    }

    func testSizeLimitsCountEveryLayerOfTheGraph() throws {
        // Two Dense(8) on [6] inputs: 56 parameters each, 112 together.
        Synapse.seed(26)
        let input = Input(shape: [6])
        let model = Functional(inputs: input, outputs: Add()([Dense(8)(input), Dense(8)(input)]))
        let url = try makeTemporaryDirectory(self).appendingPathComponent("limits.synapse")
        try model.save(to: url)
        XCTAssertNoThrow(try Model.load(from: url, limits: ModelSizeLimits(maximumParameterCount: 112)))
        XCTAssertThrowsError(try Model.load(from: url, limits: ModelSizeLimits(maximumParameterCount: 111))) { error in
            XCTAssertTrue("\(error)".contains("more than 111"), "\(error)")
        }
        XCTAssertThrowsError(try Model.load(from: url, limits: ModelSizeLimits(maximumActivationCount: 5))) { error in
            guard case let .invalidConfiguration(_, reason)? = error as? ModelFileError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("input 'input'"), reason)
        }
    }

    func testAFunctionalModelResumesFromACheckpointBitForBit() throws {
        let (x, y) = teacherLabelledData(count: 96, seed: 27)
        func compiled(_ seed: UInt64) -> Functional {
            let model = residualMLP(seed: seed)
            model.compile(optimizer: .adam(learningRate: 0.01), loss: .sparseCategoricalCrossentropy)
            return model
        }
        let uninterrupted = compiled(28)
        try uninterrupted.fit(x, y, epochs: 4, batchSize: 16, verbose: .silent)
        let url = try makeTemporaryDirectory(self).appendingPathComponent("checkpoint")
        try compiled(28).fit(x, y, epochs: 4, batchSize: 16, callbacks: [ModelCheckpoint(directory: url), StopAfterEpoch(1)],
                             verbose: .silent)
        let resumed = compiled(999)
        Synapse.seed(12345)
        try resumed.fit(x, y, epochs: 4, batchSize: 16, verbose: .silent, resumeFrom: url)
        XCTAssertEqual(resumed.parameters.map { $0.value.scalars.map(\.bitPattern) },
                       uninterrupted.parameters.map { $0.value.scalars.map(\.bitPattern) })
    }
}
