import Foundation
import XCTest
@testable import Synapse

/// One PyTorch evaluation stored by Fixtures/text/generate_text_fixtures.py.
struct TextFixtureCase: Decodable {
    struct Values: Decodable {
        let shape: [Int]
        let values: [Float]
        var tensor: Tensor { Tensor(shape: shape, scalars: values) }
    }
    let name: String
    let causal: Bool?
    let heads: Int?
    let indices: Values?
    let table: Values?
    let table_gradient: Values?
    let query: Values?
    let key: Values?
    let query_gradient: Values?
    let key_gradient: Values?
    let weights: [String: Values]?
    let weight_gradients: [String: Values]?
    let upstream: Values
    let output: Values

    static let all: [TextFixtureCase] = {
        struct Document: Decodable { let cases: [TextFixtureCase] }
        guard let url = Bundle.module.url(forResource: "text_fixtures", withExtension: "json", subdirectory: "Fixtures/text"),
              let data = try? Data(contentsOf: url),
              let document = try? JSONDecoder().decode(Document.self, from: data) else {
            XCTFail("Fixtures/text/text_fixtures.json is missing or unreadable")
            return []
        }
        return document.cases
    }()

    static func named(_ name: String) throws -> TextFixtureCase {
        try XCTUnwrap(all.first { $0.name == name }, "no fixture \(name)")
    }
}

/// Embedding and MultiHeadAttention against PyTorch: outputs, and the
/// gradients of sum(output ⊙ upstream) for the inputs and every parameter,
/// to 1e-4 relative.
final class TextFixtureTests: XCTestCase {
    func testEmbeddingMatchesPyTorch() throws {
        let fixture = try TextFixtureCase.named("embedding")
        let table = try XCTUnwrap(fixture.table).tensor
        let embedding = Embedding(inputDim: table.shape[0], outputDim: table.shape[1])
        let indices = try XCTUnwrap(fixture.indices).tensor
        _ = embedding(indices)
        embedding.embeddings!.value = table
        let output = embedding(indices)
        assertClose(output, fixture.output.tensor, tolerance: 1e-4)
        let gradient = (output * fixture.upstream.tensor).sum().gradients(wrt: [embedding.embeddings!.value])[0]
        assertClose(gradient, try XCTUnwrap(fixture.table_gradient).tensor, tolerance: 1e-4)
    }

    func testSelfAttentionMatchesPyTorch() throws { try checkAttention("attention_self") }
    func testCausalSelfAttentionMatchesPyTorch() throws { try checkAttention("attention_causal") }
    func testCrossAttentionMatchesPyTorch() throws { try checkAttention("attention_cross") }

    private func checkAttention(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let fixture = try TextFixtureCase.named(name)
        let query = try XCTUnwrap(fixture.query).tensor.requiringGradient()
        let key = fixture.key?.tensor.requiringGradient()
        let heads = try XCTUnwrap(fixture.heads), width = query.shape[2]
        let attention = MultiHeadAttention(numHeads: heads, keyDim: width / heads)
        _ = attention(query: query, value: key ?? query)
        let weights = try XCTUnwrap(fixture.weights)
        let parameters: [String: Parameter] = [
            "query_kernel": attention.queryDense.kernel!, "query_bias": attention.queryDense.bias!,
            "key_kernel": attention.keyDense.kernel!, "key_bias": attention.keyDense.bias!,
            "value_kernel": attention.valueDense.kernel!, "value_bias": attention.valueDense.bias!,
            "output_kernel": attention.outputDense!.kernel!, "output_bias": attention.outputDense!.bias!,
        ]
        XCTAssertEqual(Set(parameters.keys), Set(weights.keys), file: file, line: line)
        for (name, parameter) in parameters { parameter.value = try XCTUnwrap(weights[name]).tensor }
        XCTAssertEqual(attention.parameters.count, parameters.count, file: file, line: line)

        let output = attention(query: query, value: key ?? query, useCausalMask: fixture.causal ?? false)
        assertClose(output, fixture.output.tensor, tolerance: 1e-4, "\(name) output", file: file, line: line)
        let names = parameters.keys.sorted()
        let loss = (output * fixture.upstream.tensor).sum()
        let gradients = loss.gradients(wrt: [query] + (key.map { [$0] } ?? []) + names.map { parameters[$0]!.value })
        assertClose(gradients[0], try XCTUnwrap(fixture.query_gradient).tensor, tolerance: 1e-4,
                    "\(name) query gradient", file: file, line: line)
        if let expected = fixture.key_gradient {
            assertClose(gradients[1], expected.tensor, tolerance: 1e-4, "\(name) key gradient", file: file, line: line)
        }
        let expectedGradients = try XCTUnwrap(fixture.weight_gradients)
        for (index, parameter) in names.enumerated() {
            assertClose(gradients[gradients.count - names.count + index], try XCTUnwrap(expectedGradients[parameter]).tensor,
                        tolerance: 1e-4, "\(name) \(parameter) gradient", file: file, line: line)
        }
    }
}
