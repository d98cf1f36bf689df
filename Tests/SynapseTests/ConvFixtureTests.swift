import Foundation
import XCTest
@testable import Synapse

/// One Keras layer evaluation stored by Fixtures/conv/generate_conv_fixtures.py.
struct ConvFixtureCase: Decodable, Sendable {
    struct Values: Decodable, Sendable {
        let shape: [Int]
        let values: [Float]
        var tensor: Tensor { Tensor(shape: shape, scalars: values) }
    }
    let name: String
    let layer: String
    let config: [String: ConfigurationValue]
    let training: Bool
    let input: Values
    let weights: [String: Values]
    let output: Values
    let moving_mean_after: Values?
    let moving_variance_after: Values?
}

/// The Keras reference cases, loaded once.
enum ConvFixtures {
    static let cases: [ConvFixtureCase] = {
        struct Document: Decodable { let cases: [ConvFixtureCase] }
        guard let url = Bundle.module.url(forResource: "conv_fixtures", withExtension: "json", subdirectory: "Fixtures/conv"),
              let data = try? Data(contentsOf: url),
              let document = try? JSONDecoder().decode(Document.self, from: data) else {
            XCTFail("Fixtures/conv/conv_fixtures.json is missing or unreadable")
            return []
        }
        return document.cases
    }()

    static let layerTypes: [String: any ConfigurableLayer.Type] = [
        "Conv2D": Conv2D.self, "Conv2DTranspose": Conv2DTranspose.self, "DepthwiseConv2D": DepthwiseConv2D.self,
        "MaxPooling2D": MaxPool2D.self, "AveragePooling2D": AveragePool2D.self,
        "GlobalAveragePooling2D": GlobalAveragePool2D.self, "BatchNormalization": BatchNormalization.self,
        "LayerNormalization": LayerNormalization.self, "ZeroPadding2D": ZeroPadding2D.self,
        "UpSampling2D": UpSampling2D.self,
    ]
}

/// Forward values of every convolutional and normalisation layer against
/// values Keras/TensorFlow computed for the same inputs and weights.
final class ConvFixtureTests: XCTestCase {
    /// Builds the fixture's layer from its Keras configuration, loads the
    /// weights, runs it and compares with Keras's output.
    func check(_ prefix: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let cases = ConvFixtures.cases.filter { $0.name.hasPrefix(prefix) }
        XCTAssertFalse(cases.isEmpty, "no fixture named \(prefix)*", file: file, line: line)
        for fixture in cases {
            let type = try XCTUnwrap(ConvFixtures.layerTypes[fixture.layer], "unknown layer \(fixture.layer)")
            let layer = try type.init(configuration: fixture.config)
            let input = fixture.input.tensor
            try layer.buildOnce(inputShape: Array(input.shape.dropFirst()))
            XCTAssertEqual(Set(layer.namedParameters.map { $0.name.snakeCased }), Set(fixture.weights.keys),
                           fixture.name, file: file, line: line)
            for (name, parameter) in layer.namedParameters {
                parameter.value = try XCTUnwrap(fixture.weights[name.snakeCased]).tensor
            }
            if fixture.training { layer.train() } else { layer.eval() }
            let output = layer(input)
            assertClose(output, fixture.output.tensor, tolerance: 2e-5, fixture.name, file: file, line: line)
            XCTAssertEqual(try layer.outputShape(forInputShape: Array(input.shape.dropFirst())),
                           Array(fixture.output.shape.dropFirst()), fixture.name, file: file, line: line)
            if let expected = fixture.moving_mean_after, let norm = layer as? BatchNormalization {
                assertClose(norm.movingMean!.value, expected.tensor, tolerance: 2e-5, "\(fixture.name) moving mean", file: file, line: line)
                assertClose(norm.movingVariance!.value, fixture.moving_variance_after!.tensor, tolerance: 2e-5,
                            "\(fixture.name) moving variance", file: file, line: line)
            }
        }
    }

    func testConv2DMatchesKeras() throws { try check("conv_") }
    func testMaxPool2DMatchesKeras() throws { try check("max_") }
    func testAveragePool2DMatchesKeras() throws { try check("avg_") }
    func testGlobalAveragePool2DMatchesKeras() throws { try check("global_average") }
    func testDepthwiseConv2DMatchesKeras() throws { try check("depthwise_") }
    func testConv2DTransposeMatchesKeras() throws { try check("transpose_") }
    func testBatchNormalizationTrainingMatchesKeras() throws { try check("batch_norm_training") }
    func testBatchNormalizationInferenceMatchesKeras() throws { try check("batch_norm_inference") }
    func testLayerNormalizationMatchesKeras() throws { try check("layer_norm") }
    func testZeroPadding2DMatchesKeras() throws { try check("zero_padding") }
    func testUpSampling2DMatchesKeras() throws { try check("upsampling") }

    func testFixturesCoverEveryLayerType() {
        XCTAssertEqual(Set(ConvFixtures.cases.map(\.layer)), Set(ConvFixtures.layerTypes.keys))
    }
}
