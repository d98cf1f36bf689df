/// The ONNX messages Synapse writes, as plain values, with their encodings
/// (field numbers from onnx/onnx.proto).
enum ONNXProto {
    /// `TensorProto.DataType`.
    enum DataType: Int64 {
        case float = 1, int64 = 7
    }

    /// `TensorProto`: a named constant (weights, shapes).
    struct TensorValue {
        var name: String
        var dims: [Int]
        var floats: [Float] = []
        var int64s: [Int64] = []
        var dataType: DataType = .float

        func encode(into writer: inout ProtobufWriter) {
            writer.writePackedInts(1, dims.map(Int64.init))
            writer.writeInt(2, dataType.rawValue)
            switch dataType {
            case .float: writer.writePackedFloats(4, floats)
            case .int64: writer.writePackedInts(7, int64s)
            }
            writer.writeString(8, name)
        }
    }

    /// `AttributeProto` (only the kinds Synapse needs).
    enum Attribute {
        case int(String, Int64)
        case float(String, Float)
        case ints(String, [Int64])
        case string(String, String)

        func encode(into writer: inout ProtobufWriter) {
            switch self {
            case let .int(name, value):
                writer.writeString(1, name)
                writer.writeInt(3, value)
                writer.writeInt(20, 2)  // AttributeType.INT
            case let .float(name, value):
                writer.writeString(1, name)
                writer.writeFloat(2, value)
                writer.writeInt(20, 1)  // AttributeType.FLOAT
            case let .ints(name, values):
                writer.writeString(1, name)
                writer.writePackedInts(8, values)
                writer.writeInt(20, 7)  // AttributeType.INTS
            case let .string(name, value):
                writer.writeString(1, name)
                writer.writeString(4, value)
                writer.writeInt(20, 3)  // AttributeType.STRING
            }
        }
    }

    /// `NodeProto`: one operator application.
    struct Node {
        var opType: String
        var name: String
        var inputs: [String]
        var outputs: [String]
        var attributes: [Attribute] = []

        func encode(into writer: inout ProtobufWriter) {
            for input in inputs { writer.writeString(1, input) }
            for output in outputs { writer.writeString(2, output) }
            writer.writeString(3, name)
            writer.writeString(4, opType)
            for attribute in attributes { writer.writeMessage(5) { attribute.encode(into: &$0) } }
        }
    }

    /// `ValueInfoProto` of a float tensor; nil dimensions are symbolic (`batch`).
    struct ValueInfo {
        var name: String
        var dims: [Int?]

        func encode(into writer: inout ProtobufWriter) {
            writer.writeString(1, name)
            writer.writeMessage(2) { type in                 // TypeProto
                type.writeMessage(1) { tensor in             // TypeProto.Tensor
                    tensor.writeInt(1, DataType.float.rawValue)
                    tensor.writeMessage(2) { shape in        // TensorShapeProto
                        for dim in dims {
                            shape.writeMessage(1) { dimension in
                                if let dim { dimension.writeInt(1, Int64(dim)) } else { dimension.writeString(2, "batch") }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `GraphProto`.
    struct Graph {
        var name: String
        var nodes: [Node]
        var initializers: [TensorValue]
        var inputs: [ValueInfo]
        var outputs: [ValueInfo]

        func encode(into writer: inout ProtobufWriter) {
            for node in nodes { writer.writeMessage(1) { node.encode(into: &$0) } }
            writer.writeString(2, name)
            for initializer in initializers { writer.writeMessage(5) { initializer.encode(into: &$0) } }
            for input in inputs { writer.writeMessage(11) { input.encode(into: &$0) } }
            for output in outputs { writer.writeMessage(12) { output.encode(into: &$0) } }
        }
    }

    /// `ModelProto` with one default-domain opset import.
    struct Model {
        static let irVersion: Int64 = 8  // the IR version of opset 17 (ONNX 1.12)
        var graph: Graph
        var opsetVersion: Int64 = 17
        var producerName = "Synapse"
        var producerVersion: String

        func encoded() -> [UInt8] {
            var writer = ProtobufWriter()
            writer.writeInt(1, Self.irVersion)
            writer.writeString(2, producerName)
            writer.writeString(3, producerVersion)
            writer.writeMessage(7) { graph.encode(into: &$0) }
            writer.writeMessage(8) { opset in   // OperatorSetIdProto
                opset.writeString(1, "")
                opset.writeInt(2, opsetVersion)
            }
            return writer.bytes
        }
    }
}
