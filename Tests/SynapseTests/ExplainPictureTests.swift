import Foundation
import XCTest
@testable import Synapse

/// Heat maps, overlays, the percentile clip and the grid.
final class ExplainPictureTests: XCTestCase {
    func testClipThresholdIsCaptumsCumulativeSum() {
        // |values| sorted: 1, 1, 1, 1, 96; 98% of the total 100 is reached only at 96.
        XCTAssertEqual(AttributionPicture.clipThreshold([1, -1, 1, 96, 1]), 96)
        // At 50%: 1 + 1 + 1 + 1 = 4 < 50, so still 96; at 4%: the fourth 1.
        XCTAssertEqual(AttributionPicture.clipThreshold([1, -1, 1, 96, 1], percentile: 4), 1)
        XCTAssertEqual(AttributionPicture.clipThreshold([0, 0]), 1)
    }

    func testSignedMapsAreWhiteAtZeroAndAbsoluteMapsDarkAtZero() {
        let signed = AttributionPicture.heatMap([-1, 0, 1], width: 3, height: 1, signed: true, percentile: 100)
        XCTAssertEqual(signed[x: 0, y: 0], Colormap.coolwarm.color(at: 0))
        XCTAssertEqual(signed[x: 1, y: 0], Colormap.coolwarm.color(at: 0.5))
        XCTAssertEqual(signed[x: 2, y: 0], Colormap.coolwarm.color(at: 1))
        let magnitude = AttributionPicture.heatMap([0, -2, 2], width: 3, height: 1, signed: false, percentile: 100)
        XCTAssertEqual(magnitude[x: 0, y: 0], Colormap.inferno.color(at: 0))
        XCTAssertEqual(magnitude[x: 1, y: 0], magnitude[x: 2, y: 0])
    }

    func testOverlayKeepsTheInputWhereTheMapIsZero() {
        let input = RGBImage(width: 2, height: 1, fill: RGBColor(red: 100, green: 100, blue: 100))
        let blended = AttributionPicture.overlay([0, 5], on: input, signed: true, percentile: 100, opacity: 1, dimming: 1)
        XCTAssertEqual(blended[x: 0, y: 0], input[x: 0, y: 0])
        XCTAssertEqual(blended[x: 1, y: 0], Colormap.coolwarm.color(at: 1))
    }

    func testPicturesOfAConvnetsMapsDecode() throws {
        let model = Sequential([Conv2D(2, kernelSize: 3, activation: .relu), Flatten(), Dense(3)])
        let inputs = Tensor.randomUniform([2, 8, 8, 1], seed: 2)
        let saliency = try model.attributions(for: inputs, method: Saliency())
        let cam = try model.attributions(for: inputs, method: GradCAM())
        let pictures = ExplanationPictures(inputs: inputs, captions: ["1 0.50", "2 0.40"], methods: [
            .init(name: "saliency", attributions: saliency, isSigned: false),
            .init(name: "gradcam", attributions: cam, isSigned: false),
        ])
        let folder = try makeTemporaryDirectory(self)
        try pictures.write(to: folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(names, ["0-gradcam-overlay.png", "0-gradcam.png", "0-saliency-overlay.png", "0-saliency.png",
                               "1-gradcam-overlay.png", "1-gradcam.png", "1-saliency-overlay.png", "1-saliency.png", "grid.png"])
        let single = try GreyscaleImage(contentsOf: folder.appendingPathComponent("1-saliency.png"))
        XCTAssertEqual([single.width, single.height], [32, 32])
        let grid = try GreyscaleImage(contentsOf: folder.appendingPathComponent("grid.png"))
        XCTAssertEqual(grid, try GreyscaleImage(decoding: try pictures.grid().pngData(), file: "grid"))
        XCTAssertGreaterThan(grid.width, 3 * 24)
    }
}
