import Foundation
import XCTest
@testable import Synapse

final class SafetensorsWeightsTests: XCTestCase {
    private func builtMLP(seed: UInt64) throws -> Sequential {
        Synapse.seed(seed)
        let model = Sequential([Dense(5, activation: .relu), Dropout(0.1), Dense(3, activation: .softmax)])
        try model.build(inputShape: [4])
        return model
    }

    func testParameterNamesFollowTheModelStructure() throws {
        XCTAssertEqual(try builtMLP(seed: 1).namedParameters.map(\.name),
                       ["dense.kernel", "dense.bias", "dense_1.kernel", "dense_1.bias"])
        let url = try makeTemporaryDirectory(self).appendingPathComponent("w.safetensors")
        let network = SimpleNetwork()
        try network.build(inputShape: [6])
        try network.saveWeights(to: url)
        XCTAssertEqual(try SafetensorsFile(contentsOf: url).names, ["dense1.kernel", "dense1.bias", "dense2.kernel", "dense2.bias"])
    }

    func testSaveThenLoadGivesIdenticalPredictions() throws {
        let url = try makeTemporaryDirectory(self).appendingPathComponent("mlp.safetensors")
        let source = try builtMLP(seed: 1)
        try source.saveWeights(to: url)
        let target = try builtMLP(seed: 2)
        let x = randomTensor([10, 4], seed: 3)
        XCTAssertNotEqual(try target.predict(x), try source.predict(x))
        try target.loadWeights(from: url)
        XCTAssertEqual(try target.predict(x), try source.predict(x))
    }

    func testMismatchListsEverythingAndLeavesTheModelUntouched() throws {
        let url = try makeTemporaryDirectory(self).appendingPathComponent("other.safetensors")
        try SafetensorsFile(tensors: [
            (name: "dense.kernel", tensor: Tensor.zeros([4, 5])),   // matches
            (name: "dense.bias", tensor: Tensor.zeros([6])),         // wrong shape
            (name: "extra.weight", tensor: Tensor.zeros([1])),       // unexpected
        ]).write(to: url)
        let model = try builtMLP(seed: 1)
        let before = model.parameters.map(\.value)
        XCTAssertThrowsError(try model.loadWeights(from: url)) { error in
            guard let mismatch = error as? WeightsMismatchError else { return XCTFail("\(error)") }
            XCTAssertEqual(mismatch.file, url.path)
            XCTAssertEqual(mismatch.missing, ["dense_1.kernel", "dense_1.bias"])
            XCTAssertEqual(mismatch.unexpected, ["extra.weight"])
            XCTAssertEqual(mismatch.differing, [.init(name: "dense.bias", expectedShape: [5], foundShape: [6], foundDType: "F32")])
            XCTAssertTrue(mismatch.description.contains("nothing was loaded"))
        }
        XCTAssertEqual(model.parameters.map(\.value), before, "a failed load must not change any parameter")
    }

    func testOtherPrecisionsAreADTypeMismatchUnlessConversionIsAsked() throws {
        // A one-Dense model whose kernel [2, 3] and bias [3] come from an F16 file.
        let model = Sequential([Dense(3)])
        try model.build(inputShape: [2])
        var half = [UInt8]()
        for bits: UInt16 in [0x3C00, 0x4000, 0x4200, 0x4400, 0x4500, 0x4600, 0, 0, 0x3800] {  // 1 2 3 4 5 6 0 0 .5
            half += [UInt8(bits & 0xFF), UInt8(bits >> 8)]
        }
        let header = #"{"dense.kernel": {"dtype": "F16", "shape": [2, 3], "data_offsets": [0, 12]}, "dense.bias": {"dtype": "F16", "shape": [3], "data_offsets": [12, 18]}}"#
        let url = try makeTemporaryDirectory(self).appendingPathComponent("half.safetensors")
        try rawSafetensors(header: header, data: half).write(to: url)
        XCTAssertThrowsError(try model.loadWeights(from: url)) { error in
            XCTAssertEqual((error as? WeightsMismatchError)?.differing.map(\.foundDType), ["F16", "F16"])
        }
        try model.loadWeights(from: url, convertingPrecision: true)
        XCTAssertEqual(model.namedParameters[0].parameter.value.scalars, [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(model.namedParameters[1].parameter.value.scalars, [0, 0, 0.5])
    }

    func testNaNWeightsLoadWithAWarning() throws {
        let url = try makeTemporaryDirectory(self).appendingPathComponent("nan.safetensors")
        let model = try builtMLP(seed: 1)
        model.namedParameters[1].parameter.update { $0[2] = .nan }
        try model.saveWeights(to: url)
        let collected = Locked<[String]>([])
        let saved = IOWarnings.handler
        IOWarnings.handler = { message in collected.withLock { $0.append(message) } }
        defer { IOWarnings.handler = saved }
        let target = try builtMLP(seed: 2)
        try target.loadWeights(from: url)
        let warnings = collected.value
        XCTAssertEqual(warnings.count, 1)
        XCTAssertTrue(warnings.first?.contains("dense.bias") ?? false, "\(warnings)")
        XCTAssertTrue(target.namedParameters[1].parameter.value.scalars[2].isNaN)
    }

    func testUnbuiltModelsSayHowToBuild() throws {
        let url = try makeTemporaryDirectory(self).appendingPathComponent("x.safetensors")
        XCTAssertThrowsError(try Sequential([Dense(2)]).saveWeights(to: url)) { error in
            guard case .notBuilt? = error as? LayerError else { return XCTFail("\(error)") }
        }
    }

    func testLoadedParametersStillTrain() throws {
        let url = try makeTemporaryDirectory(self).appendingPathComponent("t.safetensors")
        try builtMLP(seed: 1).saveWeights(to: url)
        let model = try builtMLP(seed: 2)
        try model.loadWeights(from: url)
        model.compile(optimizer: .adam(learningRate: 0.05), loss: .sparseCategoricalCrossentropy)
        let before = model.parameters.map(\.value)
        let x = randomTensor([32, 4], seed: 4)
        let y = x.slice(alongAxis: 1, 0..<3).argmax(alongAxis: 1)
        try model.fit(x, y, epochs: 1, batchSize: 8, verbose: .silent)
        XCTAssertTrue(zip(model.parameters.map(\.value), before).allSatisfy { $0 != $1 }, "every loaded parameter should train")
    }
}
