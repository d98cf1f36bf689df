import ArgumentParser
import Foundation
import XCTest
@testable import Synapse
@testable import SynapseCLI

/// Runs each subcommand on a model trained once (one epoch of the embedded
/// MNIST sample) into a temporary directory.
final class CLICommandTests: XCTestCase {
    nonisolated(unsafe) private static var workspace: URL?

    /// The directory holding `model.synapse` and its checkpoint.
    private func trainedWorkspace() throws -> URL {
        if let workspace = Self.workspace { return workspace }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("synapse-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let save = directory.appendingPathComponent("model.synapse").path
        try Train.parse(["--dataset", "mnist-sample", "--epochs", "1", "--save", save, "--verbose", "0", "--seed", "3"]).run()
        Self.workspace = directory
        return directory
    }

    override class func tearDown() {
        if let workspace { try? FileManager.default.removeItem(at: workspace) }
        workspace = nil
        super.tearDown()
    }

    private func modelPath() throws -> String { try trainedWorkspace().appendingPathComponent("model.synapse").path }

    // MARK: train

    func testTrainSavesTheModelAndAnEpochCheckpoint() throws {
        let directory = try trainedWorkspace()
        let model = try loadModel(at: directory.appendingPathComponent("model.synapse").path)
        XCTAssertTrue(model is SimpleNeuralNetwork)
        XCTAssertEqual(model.inputShape, [28, 28])
        let checkpoint = try TrainingCheckpoint(contentsOf: directory.appendingPathComponent("model.synapse.checkpoint"))
        XCTAssertEqual(checkpoint.epoch, 0)
        XCTAssertEqual(checkpoint.step, 125)  // 4,000 images in batches of 32
        // The checkpoint's model is the saved model (the last epoch's weights).
        let images = try MNIST.embeddedSample().splits.test.imageTensor[0 ..< 20]
        let fromCheckpoint = try loadModel(at: TrainingCheckpoint.modelURL(in: checkpoint.directory).path)
        XCTAssertEqual(try fromCheckpoint.predict(images), try model.predict(images))
    }

    func testResumeContinuesFromTheCheckpoint() throws {
        let source = try trainedWorkspace().appendingPathComponent("model.synapse.checkpoint")
        let directory = try makeTemporaryDirectory(self)
        let checkpoint = directory.appendingPathComponent("run.checkpoint")
        try FileManager.default.copyItem(at: source, to: checkpoint)
        let save = directory.appendingPathComponent("resumed.synapse").path
        try Train.parse(["--dataset", "mnist-sample", "--epochs", "2", "--resume", checkpoint.path, "--save", save,
                         "--checkpoint-dir", checkpoint.path, "--verbose", "0", "--seed", "3"]).run()
        let resumed = try TrainingCheckpoint(contentsOf: checkpoint)
        XCTAssertEqual(resumed.epoch, 1)
        XCTAssertEqual(resumed.step, 250)
        XCTAssertEqual(resumed.history.epochs, [0, 1])
        XCTAssertTrue(FileManager.default.fileExists(atPath: save + "/weights.safetensors"))
    }

    func testInterruptCheckpointSavesMidEpochAndResumesAtThatEpoch() throws {
        Synapse.seed(4)
        let data = try MNIST.embeddedSample().splits.train
        let model = SimpleNeuralNetwork()
        model.compile(optimizer: Adam(), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        let directory = try makeTemporaryDirectory(self).appendingPathComponent("ckpt")
        let checkpoint = ModelCheckpoint(directory: directory)
        let training = CancellableTraining()
        var stops: [InterruptCheckpoint.Stop] = []
        var savedAtStop: TrainingCheckpoint?
        // The CLI exits here; the test reads the checkpoint as it was then.
        let interrupt = InterruptCheckpoint(checkpoint: checkpoint) { stop in
            stops.append(stop)
            savedAtStop = try? TrainingCheckpoint(contentsOf: directory)
        }
        // "Ctrl-C" after step 10 of the second epoch: the signal handler
        // cancels the training task, as the CLI's does.
        let trigger = LambdaCallback(onBatchEnd: { step, _ in
            if stops.isEmpty, checkpoint.lastSavedEpoch == 0, step == 9 { training.cancel() }
        })
        // Where the CLI exits in `onStop`, fit goes on to its next step's
        // cancellation check and throws.
        XCTAssertThrowsError(try training.run {
            try model.fit(data, epochs: 5, batchSize: 32, callbacks: [checkpoint, trigger, interrupt], verbose: .silent)
        }) { error in XCTAssertTrue(error is CancellationError, "\(error)") }
        XCTAssertEqual(stops, [.init(epoch: 1, step: 10, checkpoint: directory)])
        XCTAssertTrue(model.stopTraining)
        let saved = try XCTUnwrap(savedAtStop)
        XCTAssertEqual(saved.epoch, 0, "recorded as of the last completed epoch")
        XCTAssertEqual(saved.step, 125 + 10, "but with the optimizer state after step 10")
        XCTAssertEqual(saved.history.epochs, [0])
        let options = TrainOptions(dataset: .mnistSample, epochs: 5, batchSize: 32, optimizer: .adam, learningRate: 0.001,
                                   seed: 4, validationSplit: 0, model: .mlp, savePath: "/tmp/it's.synapse", verbosity: .silent)
        XCTAssertEqual(interruptionReport(stops[0], resumeCommand: ResumeCommand(options: options, dataset: DatasetRecord(name: "mnist-sample"))),
                       "Training interrupted during epoch 2, after step 10. Checkpoint saved to \(directory.path)\n"
                       + "Continue with: synapse train --resume \(directory.path) --dataset mnist-sample --model mlp --optimizer adam"
                       + " --learning-rate 0.001 --batch-size 32 --validation-split 0.0 --epochs 5 --save '/tmp/it'\\''s.synapse'\n"
                       + "It reruns epoch 2 from the weights saved after that step.")
    }

    func testACtrlCBeforeTrainingStartsStopsBeforeTheFirstStep() throws {
        Synapse.seed(5)
        let model = SimpleNeuralNetwork()
        model.compile(optimizer: Adam(), loss: .sparseCategoricalCrossentropy)
        let data = try MNIST.embeddedSample().splits.train
        try model.build(inputShape: data.inputShape)
        let before = model.parameters.map(\.value.scalars)
        let training = CancellableTraining()
        training.cancel()
        XCTAssertThrowsError(try training.run { try model.fit(data, epochs: 1, verbose: .silent) }) { error in
            XCTAssertTrue(error is CancellationError, "\(error)")
        }
        XCTAssertEqual(model.parameters.map(\.value.scalars), before, "no step was taken")
    }

    /// Counts calls from the signal source's queue.
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func increment() { lock.lock(); count += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    }

    /// Sends SIGINT to this process every 50 ms until `done` (the source
    /// registers asynchronously, and a signal sent before that is ignored).
    private func interrupt(until done: () -> Bool) {
        let deadline = Date().addingTimeInterval(10)
        while !done(), Date() < deadline {
            kill(getpid(), SIGINT)
            usleep(50_000)
        }
    }

    func testInterruptMonitorCountsSignals() throws {
        let firsts = Counter(), quits = Counter()
        let monitor = InterruptMonitor(onFirstInterrupt: { firsts.increment() }, onQuit: { quits.increment() })
        monitor.start()
        XCTAssertFalse(monitor.isInterrupted)
        interrupt(until: { monitor.isInterrupted })
        XCTAssertTrue(monitor.isInterrupted)
        interrupt(until: { quits.value > 0 })
        XCTAssertEqual(firsts.value, 1)
        XCTAssertGreaterThan(quits.value, 0, "a second interrupt quits")
        monitor.stop()

        // Outside training, the first interrupt already quits.
        let idleFirsts = Counter(), idleQuits = Counter()
        let idle = InterruptMonitor(onFirstInterrupt: { idleFirsts.increment() }, onQuit: { idleQuits.increment() })
        idle.quitsOnInterrupt = true
        idle.start()
        defer { idle.stop() }
        interrupt(until: { idleQuits.value > 0 })
        XCTAssertGreaterThan(idleQuits.value, 0)
        XCTAssertEqual(idleFirsts.value, 0)
    }

    // MARK: evaluate

    func testEvaluateParsesItsOptions() throws {
        let command = try Evaluate.parse(["m.synapse", "--dataset", "fashion-mnist", "--batch-size", "10"])
        XCTAssertEqual(command.modelPath, "m.synapse")
        XCTAssertEqual(command.dataset, .fashionMNIST)
        XCTAssertEqual(command.batchSize, 10)
        XCTAssertNil(try Evaluate.parse(["m.synapse"]).dataset, "left out, it is the dataset the model records")
        XCTAssertThrowsError(try Evaluate.parse(["m.synapse", "--batch-size", "0"]))
        XCTAssertThrowsError(try Evaluate.parse([]))
    }

    func testEvaluateReportsLossAccuracyAndConfusionMatrix() throws {
        let model = try loadModel(at: try modelPath())
        let test = try MNIST.embeddedSample().splits.test
        let report = try evaluationReport(model, on: test, batchSize: 250)
        let lines = report.split(separator: "\n").map(String.init)
        // The loss and accuracy agree with Model.evaluate.
        let reference = try model.evaluate(test, batchSize: 1000, verbose: .silent)
        XCTAssertEqual(lines[0], "Loss: \(String(format: "%.4f", reference.loss)) (sparse_categorical_crossentropy)")
        XCTAssertTrue(lines[1].hasPrefix("Accuracy: \(String(format: "%.4f", reference.accuracy)) ("), lines[1])
        XCTAssertTrue(lines[1].hasSuffix(" of 1000)"), lines[1])
        XCTAssertEqual(lines[3].split(separator: " ").first, "true\\pred")
        // Ten rows whose counts add up to each class's number of test images.
        let rows = lines[4...].map { $0.split(separator: " ").compactMap { Int($0) } }
        XCTAssertEqual(rows.count, 10)
        XCTAssertEqual(rows.map { $0.dropFirst().reduce(0, +) }, test.classHistogram())
        XCTAssertNoThrow(try Evaluate.parse([try modelPath(), "--dataset", "mnist-sample"]).run())
    }

    // MARK: predict

    func testPredictParsesItsArguments() throws {
        let command = try Predict.parse(["m.synapse", "digit.png", "--class-names", "fashion-mnist"])
        XCTAssertEqual(command.modelPath, "m.synapse")
        XCTAssertEqual(command.imagePath, "digit.png")
        XCTAssertEqual(command.classNames, .fashionMNIST)
        XCTAssertThrowsError(try Predict.parse(["m.synapse"]))
        XCTAssertThrowsError(try Predict.parse(["m.synapse", "x.png", "--class-names", "cifar"]))
    }

    func testPredictGivesTheSameAnswerForPNGPGMAndIDX() throws {
        let model = try loadModel(at: try modelPath())
        let folder = try makeTemporaryDirectory(self)
        for name in ["digit_grey8.png", "digit_p5.pgm", "digit_p2.pgm"] {
            try FileManager.default.copyItem(at: CLIImageDecodingTests.image(name), to: folder.appendingPathComponent(name))
        }
        // The first three test images as an IDX file.
        let test = try MNIST.embeddedSample().splits.test
        let idx = folder.appendingPathComponent("three-idx3-ubyte")
        try Data([0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 28, 0, 0, 0, 28] + test.images[0 ..< 3 * 784]).write(to: idx)
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("notes.txt").path, contents: Data("skip me".utf8))

        let lines = try predictionLines(model, images: try predictionImages(at: folder.path))
        XCTAssertEqual(lines.count, 6, lines.joined(separator: "\n"))
        let expected = try model.predict(test.imageTensor[0 ..< 3])
        let answers = (0 ..< 3).map { row -> String in
            let scores = Array(expected.scalars[row * 10 ..< row * 10 + 10])
            let best = scores.indices.max { scores[$0] < scores[$1] }!
            return "\(best) (probability \(String(format: "%.4f", scores[best])))"
        }
        // Sorted names: digit_grey8.png, digit_p2.pgm, digit_p5.pgm, three-idx3-ubyte[0…2].
        for (line, name) in zip(lines, ["digit_grey8.png", "digit_p2.pgm", "digit_p5.pgm"]) {
            XCTAssertEqual(line, "\(folder.appendingPathComponent(name).path): \(answers[0])")
        }
        for index in 0 ..< 3 {
            XCTAssertEqual(lines[3 + index], "\(idx.path)[\(index)]: \(answers[index])")
        }
        let named = try predictionLines(model, images: try predictionImages(at: folder.appendingPathComponent("digit_p5.pgm").path),
                                        classNames: ClassNames.fashionMNIST.names)
        XCTAssertTrue(named[0].contains(": \(answers[0].prefix(1)) "), named[0])
        XCTAssertNoThrow(try Predict.parse([try modelPath(), idx.path]).run())
    }

    func testPredictNamesTheFileAndSizeOfAWrongSizedImage() throws {
        let model = try loadModel(at: try modelPath())
        let path = CLIImageDecodingTests.image("rgb8.png").path
        XCTAssertThrowsError(try predictionLines(model, images: try predictionImages(at: path))) { error in
            XCTAssertEqual("\(error)", "\(path) is 7×5 pixels; the model takes 28×28 greyscale images. Resize it to 28×28 first")
        }
        XCTAssertThrowsError(try predictionImages(at: "/no/such/image.png")) { error in
            XCTAssertEqual("\(error)", "/no/such/image.png does not exist; give an image file (PNG, PGM, IDX) or a folder of them")
        }
        let empty = try makeTemporaryDirectory(self)
        XCTAssertThrowsError(try predictionImages(at: empty.path)) { error in
            XCTAssertTrue("\(error)".contains("holds no .png, .pgm"), "\(error)")
        }
        XCTAssertThrowsError(try Predict.parse([try modelPath(), path]).run()) { error in
            XCTAssertEqual(error as? ExitCode, .failure)
        }
    }

    func testLogitsAreTurnedIntoProbabilities() throws {
        Synapse.seed(5)
        let model = Sequential([Flatten(), Dense(3)])
        try model.build(inputShape: [2, 2])
        let image = NamedImage(name: "a.pgm", image: GreyscaleImage(width: 2, height: 2, pixels: [0, 255, 128, 64]))
        let logits = try model.predict(image.image.tensor().reshaped(to: [1, 2, 2])).scalars
        let top = logits.max()!
        let probabilities = logits.map { Foundation.exp($0 - top) / logits.map { Foundation.exp($0 - top) }.reduce(0, +) }
        let best = probabilities.indices.max { probabilities[$0] < probabilities[$1] }!
        XCTAssertEqual(try predictionLines(model, images: [image]),
                       ["a.pgm: \(best) (probability \(String(format: "%.4f", probabilities[best])))"])
    }

    // MARK: summary and export

    func testSummaryPrintsTheLoadedModelsSummary() throws {
        let command = try Summary.parse([try modelPath()])
        XCTAssertEqual(command.modelPath, try modelPath())
        XCTAssertNoThrow(try command.run())
        let text = try loadModel(at: try modelPath()).summaryText()
        XCTAssertTrue(text.contains("101,770"), text)  // 784·128 + 128 + 128·10 + 10
        XCTAssertThrowsError(try Summary.parse([]))
    }

    func testExportWritesTheONNXFileOfTheLoadedModel() throws {
        // The CLI's MLP is a subclassed model, which ONNX export refuses; a
        // saved Sequential convnet exports.
        Synapse.seed(6)
        let directory = try makeTemporaryDirectory(self)
        let convnet = Sequential.simpleConvNet()
        try convnet.build(inputShape: [28, 28, 1])
        let saved = directory.appendingPathComponent("cnn.synapse")
        try convnet.save(to: saved)
        let onnx = directory.appendingPathComponent("cnn.onnx")
        let command = try Export.parse([saved.path, "--onnx", onnx.path])
        XCTAssertEqual(command.onnx, onnx.path)
        try command.run()
        XCTAssertEqual([UInt8](try Data(contentsOf: onnx)), try convnet.onnxBytes())

        XCTAssertThrowsError(try Export.parse([saved.path])) // --onnx is required
        XCTAssertThrowsError(try Export.parse([saved.path, "--onnx", "/no/such/dir/m.onnx"])) { error in
            XCTAssertEqual(Export.message(for: error), "--onnx '/no/such/dir/m.onnx': directory '/no/such/dir' does not exist; create it first.")
        }
        // The article's subclassed model is a plain chain of layers, so it exports too.
        let mlpONNX = directory.appendingPathComponent("mlp.onnx")
        try Export.parse([try modelPath(), "--onnx", mlpONNX.path]).run()
        XCTAssertTrue(FileManager.default.fileExists(atPath: mlpONNX.path))
    }

    func testRootCommandListsEverySubcommand() throws {
        let names = SynapseCommand.configuration.subcommands.map { $0._commandName }
        XCTAssertEqual(names, ["train", "evaluate", "predict", "explain", "generate", "summary", "export", "plot", "report", "audit"])
        XCTAssertTrue(try SynapseCommand.parseAsRoot(["predict", "m", "i.png"]) is Predict)
        XCTAssertTrue(try SynapseCommand.parseAsRoot(["export", "m", "--onnx", "o.onnx"]) is Export)
    }

    func testLoadingSomethingThatIsNotAModelIsAOneLineError() throws {
        let file = try makeTemporaryDirectory(self).appendingPathComponent("model.onnx")
        _ = FileManager.default.createFile(atPath: file.path, contents: Data())
        XCTAssertThrowsError(try loadModel(at: file.path)) { error in
            XCTAssertEqual(errorLine(for: error),
                           "error: \(file.path) is a file; a model is a directory written by `synapse train --save` (e.g. model.synapse)")
        }
        XCTAssertThrowsError(try loadModel(at: "/no/such.synapse")) { error in
            XCTAssertTrue(errorLine(for: error).hasPrefix("error: "))
            XCTAssertFalse(errorLine(for: error).contains("\n"))
        }
    }
}
