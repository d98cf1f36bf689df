import Foundation
import XCTest
@testable import Synapse

/// Runs the Python side of the interop tests with the interpreter named by
/// `SYNAPSE_INTEROP_PYTHON` (one with scripts/interop/requirements.txt
/// installed); tests skip when it is unset.
enum InteropPython {
    static let environmentKey = "SYNAPSE_INTEROP_PYTHON"

    static func interpreter() throws -> URL {
        guard let path = ProcessInfo.processInfo.environment[environmentKey], !path.isEmpty else {
            throw XCTSkip("set \(environmentKey) to a Python with `pip install -r scripts/interop/requirements.txt` to run interop tests")
        }
        return URL(fileURLWithPath: path)
    }

    static func script(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/interop/\(name)").path
    }

    /// Runs `script` with `arguments`; returns the exit status and all output.
    static func run(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        try run(script, arguments, with: interpreter())
    }

    /// Runs `script` with `arguments` in the given Python; returns the exit status and all output.
    static func run(_ script: String, _ arguments: [String], with interpreter: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = interpreter
        process.arguments = [self.script(script)] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}

final class SafetensorsInteropTests: XCTestCase {
    func testPythonReadsWhatSynapseWrites() throws {
        _ = try InteropPython.interpreter()
        let directory = try makeTemporaryDirectory(self)
        Synapse.seed(3)
        let model = Sequential([Dense(7, activation: .relu), Dense(2)])
        try model.build(inputShape: [5])
        let weights = directory.appendingPathComponent("model.safetensors")
        try model.saveWeights(to: weights)
        var expected: [String: Any] = [:]
        for (name, parameter) in model.namedParameters {
            expected[name] = ["shape": parameter.shape, "bits": parameter.value.scalars.map { Int($0.bitPattern) }]
        }
        let expectedURL = directory.appendingPathComponent("expected.json")
        try JSONSerialization.data(withJSONObject: expected).write(to: expectedURL)
        let result = try InteropPython.run("safetensors_roundtrip.py", ["read", weights.path, expectedURL.path])
        XCTAssertEqual(result.status, 0, result.output)
    }

    func testSynapseReadsWhatPythonWrites() throws {
        let url = try makeTemporaryDirectory(self).appendingPathComponent("python.safetensors")
        let result = try InteropPython.run("safetensors_roundtrip.py", ["write", url.path])
        XCTAssertEqual(result.status, 0, result.output)
        let file = try SafetensorsFile(contentsOf: url)
        XCTAssertEqual(file.metadata["source"], "python")
        XCTAssertEqual(file["layer.kernel"], Tensor(shape: [4, 6], scalars: (0..<24).map { Float($0) / 8 - 1 }))
        // np.linspace(-1, 1, 6) in float32: -1 + i·0.4, rounded once.
        XCTAssertEqual(file["layer.bias"]?.scalars, (0..<6).map { Float(-1 + Double($0) * 0.4) })
        let model = Sequential([Dense(6)])
        model.name = "m"
        try model.build(inputShape: [4])
        let renamed = SafetensorsFile(tensors: [(name: "dense.kernel", tensor: file["layer.kernel"]!),
                                                (name: "dense.bias", tensor: file["layer.bias"]!)])
        try model.assignWeights(from: renamed, source: url.path)
        XCTAssertEqual(try model.predict(Tensor.ones([1, 4])).shape, [1, 6])
    }
}
