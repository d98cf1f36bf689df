import Foundation
import XCTest
@testable import Synapse

/// A user layer: multiplies by a constant, to show registration.
final class ScaleLayer: Layer, ConfigurableLayer {
    static var typeName: String { "ScaleLayer" }
    let factor: Float
    init(_ factor: Float) { self.factor = factor; super.init() }
    convenience init(configuration: [String: ConfigurationValue]) throws {
        self.init(Float(try configuration.requiredDouble("factor", of: Self.typeName)))
    }
    override func call(_ input: Tensor) -> Tensor { input * factor }
    override var configuration: [String: ConfigurationValue] { ["factor": .double(Double(factor))] }
}

/// A layer that cannot describe itself.
final class OpaqueLayer: Layer {
    override func call(_ input: Tensor) -> Tensor { input }
}

/// A subclassed model registered only by the test that checks registration.
final class RegistryTestNetwork: Model {
    let hidden = Dense(4, activation: .relu)
    let output = Dense(2)
    override func call(_ x: Tensor) -> Tensor { output(hidden(x)) }
}

final class ModelFileTests: XCTestCase {
    private func trainedMLP() throws -> (Sequential, Tensor) {
        Synapse.seed(7)
        let (x, y) = teacherLabelledData(count: 64, seed: 8)
        let model = Sequential([Dense(16, activation: .relu), Dropout(0.25), Dense(8, activation: .tanh), Dense(3, activation: .softmax)])
        model.compile(optimizer: Adam(learningRate: 0.02, beta1: 0.8), loss: .sparseCategoricalCrossentropyFromLogits, metrics: [.accuracy])
        try model.fit(x, y, epochs: 2, batchSize: 16, verbose: .silent)
        return (model, teacherLabelledData(count: 50, seed: 9).x)
    }

