import Foundation
import XCTest
@testable import Synapse

private func strings(_ fields: [(field: Int, varint: UInt64?, bytes: [UInt8])], _ field: Int) -> [String] {
    fields.filter { $0.field == field }.map { String(decoding: $0.bytes, as: UTF8.self) }
}

final class ONNXTests: XCTestCase {
    private func encoded(_ build: (inout ProtobufWriter) -> Void) -> [UInt8] {
        var writer = ProtobufWriter()
        build(&writer)
        return writer.bytes
    }

    func testVarintsMatchTheProtobufSpecification() {
        XCTAssertEqual(encoded { $0.appendVarint(0) }, [0x00])
        XCTAssertEqual(encoded { $0.appendVarint(127) }, [0x7F])
        XCTAssertEqual(encoded { $0.appendVarint(128) }, [0x80, 0x01])
        XCTAssertEqual(encoded { $0.appendVarint(300) }, [0xAC, 0x02])
        XCTAssertEqual(encoded { $0.appendVarint(.max) }, [UInt8](repeating: 0xFF, count: 9) + [0x01])
    }

    func testFieldsMatchTheProtobufDocumentationExamples() {
        // "message Test1 { int32 a = 1; }" with a = 150.
        XCTAssertEqual(encoded { $0.writeInt(1, 150) }, [0x08, 0x96, 0x01])
        // "message Test2 { string b = 2; }" with b = "testing".
        XCTAssertEqual(encoded { $0.writeString(2, "testing") }, [0x12, 0x07] + Array("testing".utf8))
        // "repeated int32 f = 4 [packed=true]" with 3, 270, 86942.
        XCTAssertEqual(encoded { $0.writePackedInts(4, [3, 270, 86942]) }, [0x22, 0x06, 0x03, 0x8E, 0x02, 0x9E, 0xA7, 0x05])
        // Negative int64: ten bytes of two's complement.
        XCTAssertEqual(encoded { $0.writeInt(3, -1) }, [0x18] + [UInt8](repeating: 0xFF, count: 9) + [0x01])
        XCTAssertEqual(encoded { $0.writeFloat(2, 1) }, [0x15, 0x00, 0x00, 0x80, 0x3F])
        XCTAssertEqual(encoded { $0.writePackedFloats(4, [1, -2]) }, [0x22, 0x08, 0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0])
        XCTAssertEqual(encoded { $0.writeMessage(7) { $0.writeInt(1, 150) } }, [0x3A, 0x03, 0x08, 0x96, 0x01])
    }

    func testONNXMessagesEncodeFieldByField() {
        let node = ONNXProto.Node(opType: "Softmax", name: "s", inputs: ["x"], outputs: ["y"], attributes: [.int("axis", -1)])
        let attribute: [UInt8] = [0x0A, 0x04] + Array("axis".utf8) + [0x18] + [UInt8](repeating: 0xFF, count: 9) + [0x01, 0xA0, 0x01, 0x02]
        let expected: [UInt8] = [0x0A, 0x01, UInt8(ascii: "x"), 0x12, 0x01, UInt8(ascii: "y"), 0x1A, 0x01, UInt8(ascii: "s"),
                                 0x22, 0x07] + Array("Softmax".utf8) + [0x2A, UInt8(attribute.count)] + attribute
        XCTAssertEqual(encoded { node.encode(into: &$0) }, expected)

        let tensor = ONNXProto.TensorValue(name: "w", dims: [1, 2], floats: [1, -2])
        XCTAssertEqual(encoded { tensor.encode(into: &$0) },
                       [0x0A, 0x02, 0x01, 0x02, 0x10, 0x01, 0x22, 0x08, 0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0, 0x42, 0x01, UInt8(ascii: "w")])

        let info = ONNXProto.ValueInfo(name: "x", dims: [nil, 3])
        let dims: [UInt8] = [0x0A, 0x07, 0x12, 0x05] + Array("batch".utf8) + [0x0A, 0x02, 0x08, 0x03]
        let tensorType: [UInt8] = [0x08, 0x01, 0x12, UInt8(dims.count)] + dims
        let type: [UInt8] = [0x0A, UInt8(tensorType.count)] + tensorType
        XCTAssertEqual(encoded { info.encode(into: &$0) }, [0x0A, 0x01, UInt8(ascii: "x"), 0x12, UInt8(type.count)] + type)
    }

