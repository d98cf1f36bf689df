/// Why a weights file does not fit a model: every problem at once, so one
/// message tells the whole story.
public struct WeightsMismatchError: Error, CustomStringConvertible, Equatable {
    /// A tensor present on both sides whose shape or element type differs.
    public struct Difference: Equatable, Sendable {
        /// The parameter name.
        public let name: String
        /// The shape the model expects.
        public let expectedShape: [Int]
        /// The shape in the file.
        public let foundShape: [Int]
        /// The element type in the file (the model expects F32).
        public let foundDType: String
    }

    /// The weights file.
    public let file: String
    /// Model parameters the file lacks.
    public let missing: [String]
    /// File tensors the model has no parameter for.
    public let unexpected: [String]
    /// Tensors on both sides that differ in shape or type.
    public let differing: [Difference]

    /// A multi-part explanation naming the file and each tensor.
    public var description: String {
        var parts: [String] = []
        if !missing.isEmpty { parts.append("missing from the file: \(missing.joined(separator: ", "))") }
        if !unexpected.isEmpty { parts.append("not in the model: \(unexpected.joined(separator: ", "))") }
        if !differing.isEmpty {
            let lines = differing.map { "\($0.name) (model \($0.expectedShape) F32, file \($0.foundShape) \($0.foundDType))" }
            parts.append("different shape or type: \(lines.joined(separator: ", "))")
        }
        return "weights file \(file) does not match the model; nothing was loaded. "
            + parts.joined(separator: "; ")
            + ". Check that the model is built with the same layers and input shape as the one that saved the file."
    }
}
