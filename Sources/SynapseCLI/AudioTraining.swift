import Foundation
import Synapse

/// `synapse train --model audio-cnn`: trains the audio convnet on FSDD (its
/// own split: recording index 0–4 for testing) or on a folder of WAV files in
/// class subfolders (20 % of each class held out, by the seed), then prints
/// the test accuracy and the confusion matrix.
func runAudioTraining(_ options: TrainOptions) throws {
    guard options.model == .audioCNN else {
        throw CLIError("--dataset \(options.dataset) holds recordings; train on it with --model audio-cnn")
    }
    guard options.resumePath == nil, options.tensorboardDirectory == nil, options.plotsDirectory == nil else {
        throw CLIError("--resume, --tensorboard and --plots are not available for audio-cnn yet; train without them")
    }
    Synapse.seed(options.seed)
    let started = Date()
    let (data, record) = try loadAudioDataset(options.dataset, seed: options.seed)
    let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
    print("\(record.spelledOut): \(data.train.count) train / \(data.test.count) test recordings, "
        + "\(data.features.frameCount)×\(data.features.melCount) log-mel features in \(seconds) s")
    if data.resampledCount > 0 {
        print("note: \(data.resampledCount) recordings were resampled to \(data.features.sampleRate) Hz")
    }
    for skipped in data.skipped { writeToStandardError("warning: skipped \(skipped)") }

    let model = Sequential.audioConvNet(classes: data.classNames.count)
    model.metadata = ModelMetadata(dataset: record, classNames: data.classNames, trainingOptions: options.record,
                                   audioFeatures: data.features)
    model.compile(optimizer: makeOptimizer(options.optimizer, learningRate: Float(options.learningRate)),
                  loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
    try model.build(inputShape: data.train.inputShape)
    if options.verbosity != .silent { model.summary() }
    let checkpoint = options.checkpointDirectory.map { ModelCheckpoint(directory: URL(fileURLWithPath: $0)) }
    let history = try model.fit(data.train, epochs: options.epochs, batchSize: options.batchSize,
                                validationSplit: options.validationSplit, callbacks: checkpoint.map { [$0] } ?? [],
                                verbose: options.verbosity)
    model.metadata.history = history
    if let failed = checkpoint?.lastError {
        throw CLIError("saving the checkpoint to \(options.checkpointDirectory ?? "") failed: \(failed)")
    }
    if let savePath = options.savePath {
        try model.save(to: URL(fileURLWithPath: savePath))
        print("Saved the model to \(savePath)")
    }
    let result = try model.evaluate(data.test, batchSize: 256, verbose: options.verbosity)
    print("Test loss: \(String(format: "%.4f", result.loss))")
    print("Test accuracy: \(String(format: "%.4f", result.accuracy))")
    let matrix = ConfusionMatrix(classes: data.classNames.count)
    matrix.update(predictions: try model.predict(data.test.inputs, batchSize: 256), targets: data.test.targets)
    print("Confusion matrix (rows: true class, columns: predicted):")
    print(matrix)
    print("Trained and tested in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
}

/// The recordings `choice` names: FSDD with its own split, or a folder with class subfolders.
func loadAudioDataset(_ choice: DatasetChoice, seed: UInt64) throws -> (AudioFolder, DatasetRecord) {
    switch choice {
    case .fsdd:
        let directory = try fsddDirectory()
        let data = try AudioFolder(directory: directory, labeling: .fileNamePattern(AudioFolder.fsddLabelPattern),
                                   split: AudioFolder.fsddSplit)
        return (data, DatasetRecord(name: "fsdd"))
    case .directory(let path):
        let data = try AudioFolder(directory: URL(fileURLWithPath: path), split: .seeded(testFraction: 0.2, seed: seed))
        return (data, DatasetRecord(name: "audio-folder", path: URL(fileURLWithPath: path).standardizedFileURL.path))
    default:
        throw CLIError("--dataset \(choice) holds images; --model audio-cnn needs fsdd or a folder of WAV files in class subfolders")
    }
}

/// Where FSDD's recordings are: `$SYNAPSE_DATA/fsdd`, the cache
/// (`~/.cache/synapse/fsdd`), or `../shared/data/fsdd` beside the working
/// directory; in each, the WAV files directly or in `recordings/`.
func fsddDirectory() throws -> URL {
    var roots: [URL] = []
    let environment = ProcessInfo.processInfo.environment
    if let data = environment["SYNAPSE_DATA"] { roots.append(URL(fileURLWithPath: data)) }
    roots.append(FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/synapse"))
    roots.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("../shared/data").standardizedFileURL)
    for root in roots {
        for folder in [root.appendingPathComponent("fsdd/recordings"), root.appendingPathComponent("fsdd")]
        where FileManager.default.fileExists(atPath: folder.appendingPathComponent("0_jackson_0.wav").path) {
            return folder
        }
    }
    throw CLIError("FSDD was not found in \(roots.map { $0.appendingPathComponent("fsdd").path }.joined(separator: ", ")); "
        + "clone github.com/Jakobovski/free-spoken-digit-dataset and pass --dataset with its recordings/ folder, or put it in one of those")
}
