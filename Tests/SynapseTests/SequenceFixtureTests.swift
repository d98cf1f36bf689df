import Foundation
import XCTest
@testable import Synapse

/// One PyTorch evaluation stored by Fixtures/sequence/generate_sequence_fixtures.py.
struct SequenceFixtureCase: Decodable {
    /// A stored tensor (the same form as the text fixtures').
    typealias Values = TextFixtureCase.Values
    let name: String
    let kind: String
    let padding: String?
    let stride: Int?
    let dilation: Int?
    let activation: String?
    let filters: Int?
    let kernel_size: Int?
    let pool_size: Int?
    let input: Values
    let kernel: Values?
    let bias: Values?
    let upstream: Values
    let output: Values
    let input_gradient: Values
    let kernel_gradient: Values?
    let bias_gradient: Values?

    static let all: [SequenceFixtureCase] = {
        struct Document: Decodable { let cases: [SequenceFixtureCase] }
        guard let url = Bundle.module.url(forResource: "sequence_fixtures", withExtension: "json",
                                          subdirectory: "Fixtures/sequence"),
              let data = try? Data(contentsOf: url),
              let document = try? JSONDecoder().decode(Document.self, from: data) else {
            XCTFail("Fixtures/sequence/sequence_fixtures.json is missing or unreadable")
            return []
        }
        return document.cases
    }()
}

/// Conv1D (each padding, strides 1 and 2, dilations), MaxPool1D and the
/// global 1-D pools against PyTorch: outputs and the gradients of
/// sum(output ⊙ upstream) for the input and every parameter, to 1e-4 relative.
final class SequenceFixtureTests: XCTestCase {
    func testConv1DMatchesPyTorchForEveryPaddingStrideAndDilation() throws {
        let cases = SequenceFixtureCase.all.filter { $0.kind == "conv1d" }
        XCTAssertEqual(Set(cases.compactMap(\.padding)), ["valid", "same", "causal"])
        XCTAssertEqual(Set(cases.compactMap(\.stride)), [1, 2])
        for fixture in cases {
            let conv = Conv1D(try XCTUnwrap(fixture.filters), kernelSize: try XCTUnwrap(fixture.kernel_size),
                              strides: try XCTUnwrap(fixture.stride),
                              padding: try XCTUnwrap(Padding1D(rawValue: fixture.padding ?? "")),
                              dilationRate: try XCTUnwrap(fixture.dilation),
                              activation: try XCTUnwrap(Activation.named(fixture.activation ?? "")))
            let input = fixture.input.tensor.requiringGradient()
            _ = conv(input)
            let kernel = try XCTUnwrap(conv.kernel), bias = try XCTUnwrap(conv.bias)
            kernel.value = try XCTUnwrap(fixture.kernel).tensor
            bias.value = try XCTUnwrap(fixture.bias).tensor
            let output = conv(input)
            assertClose(output, fixture.output.tensor, tolerance: 1e-4, fixture.name)
            let gradients = (output * fixture.upstream.tensor).sum().gradients(wrt: [input, kernel.value, bias.value])
            assertClose(gradients[0], fixture.input_gradient.tensor, tolerance: 1e-4, "\(fixture.name) input gradient")
            assertClose(gradients[1], try XCTUnwrap(fixture.kernel_gradient).tensor, tolerance: 1e-4,
                        "\(fixture.name) kernel gradient")
            assertClose(gradients[2], try XCTUnwrap(fixture.bias_gradient).tensor, tolerance: 1e-4,
                        "\(fixture.name) bias gradient")
            XCTAssertEqual(conv.outputShape, Array(fixture.output.shape.dropFirst()), fixture.name)
        }
    }

    func testPoolsMatchPyTorch() throws {
        let cases = SequenceFixtureCase.all.filter { $0.kind != "conv1d" }
        XCTAssertEqual(cases.count, 5)
        for fixture in cases {
            let layer: Layer
            switch fixture.kind {
            case "max_pool1d":
                layer = MaxPool1D(poolSize: try XCTUnwrap(fixture.pool_size), strides: fixture.stride,
                                  padding: try XCTUnwrap(Padding(rawValue: fixture.padding ?? "")))
            case "global_average": layer = GlobalAveragePool1D()
            default: layer = GlobalMaxPool1D()
            }
            let input = fixture.input.tensor.requiringGradient()
            let output = layer(input)
            assertClose(output, fixture.output.tensor, tolerance: 1e-4, fixture.name)
            XCTAssertEqual(try layer.outputShape(forInputShape: Array(input.shape.dropFirst())),
                           Array(fixture.output.shape.dropFirst()), fixture.name)
            let gradient = (output * fixture.upstream.tensor).sum().gradients(wrt: [input])[0]
            assertClose(gradient, fixture.input_gradient.tensor, tolerance: 1e-4, "\(fixture.name) input gradient")
        }
    }

