import XCTest
@testable import Synapse

/// The recurrent layers' Keras defaults, shapes, saved configurations and
/// their bad-configuration errors.
final class RecurrentLayerTests: XCTestCase {
    func testSaveAndLoadRoundTripsEveryRecurrentLayer() throws {
        let model = Sequential([Embedding(inputDim: 10, outputDim: 4), LSTM(5, returnSequences: true),
                                SimpleRNN(4, activation: .relu, returnSequences: true, goBackwards: true),
                                Bidirectional(GRU(3, returnSequences: true), mergeMode: .sum),
                                Bidirectional(LSTM(2, unitForgetBias: false)), Dense(2)])
        try model.build(inputShape: [6])
        let url = try makeTemporaryDirectory(self).appendingPathComponent("recurrent.synapse")
        try model.save(to: url)
        let loaded = try Model.load(from: url)
        let ids = Tensor(indices: [1, 2, 3, 4, 5, 6, 9, 8, 7, 0, 0, 1], shape: [2, 6])
        assertClose(try loaded.predict(ids), try model.predict(ids), tolerance: 0)
        let layers = try XCTUnwrap(loaded as? Sequential).layers
        XCTAssertEqual(layers.map { String(describing: type(of: $0)) },
                       ["Embedding", "LSTM", "SimpleRNN", "Bidirectional", "Bidirectional", "Dense"])
        XCTAssertEqual(layers[2].configuration, model.layers[2].configuration)
        XCTAssertEqual((layers[3] as? Bidirectional)?.mergeMode, .sum)
        XCTAssertEqual(((layers[4] as? Bidirectional)?.forwardLayer as? LSTM)?.unitForgetBias, false)
        XCTAssertEqual(try loaded.predict(ids).shape, [2, 2])
    }

    func testDefaultsFollowKeras() throws {
        let lstm = LSTM(3)
        _ = lstm(Tensor.zeros([1, 2, 4]))
        XCTAssertEqual(lstm.kernel?.shape, [4, 12])
        XCTAssertEqual(lstm.bias?.value.scalars, [0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0], "unit_forget_bias")
        // The recurrent kernel [3, 12] has orthonormal rows.
        let recurrent = try XCTUnwrap(lstm.recurrentKernel).value
        assertClose(recurrent.matmul(recurrent.transposed()), identity(3), tolerance: 1e-5)
        XCTAssertEqual(lstm.configuration["recurrent_activation"], .string("sigmoid"))
        XCTAssertEqual(lstm.configuration["activation"], .string("tanh"))
        XCTAssertEqual(lstm.configuration["recurrent_initializer"], .string("orthogonal"))

        let gru = GRU(2)
        _ = gru(Tensor.zeros([1, 2, 5]))
        XCTAssertEqual(gru.bias?.shape, [2, 6], "reset_after keeps an input and a recurrent bias row")
        // A tall orthogonal matrix has orthonormal columns.
        let tall = Initializer.orthogonal([6, 2])
        assertClose(tall.transposed().matmul(tall), identity(2), tolerance: 1e-5)
    }

    func testShapesAndStates() {
        let x = Tensor.randomNormal([2, 5, 3], seed: 1)
        XCTAssertEqual(SimpleRNN(4)(x).shape, [2, 4])
        XCTAssertEqual(GRU(4, returnSequences: true)(x).shape, [2, 5, 4])
        XCTAssertEqual(Bidirectional(LSTM(4, returnSequences: true))(x).shape, [2, 5, 8])
        let (output, states) = LSTM(4, returnState: true).callReturningState(x)
        XCTAssertEqual(states.map(\.shape), [[2, 4], [2, 4]])
        assertClose(output, states[0], tolerance: 0)
        // A fully masked example keeps its initial state and outputs zeros.
        let gru = GRU(4)
        let start = Tensor.randomNormal([2, 4], seed: 2)
        let mask = Tensor(shape: [2, 5], scalars: [1, 1, 1, 1, 1, 0, 0, 0, 0, 0])
        let masked = gru.callReturningState(x, initialState: [start], mask: mask)
        XCTAssertEqual(masked.output.slice(alongAxis: 0, 1..<2).scalars, [0, 0, 0, 0])
        XCTAssertEqual(masked.states[0].slice(alongAxis: 0, 1..<2).scalars, start.slice(alongAxis: 0, 1..<2).scalars)
    }

    func testTheReadmeExampleRuns() {
        let x = Tensor.randomNormal([2, 5, 3], seed: 4)
        let mask = Tensor(shape: [2, 5], scalars: [1, 1, 1, 0, 0, 1, 1, 1, 1, 1])
        // The README's lines, as written there.
        let lstm = LSTM(128, returnSequences: true)
        let y = lstm(x)                                    // [batch, time, features] → [batch, time, 128]
        let (last, states) = LSTM(64).callReturningState(x, initialState: nil, mask: mask)   // states: [h, c]
        let encoder = Bidirectional(GRU(32, returnSequences: true))                        // [batch, time, 64]
        XCTAssertEqual(y.shape, [2, 5, 128])
        XCTAssertEqual(last.shape, [2, 64])
        XCTAssertEqual(states.map(\.shape), [[2, 64], [2, 64]])
        XCTAssertEqual(encoder(x).shape, [2, 5, 64])
    }

    func testONNXExportRefusesWhatONNXCannotExpress() throws {
        let summed = Sequential([Bidirectional(LSTM(2), mergeMode: .sum)])
        try summed.build(inputShape: [3, 2])
        XCTAssertThrowsError(try summed.onnxBytes())
        let reversed = Sequential([GRU(2, returnSequences: true, goBackwards: true)])
        try reversed.build(inputShape: [3, 2])
        XCTAssertThrowsError(try reversed.onnxBytes())
        let relu = Sequential([SimpleRNN(2, activation: .relu)])
        try relu.build(inputShape: [3, 2])
        XCTAssertThrowsError(try relu.onnxBytes())
        let plain = Sequential([LSTM(2, returnSequences: true), Bidirectional(GRU(2))])
        try plain.build(inputShape: [3, 2])
        XCTAssertNoThrow(try plain.onnxBytes())
    }

    func testBadConfigurationsThrow() {
        XCTAssertThrowsError(try GRU(configuration: ["units": .int(3), "reset_after": .bool(false)]))
        XCTAssertThrowsError(try LSTM(configuration: ["units": .int(3), "activation": .string("softmax")]))
        XCTAssertThrowsError(try SimpleRNN(configuration: ["units": .int(0)]))
        XCTAssertThrowsError(try Bidirectional(configuration: ["layer": .string("Dense"), "layer.units": .int(2)]))
        XCTAssertThrowsError(try Bidirectional(configuration: ["layer": .string("LSTM"), "layer.units": .int(2),
                                                               "merge_mode": .string("max")]))
    }

    private func identity(_ size: Int) -> Tensor {
        Tensor(shape: [size, size], scalars: (0..<(size * size)).map { $0 % (size + 1) == 0 ? 1 : 0 })
    }
}