    func testSequentialExportHasTheExpectedGraph() throws {
        Synapse.seed(1)
        let model = Sequential([Flatten(), Dense(8, activation: .relu), Dropout(0.5), Reshape([2, 4]), Dense(3), ActivationLayer(.softmax)])
        try model.build(inputShape: [2, 3])
        let root = protobufFields(try model.onnxBytes())
        XCTAssertEqual(root.first { $0.field == 1 }?.varint, 8, "IR version")
        let opset = protobufFields(try XCTUnwrap(root.first { $0.field == 8 }).bytes)
        XCTAssertEqual(opset.first { $0.field == 2 }?.varint, 17)
        let graph = protobufFields(try XCTUnwrap(root.first { $0.field == 7 }).bytes)
        let nodes = graph.filter { $0.field == 1 }.map { protobufFields($0.bytes) }
        XCTAssertEqual(nodes.flatMap { strings($0, 4) },
                       ["Flatten", "Gemm", "Relu", "Identity", "Reshape", "MatMul", "Add", "Softmax", "Identity"])
        let initializers = graph.filter { $0.field == 5 }.map { protobufFields($0.bytes) }
        XCTAssertEqual(initializers.flatMap { strings($0, 8) },
                       ["dense.kernel", "dense.bias", "reshape.shape", "dense_1.kernel", "dense_1.bias"])
        // Each node reads what the previous produced; the last writes "output".
        XCTAssertEqual(strings(nodes.last!, 2), ["output"])
        XCTAssertEqual(strings(nodes.first!, 1), ["input"])
        for (previous, next) in zip(nodes, nodes.dropFirst()) {
            XCTAssertEqual(strings(next, 1).first, strings(previous, 2).first)
        }
    }

    func testConvNetRunsChannelsFirstBetweenTransposes() throws {
        Synapse.seed(2)
        let model = Sequential([Conv2D(4, kernelSize: 3, activation: .relu), MaxPool2D(poolSize: 2),
                                Flatten(), Dropout(0.5), Dense(10, activation: .softmax)])
        try model.build(inputShape: [8, 8, 1])
        var builder = ONNXGraphBuilder(inputName: "input", inputShape: [8, 8, 1])
        try builder.add(model)
        builder.finish()
        XCTAssertEqual(builder.nodes.map(\.opType),
                       ["Transpose", "Conv", "Relu", "MaxPool", "Transpose", "Flatten", "Identity", "Gemm", "Softmax"])
        XCTAssertEqual(builder.layout, .synapse)
        // The kernel [kh, kw, in, out] is stored as [out, in, kh, kw].
        let kernel = try XCTUnwrap((model.layers[0] as? Conv2D)?.kernel?.value)
        let weight = try XCTUnwrap(builder.initializers.first { $0.name == "conv2d.kernel" })
        XCTAssertEqual(weight.dims, [4, 1, 3, 3])
        for out in 0 ..< 4 {
            for row in 0 ..< 3 {
                for column in 0 ..< 3 {
                    XCTAssertEqual(weight.floats[out * 9 + row * 3 + column], kernel.scalars[(row * 3 + column) * 4 + out])
                }
            }
        }
    }

