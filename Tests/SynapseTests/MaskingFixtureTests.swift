import Foundation
import XCTest
@testable import Synapse

/// One Keras model stored by Fixtures/masking/generate_masking_fixtures.py.
struct MaskingFixtureCase: Decodable {
    typealias Values = TextFixtureCase.Values
    let name: String
    let ids: Values
    let upstream: Values
    let output: Values
    let embedding_output_gradient: Values
    /// Keyed `layer.position`: the layer's index in the model and the
    /// weight's index in Keras's `layer.weights`.
    let weights: [String: Values]
    let weight_gradients: [String: Values]

    static let all: [MaskingFixtureCase] = {
        struct Document: Decodable { let cases: [MaskingFixtureCase] }
        guard let url = Bundle.module.url(forResource: "masking_fixtures", withExtension: "json",
                                          subdirectory: "Fixtures/masking"),
              let data = try? Data(contentsOf: url),
              let document = try? JSONDecoder().decode(Document.self, from: data) else {
            XCTFail("Fixtures/masking/masking_fixtures.json is missing or unreadable")
            return []
        }
        return document.cases
    }()

    static func named(_ name: String) throws -> MaskingFixtureCase {
        try XCTUnwrap(all.first { $0.name == name }, "no fixture \(name)")
    }
}

/// Models that start with `Embedding(maskZero: true)` against Keras 3, the
/// mask made by the embedding and carried by `Sequential` to the layers that
/// read it (Keras runs the attention case as a functional model): outputs, and the gradients of sum(output ⊙ upstream) for the
/// embedding's output and every weight, to 1e-4 relative.
final class MaskingFixtureTests: XCTestCase {
    func testLSTMThenGRUThenDense() throws {
        try check("lstm_gru_dense") {
            [Embedding(inputDim: 7, outputDim: 4, maskZero: true), LSTM(5, returnSequences: true), GRU(3), Dense(2)]
        }
    }

    func testGlobalAveragePoolThenDense() throws {
        try check("average_pool_dense") { [Embedding(inputDim: 7, outputDim: 4, maskZero: true), GlobalAveragePool1D(), Dense(2)] }
    }

    func testBidirectionalLSTMSequences() throws {
        try check("bidirectional_lstm_sequences") {
            [Embedding(inputDim: 7, outputDim: 4, maskZero: true), Bidirectional(LSTM(3, returnSequences: true))]
        }
    }

    func testBidirectionalGRULastOutput() throws {
        try check("bidirectional_gru_last") { [Embedding(inputDim: 7, outputDim: 4, maskZero: true), Bidirectional(GRU(3))] }
    }

    func testSelfAttentionThenGlobalAveragePoolThenDense() throws {
        try check("attention_average_pool_dense") {
            [Embedding(inputDim: 7, outputDim: 4, maskZero: true), MultiHeadAttention(numHeads: 2, keyDim: 3),
             GlobalAveragePool1D(), Dense(2)]
        }
    }

    /// The same model run as a functional graph gives the same numbers.
    func testFunctionalGraphMatchesKeras() throws {
        let fixture = try MaskingFixtureCase.named("lstm_gru_dense")
        let ids = fixture.ids.tensor
        let embedding = Embedding(inputDim: 7, outputDim: 4, maskZero: true)
        let lstm = LSTM(5, returnSequences: true), gru = GRU(3), dense = Dense(2)
        let inputs = Input(shape: [ids.shape[1]])
        let model = Functional(inputs: inputs, outputs: dense(gru(lstm(embedding(inputs)))))
        try load(fixture, into: [embedding, lstm, gru, dense])
        assertClose(model(ids), fixture.output.tensor, tolerance: 1e-4, "functional output")
    }

    private func check(_ name: String, file: StaticString = #filePath, line: UInt = #line,
                       _ makeLayers: () -> [Layer]) throws {
        let fixture = try MaskingFixtureCase.named(name)
        let layers = makeLayers()
        let model = Sequential(layers)
        let ids = fixture.ids.tensor
        try model.build(inputShape: [ids.shape[1]])
        let parameters = try load(fixture, into: layers)

        var embedded: Tensor?
        let output = LayerOutputTap.run({ layer, output in
            if layer === layers[0] { embedded = output }
            return output
        }, { model(ids) })
        assertClose(output, fixture.output.tensor, tolerance: 1e-4, "\(name) output", file: file, line: line)
        let loss = (output * fixture.upstream.tensor).sum()
        let keys = parameters.keys.sorted()
        let gradients = loss.gradients(wrt: [try XCTUnwrap(embedded)] + keys.map { parameters[$0]!.value })
        assertClose(gradients[0], fixture.embedding_output_gradient.tensor, tolerance: 1e-4,
                    "\(name) embedding output gradient", file: file, line: line)
        for (index, key) in keys.enumerated() {
            let expected = try XCTUnwrap(fixture.weight_gradients[key]).tensor.reshaped(to: parameters[key]!.shape)
            assertClose(gradients[index + 1], expected, tolerance: 1e-4,
                        "\(name) gradient of weight \(key)", file: file, line: line)
        }
    }

    /// Sets each layer's weights from the fixture (Keras's order), returned by key.
    @discardableResult
    private func load(_ fixture: MaskingFixtureCase, into layers: [Layer]) throws -> [String: Parameter] {
        var parameters: [String: Parameter] = [:]
        for (index, layer) in layers.enumerated() {
            for (position, parameter) in kerasOrderedWeights(of: layer).enumerated() {
                let key = "\(index).\(position)"
                // Keras keeps the attention's kernels split by head ([dim, heads, keyDim]); the values are in the same order.
                parameter.value = try XCTUnwrap(fixture.weights[key], "no weight \(key)").tensor.reshaped(to: parameter.shape)
                parameters[key] = parameter
            }
        }
        XCTAssertEqual(parameters.count, fixture.weights.count, "\(fixture.name): weights stored and set")
        return parameters
    }

    private func kerasOrderedWeights(of layer: Layer) -> [Parameter] {
        switch layer {
        case let embedding as Embedding: return [embedding.embeddings!]
        case let recurrent as RecurrentLayer: return [recurrent.kernel!, recurrent.recurrentKernel!, recurrent.bias!]
        case let dense as Dense: return [dense.kernel!, dense.bias!]
        case let attention as MultiHeadAttention:
            return [attention.queryDense, attention.keyDense, attention.valueDense, attention.outputDense!]
                .flatMap { [$0.kernel!, $0.bias!] }
        case let wrapper as Bidirectional:
            return kerasOrderedWeights(of: wrapper.forwardLayer) + kerasOrderedWeights(of: wrapper.backwardLayer)
        default: return []
        }
    }
}