    func testShapeErrorsNameTheLayer() {
        XCTAssertThrowsError(try Conv1D(4, kernelSize: 5).outputShape(forInputShape: [3, 2])) { error in
            XCTAssertTrue("\(error)".contains("does not fit"), "\(error)")
        }
        XCTAssertThrowsError(try Conv1D(4, kernelSize: 2).outputShape(forInputShape: [8, 8, 1])) { error in
            XCTAssertTrue("\(error)".contains("[steps, channels]"), "\(error)")
        }
        // Causal and same padding keep every step, whatever the window.
        XCTAssertEqual(try Conv1D(4, kernelSize: 5, padding: .causal).outputShape(forInputShape: [3, 2]), [3, 4])
        XCTAssertEqual(try Conv1D(4, kernelSize: 5, strides: 2, padding: .same).outputShape(forInputShape: [7, 2]), [4, 4])
        XCTAssertThrowsError(try MaxPool1D(poolSize: 4).outputShape(forInputShape: [3, 2]))
        XCTAssertThrowsError(try GlobalMaxPool1D().outputShape(forInputShape: [3]))
    }

    func testCausalOutputsNeverSeeLaterSteps() {
        Synapse.seed(3)
        let conv = Conv1D(3, kernelSize: 3, padding: .causal, dilationRate: 2)
        let x = Tensor.randomNormal([1, 8, 2], seed: 4)
        var changed = x
        changed[0, 5, 1] += 10
        let (before, after) = (conv(x), conv(changed))
        assertClose(before.slice(alongAxis: 1, 0..<5), after.slice(alongAxis: 1, 0..<5), tolerance: 0)
        XCTAssertNotEqual(before.slice(alongAxis: 1, 5..<6), after.slice(alongAxis: 1, 5..<6))
    }

    func testSequenceLayersRoundTripTheirConfiguration() throws {
        let layers: [any ConfigurableLayer] = [
            Conv1D(5, kernelSize: 3, strides: 2, padding: .causal, dilationRate: 2, activation: .tanh, useBias: false,
                   kernelInitializer: .heNormal),
            MaxPool1D(poolSize: 3, strides: 1, padding: .same), GlobalAveragePool1D(), GlobalMaxPool1D(),
        ]
        for layer in layers {
            let type = Swift.type(of: layer)
            let copy = try type.init(configuration: layer.configuration)
            XCTAssertEqual(copy.configuration, layer.configuration, type.typeName)
            XCTAssertNotNil(LayerRegistry.type(named: type.typeName), type.typeName)
        }
        XCTAssertEqual(layers[0].configuration["kernel_size"], .ints([3]))
        XCTAssertThrowsError(try Conv1D(configuration: ["filters": .int(2), "kernel_size": .int(3), "padding": .string("full")]))
        XCTAssertThrowsError(try Conv1D(configuration: ["filters": .int(2), "kernel_size": .ints([3, 3])]))
        XCTAssertThrowsError(try MaxPool1D(configuration: ["pool_size": .int(0)]))
    }

    func testAConv1DNetworkSavesAndLoads() throws {
        Synapse.seed(11)
        let model = Sequential([Conv1D(6, kernelSize: 3, padding: .causal, activation: .relu), MaxPool1D(),
                                Conv1D(4, kernelSize: 2, strides: 2), GlobalMaxPool1D(), Dense(3)])
        let x = Tensor.randomNormal([4, 12, 2], seed: 12)
        let expected = model(x)
        let url = try makeTemporaryDirectory(self).appendingPathComponent("conv1d.synapse")
        try model.save(to: url)
        let loaded = try Model.load(from: url)
        XCTAssertEqual(loaded(x), expected)
    }
}
