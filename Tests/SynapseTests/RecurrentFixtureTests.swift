import Foundation
import XCTest
@testable import Synapse

/// One PyTorch evaluation stored by Fixtures/recurrent/generate_recurrent_fixtures.py.
struct RecurrentFixtureCase: Decodable {
    let name: String
    let kind: String
    let return_sequences: Bool
    let go_backwards: Bool?
    let merge_mode: String?
    let input: TextFixtureCase.Values
    let mask: TextFixtureCase.Values?
    let initial_states: [TextFixtureCase.Values]?
    let upstream: TextFixtureCase.Values
    let state_upstream: [TextFixtureCase.Values]
    let output: TextFixtureCase.Values
    let states: [TextFixtureCase.Values]
    let input_gradient: TextFixtureCase.Values
    let initial_state_gradients: [TextFixtureCase.Values]?
    let weights: [String: TextFixtureCase.Values]
    let weight_gradients: [String: TextFixtureCase.Values]

    static let all: [RecurrentFixtureCase] = {
        struct Document: Decodable { let cases: [RecurrentFixtureCase] }
        guard let url = Bundle.module.url(forResource: "recurrent_fixtures", withExtension: "json",
                                          subdirectory: "Fixtures/recurrent"),
              let data = try? Data(contentsOf: url),
              let document = try? JSONDecoder().decode(Document.self, from: data) else {
            XCTFail("Fixtures/recurrent/recurrent_fixtures.json is missing or unreadable")
            return []
        }
        return document.cases
    }()

    static func named(_ name: String) throws -> RecurrentFixtureCase {
        try XCTUnwrap(all.first { $0.name == name }, "no fixture \(name)")
    }

    /// A new layer of this case's kind and options.
    func makeLayer(goBackwards: Bool? = nil) -> RecurrentLayer {
        let units = states[0].shape[1], backwards = goBackwards ?? (go_backwards ?? false)
        switch kind {
        case "lstm": return LSTM(units, returnSequences: return_sequences, goBackwards: backwards)
        case "gru": return GRU(units, returnSequences: return_sequences, goBackwards: backwards)
        default: return SimpleRNN(units, returnSequences: return_sequences, goBackwards: backwards)
        }
    }
}

/// SimpleRNN, LSTM, GRU and Bidirectional against PyTorch (masked cases:
/// PyTorch's cells run step by step with Keras's carry rule, which the
/// fixture script checks against Keras 3): outputs, final states, and the
/// gradients of sum(output ⊙ upstream) + Σ sum(state ⊙ upstream) for the
/// input, the initial states and every weight, to 1e-4 relative.
final class RecurrentFixtureTests: XCTestCase {
    func testSimpleRNNSequences() throws { try checkLayer("simple_sequences") }
    func testSimpleRNNLastOutputGoingBackwards() throws { try checkLayer("simple_last_backwards") }
    func testLSTMSequencesFromInitialState() throws { try checkLayer("lstm_sequences_initial_state") }
    func testLSTMLastOutput() throws { try checkLayer("lstm_last") }
    func testLSTMSequencesGoingBackwards() throws { try checkLayer("lstm_sequences_backwards") }
    func testGRUSequences() throws { try checkLayer("gru_sequences") }
    func testGRULastOutputFromInitialState() throws { try checkLayer("gru_last_initial_state") }
    func testGRULastOutputGoingBackwards() throws { try checkLayer("gru_last_backwards") }
    func testMaskedSimpleRNN() throws { try checkLayer("simple_masked") }
    func testMaskedLSTM() throws { try checkLayer("lstm_masked") }
    func testMaskedLSTMLastOutput() throws { try checkLayer("lstm_masked_last") }
    func testMaskedGRU() throws { try checkLayer("gru_masked") }
    func testBidirectionalLSTMConcat() throws { try checkBidirectional("bidirectional_lstm_concat") }
    func testBidirectionalGRULastOutputSum() throws { try checkBidirectional("bidirectional_gru_last_sum") }
    func testBidirectionalSimpleRNNAverage() throws { try checkBidirectional("bidirectional_simple_ave") }
    func testBidirectionalLSTMLastOutputProduct() throws { try checkBidirectional("bidirectional_lstm_last_mul") }

    private func checkLayer(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let fixture = try RecurrentFixtureCase.named(name)
        let layer = fixture.makeLayer()
        let input = fixture.input.tensor.requiringGradient()
        let initialStates = fixture.initial_states?.map { $0.tensor.requiringGradient() }
        _ = layer(input)
        let parameters = ["kernel": layer.kernel!, "recurrent_kernel": layer.recurrentKernel!, "bias": layer.bias!]
        for (key, parameter) in parameters { parameter.value = try XCTUnwrap(fixture.weights[key]).tensor }
        let (output, states) = layer.callReturningState(input, initialState: initialStates, mask: fixture.mask?.tensor)
        try compare(fixture, output: output, states: states, inputs: [input] + (initialStates ?? []),
                    parameters: parameters, file: file, line: line)
    }

    private func checkBidirectional(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let fixture = try RecurrentFixtureCase.named(name)
        let mode = try XCTUnwrap(Bidirectional.MergeMode(rawValue: try XCTUnwrap(fixture.merge_mode)))
        let layer = Bidirectional(fixture.makeLayer(), mergeMode: mode)
        let input = fixture.input.tensor.requiringGradient()
        _ = layer(input)
        var parameters: [String: Parameter] = [:]
        for (prefix, direction) in [("forward", layer.forwardLayer), ("backward", layer.backwardLayer)] {
            parameters["\(prefix).kernel"] = direction.kernel!
            parameters["\(prefix).recurrent_kernel"] = direction.recurrentKernel!
            parameters["\(prefix).bias"] = direction.bias!
        }
        XCTAssertEqual(layer.parameters.count, parameters.count, file: file, line: line)
        for (key, parameter) in parameters { parameter.value = try XCTUnwrap(fixture.weights[key]).tensor }
        let (output, states) = layer.callReturningState(input)
        try compare(fixture, output: output, states: states, inputs: [input], parameters: parameters, file: file, line: line)
    }

    private func compare(_ fixture: RecurrentFixtureCase, output: Tensor, states: [Tensor], inputs: [Tensor],
                         parameters: [String: Parameter], file: StaticString, line: UInt) throws {
        let name = fixture.name
        assertClose(output, fixture.output.tensor, tolerance: 1e-4, "\(name) output", file: file, line: line)
        XCTAssertEqual(states.count, fixture.states.count, "\(name) state count", file: file, line: line)
        for (state, expected) in zip(states, fixture.states) {
            assertClose(state, expected.tensor, tolerance: 1e-4, "\(name) state", file: file, line: line)
        }
        var loss = (output * fixture.upstream.tensor).sum()
        for (state, upstream) in zip(states, fixture.state_upstream) { loss = loss + (state * upstream.tensor).sum() }
        let names = parameters.keys.sorted()
        let gradients = loss.gradients(wrt: inputs + names.map { parameters[$0]!.value })
        assertClose(gradients[0], fixture.input_gradient.tensor, tolerance: 1e-4, "\(name) input gradient",
                    file: file, line: line)
        for (index, expected) in (fixture.initial_state_gradients ?? []).enumerated() {
            assertClose(gradients[1 + index], expected.tensor, tolerance: 1e-4, "\(name) initial state gradient",
                        file: file, line: line)
        }
        for (index, key) in names.enumerated() {
            assertClose(gradients[inputs.count + index], try XCTUnwrap(fixture.weight_gradients[key]).tensor,
                        tolerance: 1e-4, "\(name) \(key) gradient", file: file, line: line)
        }
    }
}
