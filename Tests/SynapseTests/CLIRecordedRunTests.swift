import Foundation
import XCTest
@testable import Synapse

/// The built `synapse` executable on what models and checkpoints record:
/// resuming (the printed command, other data, fewer epochs), evaluating and
/// predicting with the model's own data and class names, and readers of an
/// interrupted swap.
final class CLIRecordedRunTests: XCTestCase {
    private var directory: URL!
    private var synapse: SynapseExecutable!

    override func setUpWithError() throws {
        synapse = try SynapseExecutable(for: self)
        directory = try makeTemporaryDirectory(self)
    }

    /// A directory holding the embedded MNIST sample's four files.
    private func sampleDirectory(_ name: String) throws -> URL {
        let target = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/Synapse/Resources/mnist-5k").standardizedFileURL
        for file in MNIST.dataset.files {
            try FileManager.default.copyItem(at: sample.appendingPathComponent(file.name), to: target.appendingPathComponent(file.name))
        }
        return target
    }

    /// Other data in IDX files: the sample's 1,000 test images as both splits.
    private func otherDirectory() throws -> URL {
        let target = try sampleDirectory("other")
        for (test, train) in [("t10k-images-idx3-ubyte.gz", "train-images-idx3-ubyte.gz"), ("t10k-labels-idx1-ubyte.gz", "train-labels-idx1-ubyte.gz")] {
            try FileManager.default.removeItem(at: target.appendingPathComponent(train))
            try FileManager.default.copyItem(at: target.appendingPathComponent(test), to: target.appendingPathComponent(train))
        }
        return target
    }

    private func run(_ arguments: [String]) throws -> SynapseExecutable.Result {
        try synapse.run(arguments, in: directory)
    }

    /// Trains `epochs` of the MLP on `dataset`, saving to `name`.
    private func train(_ dataset: String, epochs: Int, save name: String) throws -> URL {
        let save = directory.appendingPathComponent(name)
        let result = try run(["train", "--dataset", dataset, "--epochs", String(epochs), "--save", save.path, "--verbose", "0"])
        XCTAssertEqual(result.status, 0, result.all)
        return save
    }

    // MARK: item 1

    func testResumingWithFewerEpochsThanTheCheckpointHoldsIsOneErrorNamingBothNumbers() throws {
        let save = try train("mnist-sample", epochs: 2, save: "m.synapse")
        let checkpoint = save.path + ".checkpoint"
        let fewer = try run(["train", "--resume", checkpoint, "--epochs", "1", "--verbose", "0"])
        XCTAssertEqual(fewer.status, 1, fewer.all)
        XCTAssertEqual(fewer.stderr.split(separator: "\n").count, 1, fewer.all)
        XCTAssertTrue(fewer.stderr.hasPrefix("error: --epochs 1 is below the 2 epochs checkpoint \(checkpoint) already holds"), fewer.all)
        XCTAssertFalse(fewer.stderr.contains("Fatal error"), fewer.all)

        let equal = try run(["train", "--resume", checkpoint, "--epochs", "2", "--verbose", "0"])
        XCTAssertEqual(equal.status, 0, equal.all)
        XCTAssertTrue(equal.stdout.contains("Resuming from \(checkpoint): 2 of 2 epochs done"), equal.all)
        XCTAssertTrue(equal.stdout.contains("Saved the model to \(save.path)"), "the save path comes from the checkpoint: \(equal.all)")
    }

    // MARK: item 5

    func testTheResumeCommandPrintedOnCtrlCWorksAsPrinted() throws {
        let data = try sampleDirectory("data")
        let save = directory.appendingPathComponent("run.synapse")
        let checkpoint = directory.appendingPathComponent("run.synapse.checkpoint")
        let child = try synapse.start(["train", "--dataset", data.path, "--epochs", "3", "--batch-size", "8",
                                       "--save", save.path, "--verbose", "2"], in: directory)
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: checkpoint.appendingPathComponent("state.json").path),
              child.process.isRunning, Date() < deadline {
            usleep(20_000)
        }
        guard child.process.isRunning else { return XCTFail("training ended before Ctrl-C: \(try child.output())") }
        kill(child.process.processIdentifier, SIGINT)
        SynapseExecutable.waitForExit(child, seconds: 60)
        let (stdout, stderr) = try child.output()
        XCTAssertEqual(child.process.terminationStatus, 130, stdout + stderr)
        let prefix = "Continue with: "
        let line = try XCTUnwrap(stdout.split(separator: "\n").first { $0.hasPrefix(prefix) }, stdout)
        let command = String(line.dropFirst(prefix.count))
        XCTAssertTrue(command.contains("--dataset \(data.path)") && command.contains("--save \(save.path)"), command)

