/// Hand-encoded `tensorflow.Event` and `Summary` protocol buffers, the
/// messages in a TensorBoard event file (field numbers from TensorFlow's
/// event.proto, summary.proto and tensor.proto).
enum EventEncoding {
    /// The first event of every file: it names the format version.
    static func fileVersion(wallTime: Double) -> [UInt8] {
        var event = ProtobufWriter()
        event.writeDouble(1, wallTime)
        event.writeString(3, "brain.Event:2")
        return event.bytes
    }

    /// An event holding one summary value under `tag` at `step`.
    static func summary(wallTime: Double, step: Int, tag: String, value: SummaryValue) -> [UInt8] {
        var event = ProtobufWriter()
        event.writeDouble(1, wallTime)
        event.writeInt(2, Int64(step))
        event.writeMessage(5) { summary in
            summary.writeMessage(1) { encode(tag: tag, value: value, into: &$0) }
        }
        return event.bytes
    }

    /// A `Summary.Value`.
    private static func encode(tag: String, value: SummaryValue, into message: inout ProtobufWriter) {
        message.writeString(1, tag)
        switch value {
        case .scalar(let number):
            message.writeFloat(2, Float(number))
        case .histogram(let histogram):
            message.writeMessage(5) { proto in
                proto.writeDouble(1, histogram.minimum)
                proto.writeDouble(2, histogram.maximum)
                proto.writeDouble(3, Double(histogram.count))
                proto.writeDouble(4, histogram.sum)
                proto.writeDouble(5, histogram.sumOfSquares)
                proto.writePackedDoubles(6, histogram.bucketLimits)
                proto.writePackedDoubles(7, histogram.bucketCounts)
            }
        case .image(let image):
            message.writeMessage(4) { proto in
                proto.writeInt(1, Int64(image.height))
                proto.writeInt(2, Int64(image.width))
                proto.writeInt(3, 3)   // colour space: RGB
                proto.writeBytes(4, image.pngData())
            }
        case .text(let text):
            message.writeMessage(9) { metadata in
                metadata.writeMessage(1) { plugin in plugin.writeString(1, "text") }
            }
            message.writeMessage(8) { tensor in
                tensor.writeInt(1, 7)                  // DT_STRING
                tensor.writeMessage(2) { _ in }        // a scalar: no dimensions
                tensor.writeString(8, text)
            }
        }
    }
}
