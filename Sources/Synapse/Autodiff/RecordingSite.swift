/// Where in Synapse's source an operation was recorded on the gradient tape:
/// the `#fileID` and `#line` of its `Tensor.recording` call.
///
/// Every recording site defines a backward closure, and the test suite checks
/// that a finite-difference gradient check runs through each one: it finds
/// the sites in the source and compares them with the sites its checks reach.
/// Recording one costs no allocation: both parts are compile-time constants.
struct RecordingSite: Sendable, CustomStringConvertible {
    /// The file, as `#fileID` spells it: `Synapse/Tensor+Math.swift`.
    let file: StaticString
    /// The line of the `recording(` call.
    let line: UInt

    /// `file:line`, for example `Synapse/Tensor+Math.swift:16`.
    var description: String { "\(file.description):\(line)" }
}