    func testSamePaddingIsExplicitWithTheOddPixelAfter() {
        XCTAssertEqual(ONNXGraphBuilder.padding(input: 28, kernel: 4, stride: 2, dilation: 1, padding: .same).before, 1)
        XCTAssertEqual(ONNXGraphBuilder.padding(input: 28, kernel: 4, stride: 2, dilation: 1, padding: .same).after, 1)
        // 11 wide, stride 2: 6 outputs need 5·2 + 4 − 11 = 3 pixels, 1 before and 2 after.
        XCTAssertEqual(ONNXGraphBuilder.padding(input: 11, kernel: 4, stride: 2, dilation: 1, padding: .same).before, 1)
        XCTAssertEqual(ONNXGraphBuilder.padding(input: 11, kernel: 4, stride: 2, dilation: 1, padding: .same).after, 2)
        XCTAssertEqual(ONNXGraphBuilder.padding(input: 9, kernel: 3, stride: 1, dilation: 2, padding: .same).after, 2)
        XCTAssertEqual(ONNXGraphBuilder.padding(input: 9, kernel: 3, stride: 1, dilation: 1, padding: .valid).after, 0)
    }

    func testUnsupportedModelsAreTypedErrors() throws {
        let network = ResidualNetwork()
        try network.build(inputShape: [6])
        let url = try makeTemporaryDirectory(self).appendingPathComponent("m.onnx")
        XCTAssertThrowsError(try network.exportONNX(to: url)) { error in
            XCTAssertEqual(error as? ONNXExportError, .notSequential(modelClass: "ResidualNetwork"))
        }
        let custom = Sequential([Dense(2, activation: Activation(name: "cube") { $0 * $0 * $0 })])
        try custom.build(inputShape: [2])
        XCTAssertThrowsError(try custom.exportONNX(to: url)) { error in
            XCTAssertEqual(error as? ONNXExportError, .unsupportedActivation(layer: "dense", activation: "cube"))
        }
        let opaque = Sequential([OpaqueLayer()])
        try opaque.build(inputShape: [2])
        XCTAssertThrowsError(try opaque.exportONNX(to: url)) { error in
            XCTAssertEqual(error as? ONNXExportError, .unsupportedLayer(layer: "opaque_layer", type: "OpaqueLayer"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
    }
}

/// A subclassed model that is not a plain chain: it adds its input back.
final class ResidualNetwork: Model {
    let dense = Dense(6, activation: .relu)
    override func call(_ x: Tensor) -> Tensor { dense(x) + x }
}

final class LayerChainTests: XCTestCase {
    final class Chain: Model {
        let flatten = Flatten()
        let hidden = Dense(4, activation: .relu)
        let output = Dense(2)
        override func call(_ x: Tensor) -> Tensor { output(hidden(flatten(x))) }
    }

    final class ReshapesBetweenLayers: Model {
        let hidden = Dense(4)
        let output = Dense(2)
        override func call(_ x: Tensor) -> Tensor { output(hidden(x).reshaped(to: [-1, 2, 2])) }
    }

    func testAPlainChainIsRecognisedInCallOrder() throws {
        let model = Chain()
        try model.build(inputShape: [2, 3])
        XCTAssertEqual(model.layerChain()?.map(\.name), ["flatten", "hidden", "output"])
    }

    func testAnythingButAChainIsRefused() throws {
        let residual = ResidualNetwork()
        try residual.build(inputShape: [6])
        XCTAssertNil(residual.layerChain())
        let reshaping = ReshapesBetweenLayers()
        try reshaping.build(inputShape: [3])
        // A reshape keeps the buffer, so the shapes must match as well.
        XCTAssertNil(reshaping.layerChain())
        XCTAssertNil(Chain().layerChain(), "an unbuilt model has no chain")
    }

    func testASubclassedChainExportsLikeTheEquivalentSequential() throws {
        Synapse.seed(2)
        let model = Chain()
        try model.build(inputShape: [2, 3])
        let sequential = Sequential([Flatten(), Dense(4, activation: .relu), Dense(2)])
        try sequential.build(inputShape: [2, 3])
        for (target, source) in zip(sequential.parameters, model.parameters) { target.value = source.value }
        XCTAssertEqual(try model.onnxBytes().count, try sequential.onnxBytes().count)
    }
}
