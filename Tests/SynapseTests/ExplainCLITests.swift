import Foundation
import XCTest
@testable import Synapse
@testable import SynapseCLI

/// `synapse explain` on models `synapse train --save` made (the MLP and the convnet).
final class ExplainCLITests: XCTestCase {
    private func trainedModel(_ kind: String, in directory: URL) throws -> String {
        let save = directory.appendingPathComponent("\(kind).synapse").path
        try Train.parse(["--dataset", "mnist-sample", "--model", kind, "--epochs", "1", "--save", save,
                         "--verbose", "0", "--seed", "3"]).run()
        return save
    }

    func testExplainWritesMapsOverlaysGridAndRawTensorsForTheMLPAndTheConvnet() throws {
        let directory = try makeTemporaryDirectory(self)
        for (kind, inputShape, methods) in [("mlp", [28, 28], ["saliency", "ig", "smoothgrad", "occlusion"]),
                                            ("cnn", [28, 28, 1], ["saliency", "ig", "smoothgrad", "gradcam", "occlusion"])] {
            let model = try trainedModel(kind, in: directory)
            let out = directory.appendingPathComponent("\(kind)-maps")
            let raw = directory.appendingPathComponent("\(kind).safetensors")
            try Explain.parse([model, "--grid", "3", "--dataset", "mnist-sample", "--out", out.path, "--raw", raw.path,
                               "--steps", "20"]).run()
            let names = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
            for method in methods {
                XCTAssertTrue(names.contains("2-\(method).png"), "\(kind): \(names.sorted())")
                XCTAssertTrue(names.contains("2-\(method)-overlay.png"), kind)
            }
            XCTAssertEqual(names.count, methods.count * 3 * 2 + 1, kind)
            XCTAssertNoThrow(try GreyscaleImage(contentsOf: out.appendingPathComponent("grid.png")))
            let file = try SafetensorsFile(contentsOf: raw)
            XCTAssertEqual(file["attributions"]?.shape, [3] + inputShape, kind)
            XCTAssertEqual(Set(file.names), Set(["attributions"] + methods.map { "attributions.\($0)" }), kind)
        }
    }

    func testGradCAMOnTheMLPFailsWithOneClearError() throws {
        let directory = try makeTemporaryDirectory(self)
        let model = try trainedModel("mlp", in: directory)
        XCTAssertThrowsError(try Explain.parse([model, "--grid", "1", "--dataset", "mnist-sample", "--method", "gradcam",
                                                "--out", directory.appendingPathComponent("maps").path]).run())
        XCTAssertThrowsError(try Explain.parse([model, "--grid", "1", "--dataset", "mnist-sample", "--class", "10",
                                                "--out", directory.appendingPathComponent("maps").path]).run())
        XCTAssertThrowsError(try Explain.parse([model]).run(), "no input and no --grid")
    }
}
