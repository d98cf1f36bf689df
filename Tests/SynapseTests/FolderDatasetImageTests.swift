import Foundation
import XCTest
@testable import Synapse
@testable import SynapseCLI

/// Image folders: bilinear resizing, `ImageFolder`, and training through
/// `synapse train --dataset FOLDER --image-size N` with prediction by folder names.
final class FolderDatasetImageTests: XCTestCase {
    /// Horizontal stripes, vertical stripes or a bright centre square, `width × height`, with a little noise.
    func pattern(_ kind: String, width: Int, height: Int, seed: Int) -> [UInt8] {
        (0 ..< height).flatMap { y in
            (0 ..< width).map { x -> UInt8 in
                let on: Bool
                switch kind {
                case "horizontal": on = (y * 6 / height) % 2 == 0
                case "vertical": on = (x * 6 / width) % 2 == 0
                default: on = abs(2 * x - width) < width / 2 && abs(2 * y - height) < height / 2
                }
                return UInt8(on ? 220 - (x * 7 + y * 3 + seed) % 30 : (x * 5 + y + seed) % 30)
            }
        }
    }

    /// Three classes of images of several sizes: colour PNGs and binary PGMs.
    func makeImageFolder() throws -> URL {
        let root = try makeTemporaryDirectory(self).appendingPathComponent("shapes")
        let sizes = [(20, 24), (32, 32), (40, 30), (28, 28), (36, 20)]
        for kind in ["horizontal", "vertical", "square"] {
            let folder = root.appendingPathComponent(kind)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for i in 0 ..< 15 {
                let (width, height) = sizes[i % sizes.count]
                let grey = pattern(kind, width: width, height: height, seed: i)
                if i % 2 == 0 {
                    try RGBImage(GreyscaleImage(width: width, height: height, pixels: grey)).writePNG(to: folder.appendingPathComponent("\(i).png"))
                } else {
                    let pgm = Array("P5\n\(width) \(height)\n255\n".utf8) + grey
                    try Data(pgm).write(to: folder.appendingPathComponent("\(i).pgm"))
                }
            }
        }
        return root
    }

    func testBilinearResizing() {
        let image = GreyscaleImage(width: 2, height: 1, pixels: [0, 200])
        XCTAssertEqual(image.resized(width: 4, height: 1).pixels, [0, 50, 150, 200])
        XCTAssertEqual(image.resized(width: 1, height: 1).pixels, [100])
        let flat = GreyscaleImage(width: 3, height: 5, pixels: [UInt8](repeating: 77, count: 15))
        XCTAssertEqual(flat.resized(width: 7, height: 2).pixels, [UInt8](repeating: 77, count: 14))
        XCTAssertEqual(flat.resized(width: 3, height: 5), flat)
    }

    func testLoadsImagesOfSeveralSizes() throws {
        let data = try ImageFolder(directory: makeImageFolder(), height: 16, width: 16)
        XCTAssertEqual(data.classNames, ["horizontal", "square", "vertical"])
        XCTAssertEqual(data.train.count, 36)
        XCTAssertEqual(data.test.count, 9)
        XCTAssertEqual(data.train.height, 16)
        XCTAssertEqual(data.test.classHistogram(), [3, 3, 3])
    }

    func testCorruptImageFailsWithItsPathOrIsSkipped() throws {
        let root = try makeImageFolder()
        let broken = root.appendingPathComponent("square/broken.png")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]).write(to: broken)
        XCTAssertThrowsError(try ImageFolder(directory: root, height: 8, width: 8)) { error in
            XCTAssertTrue("\(error)".contains(broken.path), "\(error)")
        }
        let data = try ImageFolder(directory: root, height: 8, width: 8, corruptFiles: .skip)
        XCTAssertEqual(data.skipped.count, 1)
        XCTAssertEqual(data.train.count + data.test.count, 45)
    }

    /// `synapse train --dataset FOLDER --image-size 16`, then predict names the folders.
    func testTrainsThroughTheCommandLineAndPredictsByFolderName() throws {
        let root = try makeImageFolder()
        let save = try makeTemporaryDirectory(self).appendingPathComponent("shapes.synapse").path
        try Train.parse(["--dataset", root.path, "--image-size", "16", "--model", "cnn", "--epochs", "15", "--batch-size", "8",
                         "--save", save, "--verbose", "0"]).run()
        let model = try Model.load(from: URL(fileURLWithPath: save))
        XCTAssertEqual(model.classNames, ["horizontal", "square", "vertical"])
        XCTAssertEqual(model.metadata.dataset?.name, "image-folder")
        let probes = try makeTemporaryDirectory(self)
        for (name, kind) in [("a", "horizontal"), ("b", "vertical")] {
            try RGBImage(GreyscaleImage(width: 33, height: 27, pixels: pattern(kind, width: 33, height: 27, seed: 99)))
                .writePNG(to: probes.appendingPathComponent("\(name).png"))
        }
        let images = fittedToModel(try predictionImages(at: probes.path), model: model)
        let lines = try predictionLines(model, images: images, classNames: model.classNames)
        XCTAssertTrue(lines[0].contains("a.png: 0 horizontal (probability"), lines[0])
        XCTAssertTrue(lines[1].contains("b.png: 2 vertical (probability"), lines[1])
    }
}