        // Run it exactly as printed, by a shell, from another directory.
        let elsewhere = directory.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: false)
        let path = synapse.url.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", command + " > resumed.txt 2>&1"]
        shell.currentDirectoryURL = elsewhere
        shell.environment = ProcessInfo.processInfo.environment.merging(["PATH": path]) { _, new in new }
        try shell.run()
        shell.waitUntilExit()
        let output = try String(contentsOf: elsewhere.appendingPathComponent("resumed.txt"), encoding: .utf8)
        XCTAssertEqual(shell.terminationStatus, 0, output)
        XCTAssertTrue(output.contains("MNIST (embedded sample): 4000 train / 1000 test images from directory \(data.path)"), output)
        XCTAssertTrue(output.contains("Saved the model to \(save.path)"), output)
        XCTAssertEqual(try TrainingCheckpoint(contentsOf: checkpoint).epoch, 2)
        let metadata = try ModelMetadata(contentsOfModel: save)
        XCTAssertEqual(metadata.dataset?.path, data.path)
        XCTAssertEqual(metadata.dataset?.name, "mnist-sample")
        XCTAssertEqual(metadata.classNames, MNIST.classNames)
        XCTAssertEqual(metadata.trainingOptions?["batch-size"], "8")
    }

    func testResumingOnOtherDataIsRefusedUnlessForced() throws {
        let save = try train("mnist-sample", epochs: 1, save: "m.synapse")
        let other = try otherDirectory()
        let refused = try run(["train", "--resume", save.path + ".checkpoint", "--dataset", other.path, "--verbose", "0"])
        XCTAssertEqual(refused.status, 1, refused.all)
        XCTAssertTrue(refused.stderr.contains("was trained on mnist-sample, not on idx-directory in \(other.path)"), refused.all)
        XCTAssertTrue(refused.stderr.contains("--force"), refused.all)
        XCTAssertFalse(refused.stdout.contains("Saved the model"), refused.all)

        let forced = try run(["train", "--resume", save.path + ".checkpoint", "--dataset", other.path, "--force", "--verbose", "0"])
        XCTAssertEqual(forced.status, 0, forced.all)
        XCTAssertTrue(forced.stderr.contains("warning: checkpoint"), forced.all)
        XCTAssertEqual(try ModelMetadata(contentsOfModel: save).dataset?.path, other.path, "the model records the data it was last trained on")
    }

    func testEvaluateUsesTheModelsOwnDataNamedByWhatItIs() throws {
        let other = try otherDirectory()
        let save = try train(other.path, epochs: 1, save: "m.synapse")
        let result = try run(["evaluate", save.path])
        XCTAssertEqual(result.status, 0, result.all)
        XCTAssertTrue(result.stdout.hasPrefix("IDX data in \(other.path): 1000 train / 1000 test images from directory \(other.path)\n"),
                      result.all)
        XCTAssertTrue(result.stdout.contains(" of 1000)"), result.all)

        let overridden = try run(["evaluate", save.path, "--dataset", "mnist-sample"])
        XCTAssertEqual(overridden.status, 0, overridden.all)
        XCTAssertTrue(overridden.stderr.contains("note: \(save.path) was trained on idx-directory in \(other.path)"), overridden.all)
    }

    func testFashionMNISTInADirectoryIsNamedFashionMNIST() throws {
        // The copy there lacks the gzip file names, so its files' SHA-256 differ
        // from the published ones; it is known by its content.
        let fashion = try SharedTestData.fashionMNIST().standardizedFileURL
        Synapse.seed(1)
        let model = Sequential([Flatten(), Dense(10, activation: .softmax)])
        try model.build(inputShape: [28, 28])
        let url = directory.appendingPathComponent("fresh.synapse")
        try model.save(to: url)
        let result = try run(["evaluate", url.path, "--dataset", fashion.path])
        XCTAssertEqual(result.status, 0, result.all)
        XCTAssertTrue(result.stdout.hasPrefix("Fashion-MNIST: 60000 train / 10000 test images from directory \(fashion.path)\n"), result.all)
    }

    func testPredictNamesClassesWithTheModelsOwnClassNames() throws {
        Synapse.seed(1)
        let model = Sequential([Flatten(), Dense(10, activation: .softmax)])
        try model.build(inputShape: [28, 28])
        model.classNames = FashionMNIST.classNames
        let url = directory.appendingPathComponent("named.synapse")
        try model.save(to: url)
        let image = ioFixture("images/digit_p5.pgm")
        let scores = try model.predict(try GreyscaleImage(contentsOf: image).tensor().reshaped(to: [1, 28, 28]))
        let best = scores.scalars.indices.max { scores.scalars[$0] < scores.scalars[$1] }!
        let result = try run(["predict", url.path, image.path])
        XCTAssertEqual(result.status, 0, result.all)
        XCTAssertTrue(result.stdout.contains(": \(best) \(FashionMNIST.classNames[best]) (probability "), result.all)
    }

    // MARK: item 28

    func testEveryReaderFallsBackToThePreviousCopyOfAnInterruptedCheckpoint() throws {
        let save = try train("mnist-sample", epochs: 1, save: "m.synapse")
        let checkpoint = URL(fileURLWithPath: save.path + ".checkpoint")
        try FileManager.default.moveItem(at: checkpoint, to: AtomicDirectory.previousURL(for: checkpoint))
        let model = checkpoint.appendingPathComponent("model.synapse").path
        for arguments in [["evaluate", model, "--dataset", "mnist-sample"], ["summary", model],
                          ["predict", model, ioFixture("images/digit_p5.pgm").path]] {
            let result = try run(arguments)
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.all)")
        }
    }
}
