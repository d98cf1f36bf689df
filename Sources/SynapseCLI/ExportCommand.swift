import ArgumentParser
import Foundation
import Synapse

/// `synapse export`: a saved model in another format (ONNX).
struct Export: ParsableCommand {
    /// The subcommand's name and help.
    static let configuration = CommandConfiguration(
        abstract: "Export a saved model to ONNX, for onnxruntime and other ONNX tools.",
        discussion: """
            Writes an ONNX file (opset 17) whose input 'input' and output \
            'output' have a symbolic batch axis and Synapse's shapes \
            (channels-last images). Sequential models of Dense, convolution, \
            pooling, normalisation, Flatten, Reshape, Dropout and activation \
            layers are supported.
            """
    )

    @Argument(help: ArgumentHelp("The model directory written by `synapse train --save`.", valueName: "model"))
    var modelPath: String

    @Option(help: ArgumentHelp("The ONNX file to write (replaced atomically).", valueName: "file"))
    var onnx: String

    /// Rejects an ONNX path in a missing directory before loading anything.
    func validate() throws {
        let parent = URL(fileURLWithPath: onnx).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--onnx '\(onnx)': directory '\(parent)' does not exist; create it first.")
        }
        if FileManager.default.fileExists(atPath: onnx, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ValidationError("--onnx '\(onnx)' is a directory; give a file path such as model.onnx.")
        }
    }

    /// Loads the model and writes the ONNX file.
    func run() throws {
        try reportingFailures {
            let model = try loadModel(at: modelPath)
            try model.exportONNX(to: URL(fileURLWithPath: onnx))
            print("Exported \(modelPath) to \(onnx)")
        }
    }
}
