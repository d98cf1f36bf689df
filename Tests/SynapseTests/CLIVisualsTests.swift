import Foundation
import XCTest

/// `synapse train --plots/--tensorboard/--explain-images`, `synapse plot` and `synapse report`
/// as a user runs them; the report opened in headless Chromium.
final class CLIVisualsTests: XCTestCase {
    /// A model saved by a short `synapse train` run, with its plots and logs.
    private func trainedRun(_ directory: URL) throws -> (model: URL, result: SynapseExecutable.Result) {
        let model = directory.appendingPathComponent("model.synapse")
        let result = try SynapseExecutable(for: self).run(
            ["train", "--dataset", "mnist-sample", "--epochs", "2", "--validation-split", "0.1", "--save", model.path,
             "--plots", directory.appendingPathComponent("plots").path,
             "--tensorboard", directory.appendingPathComponent("logs").path, "--explain-images", "2", "--verbose", "0"],
            in: directory)
        XCTAssertEqual(result.status, 0, result.stderr)
        return (model, result)
    }

    func testTrainingDrawsItsPicturesAndPlotRedrawsThemFromTheModel() throws {
        let directory = try makeTemporaryDirectory(self)
        let (model, result) = try trainedRun(directory)
        XCTAssertTrue(result.stdout.contains("Wrote 7 pictures"), result.stdout)
        let plots = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("plots").path).sorted()
        XCTAssertEqual(plots, ["accuracy.png", "accuracy.svg", "confusion_matrix.png", "confusion_matrix.svg",
                               "loss.png", "loss.svg", "misclassified.png"])
        for run in ["train", "validation"] {
            let logs = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("logs/\(run)").path)
            XCTAssertEqual(logs.count, 1, run)
        }
        let maps = try tensorBoardImages(inEventFileIn: directory.appendingPathComponent("logs/train")).filter { $0.tag.hasPrefix("explain/") }
        XCTAssertEqual(maps.map(\.tag), ["explain/ig/0", "explain/ig/1", "explain/ig/0", "explain/ig/1"])
        XCTAssertEqual(maps.map(\.step), [0, 0, 1, 1])
        XCTAssertTrue(maps.allSatisfy { $0.png.starts(with: [0x89, 0x50, 0x4E, 0x47]) }, "PNG images")
        let again = try SynapseExecutable(for: self).run(["plot", model.path, "--out", directory.appendingPathComponent("again").path],
                                                         in: directory)
        XCTAssertEqual(again.status, 0, again.stderr)
        let first = try Data(contentsOf: directory.appendingPathComponent("plots/loss.png"))
        let second = try Data(contentsOf: directory.appendingPathComponent("again/loss.png"))
        XCTAssertEqual(first, second, "the curves drawn from the saved history are the training run's")
    }

    func testAHugeLearningRateStopsWithAClearMessageAndExitsNonZero() throws {
        let directory = try makeTemporaryDirectory(self)
        let result = try SynapseExecutable(for: self).run(
            ["train", "--dataset", "mnist-sample", "--epochs", "2", "--learning-rate", "1e10", "--optimizer", "sgd",
             "--save", directory.appendingPathComponent("m.synapse").path, "--verbose", "0"], in: directory)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("the loss became"), result.stderr)
        XCTAssertTrue(result.stderr.contains("lower the learning rate"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("m.synapse").path))
    }

    func testPlotReadsACSVLogAndNamesTheLineOfABrokenOne() throws {
        let directory = try makeTemporaryDirectory(self)
        let log = directory.appendingPathComponent("log.csv")
        try "epoch,accuracy,loss\n0,0.8,0.6\n1,0.9,0.3\n".write(to: log, atomically: true, encoding: .utf8)
        let good = try SynapseExecutable(for: self).run(["plot", log.path, "--out", directory.appendingPathComponent("p").path], in: directory)
        XCTAssertEqual(good.status, 0, good.stderr)
        XCTAssertEqual(good.stdout.split(separator: "\n").count, 4)
        try "epoch,accuracy,loss\n0,0.8,0.6\n1,zero,0.3\n".write(to: log, atomically: true, encoding: .utf8)
        let bad = try SynapseExecutable(for: self).run(["plot", log.path, "--out", directory.appendingPathComponent("q").path], in: directory)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("log.csv:3: 'zero' in column 'accuracy' is not a number"), bad.stderr)
    }

    func testTheReportOpensCleanlyInHeadlessChromium() throws {
        guard let python = ProcessInfo.processInfo.environment[InteropPython.environmentKey] else {
            throw XCTSkip("set \(InteropPython.environmentKey) to a Python with selenium, and install chromium and chromium-driver")
        }
        let directory = try makeTemporaryDirectory(self)
        let (model, _) = try trainedRun(directory)
        let page = directory.appendingPathComponent("report.html")
        let written = try SynapseExecutable(for: self).run(["report", model.path, "--out", page.path], in: directory)
        XCTAssertEqual(written.status, 0, written.stderr)
        let html = try String(contentsOf: page, encoding: .utf8)
        XCTAssertFalse(html.contains("http://") || html.contains("https://"), "the page must not need the network")
        let screenshots = ProcessInfo.processInfo.environment["SYNAPSE_SCREENSHOT_DIR"].map { URL(fileURLWithPath: $0) } ?? directory
        let check = try InteropPython.run("report_browser_check.py", [page.path, screenshots.path], with: URL(fileURLWithPath: python))
        if check.status == 77 { throw XCTSkip(check.output) }
        XCTAssertEqual(check.status, 0, check.output)
    }

    func testAnUnwritableTensorBoardDirectoryIsReportedAndTrainingGoesOn() throws {
        let directory = try makeTemporaryDirectory(self)
        let notADirectory = directory.appendingPathComponent("logs")
        try Data("a file, not a directory".utf8).write(to: notADirectory)
        let model = directory.appendingPathComponent("model.synapse")
        let result = try SynapseExecutable(for: self).run(
            ["train", "--dataset", "mnist-sample", "--epochs", "1", "--save", model.path,
             "--tensorboard", notADirectory.path, "--verbose", "0"], in: directory)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("warning: the TensorBoard log in \(notADirectory.path) is incomplete"), result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: model.path), "the trained model is still saved")
    }
}