    func testSequentialRoundTripGivesIdenticalPredictionsAndSettings() throws {
        let (model, x) = try trainedMLP()
        let url = try makeTemporaryDirectory(self).appendingPathComponent("model.synapse")
        try model.save(to: url)
        let loaded = try XCTUnwrap(Model.load(from: url) as? Sequential)
        XCTAssertEqual(try loaded.predict(x), try model.predict(x))
        XCTAssertEqual(loaded.layers.map(\.name), ["dense", "dropout", "dense_1", "dense_2"])
        XCTAssertEqual(loaded.layers.map { "\(type(of: $0))" }, ["Dense", "Dropout", "Dense", "Dense"])
        XCTAssertEqual(loaded.inputShape, [6])
        let optimizer = try XCTUnwrap(loaded.compiled?.optimizer as? Adam)
        XCTAssertEqual(optimizer.learningRate, 0.02)
        XCTAssertEqual(optimizer.beta1, 0.8)
        XCTAssertEqual((loaded.compiled?.loss as? SparseCategoricalCrossentropy)?.fromLogits, true)
        XCTAssertEqual(loaded.compiled?.metrics.map(\.name), ["accuracy"])
        let contents = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
        XCTAssertEqual(contents, ["config.json", "weights.safetensors"])
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url.appendingPathComponent("config.json"))) as? [String: Any])
        XCTAssertEqual(json["format_version"] as? Int, 1)
        XCTAssertEqual(json["input_shape"] as? [Int], [6])
        XCTAssertEqual((json["layers"] as? [[String: Any]])?.compactMap { $0["type"] as? String }, ["Dense", "Dropout", "Dense", "Dense"])
    }

    func testSavingAgainReplacesTheDirectoryAndLeavesNoTemporaries() throws {
        let (model, x) = try trainedMLP()
        let parent = try makeTemporaryDirectory(self)
        let url = parent.appendingPathComponent("model.synapse")
        try model.save(to: url)
        model.namedParameters[0].parameter.update { $0[0] += 1 }
        try model.save(to: url)
        XCTAssertEqual(try Model.load(from: url).predict(x), try model.predict(x))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), ["model.synapse"])
    }

    func testAnInterruptedSwapIsFoundInThePreviousCopy() throws {
        let (model, x) = try trainedMLP()
        let parent = try makeTemporaryDirectory(self)
        let url = parent.appendingPathComponent("model.synapse")
        try model.save(to: url)
        // A crash between the two renames leaves only `.model.synapse.previous`.
        try FileManager.default.moveItem(at: url, to: AtomicDirectory.previousURL(for: url))
        XCTAssertEqual(try Model.load(from: url).predict(x), try model.predict(x))
        try model.save(to: url)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), ["model.synapse"])
    }

    func testLoadingDoesNotDisturbTheGlobalRandomGenerator() throws {
        let (model, _) = try trainedMLP()
        let url = try makeTemporaryDirectory(self).appendingPathComponent("model.synapse")
        try model.save(to: url)
        Synapse.seed(99)
        _ = try Model.load(from: url)
        let after = GlobalRandom.generator.next()
        Synapse.seed(99)
        XCTAssertEqual(after, GlobalRandom.generator.next())
    }

    func testSubclassedModelsLoadThroughARegisteredFactory() throws {
        Synapse.seed(3)
        let model = RegistryTestNetwork()
        try model.build(inputShape: [6])
        let url = try makeTemporaryDirectory(self).appendingPathComponent("net.synapse")
        try model.save(to: url)
        XCTAssertThrowsError(try Model.load(from: url)) { error in
            XCTAssertEqual(error as? ModelFileError,
                           .unknownModelClass(file: url.appendingPathComponent("config.json").path, className: "RegistryTestNetwork"))
            XCTAssertTrue("\(error)".contains(#"ModelRegistry.register("RegistryTestNetwork") { RegistryTestNetwork() }"#))
        }
        ModelRegistry.register("RegistryTestNetwork") { RegistryTestNetwork() }
        let loaded = try XCTUnwrap(Model.load(from: url) as? RegistryTestNetwork)
        let x = randomTensor([5, 6], seed: 4)
        XCTAssertEqual(try loaded.predict(x), try model.predict(x))
        XCTAssertNil(loaded.compiled)
    }

    func testUserLayersLoadOnceRegistered() throws {
        Synapse.seed(5)
        let model = Sequential([Dense(4), ScaleLayer(2.5)])
        try model.build(inputShape: [3])
        let url = try makeTemporaryDirectory(self).appendingPathComponent("m.synapse")
        try model.save(to: url)
        let configPath = url.appendingPathComponent("config.json").path
        XCTAssertThrowsError(try Model.load(from: url)) { error in
            guard case let .unknownLayerType(file, type, known)? = error as? ModelFileError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, configPath)
            XCTAssertEqual(type, "ScaleLayer")
            XCTAssertTrue(known.contains("Dense"))
            XCTAssertTrue("\(error)".contains("LayerRegistry.register(ScaleLayer.self)"))
        }
        LayerRegistry.register(ScaleLayer.self)
        let x = randomTensor([2, 3], seed: 6)
        XCTAssertEqual(try Model.load(from: url).predict(x), try model.predict(x))
    }

    func testLayersThatCannotDescribeThemselvesAreRefusedWhenSaving() throws {
        let model = Sequential([Dense(2), OpaqueLayer()])
        try model.build(inputShape: [2])
        let url = try makeTemporaryDirectory(self).appendingPathComponent("m.synapse")
        XCTAssertThrowsError(try model.save(to: url)) { error in
            XCTAssertEqual(error as? ModelFileError, .layerNotConfigurable(layer: "opaque_layer", type: "OpaqueLayer"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
    }

    private func savedModelConfig() throws -> (URL, [String: Any]) {
        let (model, _) = try trainedMLP()
        let url = try makeTemporaryDirectory(self).appendingPathComponent("model.synapse")
        try model.save(to: url)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url.appendingPathComponent("config.json")))
        return (url, try XCTUnwrap(json as? [String: Any]))
    }

    private func rewriteConfig(_ url: URL, _ json: [String: Any]) throws {
        try JSONSerialization.data(withJSONObject: json).write(to: url.appendingPathComponent("config.json"))
    }

    func testMalformedConfigurationsAreTypedErrorsNamingTheFile() throws {
        let (url, json) = try savedModelConfig()
        let configPath = url.appendingPathComponent("config.json").path

        try Data("{not json".utf8).write(to: url.appendingPathComponent("config.json"))
        XCTAssertThrowsError(try Model.load(from: url)) { error in
            guard case let .invalidConfiguration(file, _)? = error as? ModelFileError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, configPath)
        }

        var newer = json
        newer["format_version"] = 7
        try rewriteConfig(url, newer)
        XCTAssertThrowsError(try Model.load(from: url)) { error in
            XCTAssertEqual(error as? ModelFileError, .unsupportedFormatVersion(file: configPath, version: 7, supported: 1))
        }

        var badLayer = json
        var layers = try XCTUnwrap(json["layers"] as? [[String: Any]])
        layers[0]["configuration"] = ["units": -3]
        badLayer["layers"] = layers
        try rewriteConfig(url, badLayer)
        XCTAssertThrowsError(try Model.load(from: url)) { error in
            guard case let .invalidLayerConfiguration(file, layer, reason)? = error as? ModelFileError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, configPath)
            XCTAssertEqual(layer, "dense")
            XCTAssertTrue(reason.contains("units"), reason)
        }

        var unknownOptimizer = json
        var compile = try XCTUnwrap(json["compile"] as? [String: Any])
        compile["optimizer"] = ["name": "lion", "configuration": [String: Any]()]
        unknownOptimizer["compile"] = compile
        try rewriteConfig(url, unknownOptimizer)
        XCTAssertThrowsError(try Model.load(from: url)) { error in
            XCTAssertEqual(error as? ModelFileError, .unknownTrainingComponent(file: configPath, kind: "optimizer", name: "lion"))
        }
    }

    func testWeightsThatDoNotMatchTheConfigurationAreReported() throws {
        let (url, json) = try savedModelConfig()
        var wider = json
        var layers = try XCTUnwrap(json["layers"] as? [[String: Any]])
        var configuration = try XCTUnwrap(layers[0]["configuration"] as? [String: Any])
        configuration["units"] = 17
        layers[0]["configuration"] = configuration
        wider["layers"] = layers
        try rewriteConfig(url, wider)
        XCTAssertThrowsError(try Model.load(from: url)) { error in
            guard let mismatch = error as? WeightsMismatchError else { return XCTFail("\(error)") }
            XCTAssertEqual(mismatch.differing.map(\.name), ["dense.kernel", "dense.bias", "dense_1.kernel"])
        }
    }

    func testMissingDirectoryIsATypedError() throws {
        let url = try makeTemporaryDirectory(self).appendingPathComponent("nothing.synapse")
        XCTAssertThrowsError(try Model.load(from: url)) { error in
            guard case .invalidConfiguration? = error as? ModelFileError else { return XCTFail("\(error)") }
        }
    }

    // MARK: Convolutional networks

    /// Trains `model` for one short epoch on random images, so its weights
    /// (and any moving statistics) are no longer the initial ones.
    private func trainBriefly(_ model: Model, inputShape: [Int], classes: Int = 10) throws {
        let x = randomTensor([48] + inputShape, seed: 21, lower: 0, upper: 1)
        let y = Tensor((0 ..< 48).map { Float($0 % classes) })
        model.compile(optimizer: Adam(learningRate: 0.01), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        try model.fit(x, y, epochs: 1, batchSize: 16, verbose: .silent)
    }

    func testConvNetRoundTripGivesIdenticalPredictions() throws {
        Synapse.seed(12)
        let model = Sequential([Conv2D(32, kernelSize: 3, activation: .relu), MaxPool2D(poolSize: 2),
                                Conv2D(64, kernelSize: 3, activation: .relu), MaxPool2D(poolSize: 2),
                                Flatten(), Dropout(0.5), Dense(10, activation: .softmax)])
        try trainBriefly(model, inputShape: [28, 28, 1])
        let url = try makeTemporaryDirectory(self).appendingPathComponent("convnet.synapse")
        try model.save(to: url)
        let loaded = try XCTUnwrap(Model.load(from: url) as? Sequential)
        XCTAssertEqual(loaded.layers.map { "\(type(of: $0))" },
                       ["Conv2D", "MaxPool2D", "Conv2D", "MaxPool2D", "Flatten", "Dropout", "Dense"])
        XCTAssertEqual(loaded.parameterCount, 34_826)
        let x = randomTensor([20, 28, 28, 1], seed: 22, lower: 0, upper: 1)
        XCTAssertEqual(try loaded.predict(x), try model.predict(x))
        XCTAssertEqual(loaded.compiled?.metrics.map(\.name), ["accuracy"])
    }

    func testBatchNormalizationKeepsItsMovingStatistics() throws {
        Synapse.seed(13)
        let model = Sequential([Conv2D(8, kernelSize: 3, padding: .same), BatchNormalization(momentum: 0.5),
                                ActivationLayer(.relu), AveragePool2D(poolSize: 2), GlobalAveragePool2D(),
                                Dense(4, activation: .softmax)])
        try trainBriefly(model, inputShape: [9, 9, 3], classes: 4)
        let normalization = try XCTUnwrap(model.layers[1] as? BatchNormalization)
        XCTAssertNotEqual(normalization.movingMean?.value, Tensor.zeros([8]), "training should move the statistics")
        let url = try makeTemporaryDirectory(self).appendingPathComponent("bn.synapse")
        try model.save(to: url)
        let loaded = try XCTUnwrap(Model.load(from: url) as? Sequential)
        let restored = try XCTUnwrap(loaded.layers[1] as? BatchNormalization)
        XCTAssertEqual(restored.momentum, 0.5)
        XCTAssertEqual(restored.movingMean?.value, normalization.movingMean?.value)
        XCTAssertEqual(restored.movingVariance?.value, normalization.movingVariance?.value)
        let x = randomTensor([10, 9, 9, 3], seed: 23, lower: 0, upper: 1)
        XCTAssertEqual(try loaded.predict(x), try model.predict(x))
    }

    /// Every conv-family layer is registered, and its configuration survives
    /// a save and load.
    func testEveryImageLayerRoundTrips() throws {
        Synapse.seed(14)
        let model = Sequential([
            ZeroPadding2D(top: 1, bottom: 2, left: 0, right: 1), Conv2D(4, kernelSize: Size2D(3, 2), strides: 2, padding: .same, activation: .tanh),
            DepthwiseConv2D(kernelSize: 2, depthMultiplier: 2), UpSampling2D(size: Size2D(2, 1)),
            Conv2DTranspose(3, kernelSize: 3, strides: 2, padding: .same), MaxPool2D(poolSize: 2, strides: 1),
            AveragePool2D(poolSize: 3, padding: .same), LayerNormalization(epsilon: 0.01), BatchNormalization(),
            GlobalAveragePool2D(), Dense(2),
        ])
        try model.build(inputShape: [10, 7, 2])
        let url = try makeTemporaryDirectory(self).appendingPathComponent("layers.synapse")
        try model.save(to: url)
        let loaded = try XCTUnwrap(Model.load(from: url) as? Sequential)
        XCTAssertEqual(loaded.layers.map { "\(type(of: $0))" }, model.layers.map { "\(type(of: $0))" })
        for (original, restored) in zip(model.layers, loaded.layers) {
            XCTAssertEqual(restored.configuration, original.configuration, original.name)
        }
        for name in ["Conv2D", "Conv2DTranspose", "DepthwiseConv2D", "MaxPooling2D", "AveragePooling2D",
                     "GlobalAveragePooling2D", "BatchNormalization", "LayerNormalization", "ZeroPadding2D", "UpSampling2D"] {
            XCTAssertNotNil(LayerRegistry.type(named: name), name)
        }
        let x = randomTensor([3, 10, 7, 2], seed: 24)
        XCTAssertEqual(try loaded.predict(x), try model.predict(x))
    }
}
