import Foundation

/// Everything needed to continue training exactly where it stopped.
///
/// A checkpoint is a directory, replaced atomically as a whole:
/// - `model.synapse/`: the model directory (`config.json`, `weights.safetensors`),
///   so `Model.load(from: TrainingCheckpoint.modelURL(in: dir))` gives the model;
/// - `optimizer.safetensors`: each optimizer slot tensor, named
///   `PARAMETER/INDEX` (`dense.kernel/0` is Adam's first moment of
///   `dense.kernel`), with the optimizer name and `iterations` in the metadata;
/// - `state.json`: the last completed epoch, the optimizer step, the global
///   random generator's state, the `History`, and the monitored best value of
///   a `ModelCheckpoint`.
///
/// Restoring all of it — the random state included, since shuffling and
/// dropout draw from it — makes a resumed run bit-identical to an
/// uninterrupted one. Checkpoints are taken at epoch ends.
public struct TrainingCheckpoint {
    static let modelDirectoryName = "model.synapse"
    static let optimizerFileName = "optimizer.safetensors"
    static let stateFileName = "state.json"

    /// The directory read.
    public let directory: URL
    /// The last completed epoch (0-based); training resumes at `epoch + 1`.
    public let epoch: Int
    /// The number of optimizer steps taken.
    public let step: Int
    /// The metrics of every epoch so far.
    public let history: History
    /// The metric a `ModelCheckpoint` monitored and its best value, if any.
    public let monitored: (name: String, best: Double)?
    /// The model's metadata (dataset, class names, training options), empty
    /// for a checkpoint written before metadata existed.
    public let metadata: ModelMetadata
    let randomState: (UInt64, UInt64, UInt64, UInt64)
    let modelConfiguration: ModelFileConfiguration
    let weights: SafetensorsFile
    let optimizerState: SafetensorsFile

    /// Where the model directory of a checkpoint lives.
    public static func modelURL(in directory: URL) -> URL {
        AtomicDirectory.resolve(directory).appendingPathComponent(modelDirectoryName)
    }

    /// The on-disk form of `state.json`.
    struct State: Codable {
        var format = "synapse-checkpoint"
        var formatVersion = 1
        var epoch: Int
        var step: Int
        var randomState: [String]
        var history: History
        var monitor: String?
        var monitorBest: Double?

        enum CodingKeys: String, CodingKey {
            case format, formatVersion = "format_version", epoch, step, randomState = "random_state"
            case history, monitor, monitorBest = "monitor_best"
        }
    }

    // MARK: Writing

    /// Saves `model` (built and compiled), its optimizer's state, the global
    /// random state and `history` after `epoch` to `directory`, replacing
    /// any checkpoint there atomically.
    public static func write(_ model: Model, epoch: Int, history: History, to directory: URL,
                             monitored: (name: String, best: Double)? = nil) throws {
        let (config, weights) = try model.modelFileContents()
        let metadata = model.metadata
        let optimizer = try model.requireCompiled().optimizer
        var slotTensors: [(name: String, tensor: Tensor)] = []
        for (name, parameter) in model.namedParameters {
            guard let slots = optimizer.slots[ObjectIdentifier(parameter)] else { continue }
            for (index, slot) in slots.enumerated() { slotTensors.append((name: "\(name)/\(index)", tensor: slot)) }
        }
        let optimizerFile = SafetensorsFile(tensors: slotTensors,
                                            metadata: ["optimizer": optimizer.name, "iterations": String(optimizer.iterations)])
        let random = GlobalRandom.generator.state
        let state = State(epoch: epoch, step: optimizer.iterations,
                          randomState: [random.0, random.1, random.2, random.3].map { String($0, radix: 16) },
                          history: history, monitor: monitored?.name, monitorBest: monitored?.best)
        let stateData = try jsonEncoder().encode(state)
        try AtomicDirectory.replace(at: directory) { temporary in
            let modelDirectory = temporary.appendingPathComponent(modelDirectoryName)
            try FileManager.default.createDirectory(at: modelDirectory, withIntermediateDirectories: false)
            try Model.writeModelFiles(config: config, weights: weights, into: modelDirectory)
            try Model.writeMetadata(metadata, into: modelDirectory)
            try AtomicWrite.syncDirectory(modelDirectory)
            let optimizerURL = temporary.appendingPathComponent(optimizerFileName)
            try AtomicWrite.writeDurably(try optimizerFile.encoded(file: optimizerURL.path), to: optimizerURL)
            try AtomicWrite.writeDurably(stateData, to: temporary.appendingPathComponent(stateFileName))
        }
    }

    // MARK: Reading

    /// Reads and checks the checkpoint in `directory`.
    public init(contentsOf directory: URL) throws {
        let resolved = AtomicDirectory.resolve(directory)
        self.directory = resolved
        let modelDirectory = resolved.appendingPathComponent(Self.modelDirectoryName)
        modelConfiguration = try Model.readConfiguration(in: modelDirectory)
        metadata = try ModelMetadata(contentsOfModel: modelDirectory)
        weights = try SafetensorsFile(contentsOf: modelDirectory.appendingPathComponent(Model.weightsFileName))
        optimizerState = try SafetensorsFile(contentsOf: resolved.appendingPathComponent(Self.optimizerFileName))

        let stateURL = resolved.appendingPathComponent(Self.stateFileName)
        let state: State
        do {
            state = try Self.jsonDecoder().decode(State.self, from: Data(contentsOf: stateURL))
        } catch {
            throw CheckpointError.invalidState(file: stateURL.path, reason: "cannot be read as checkpoint state (\(error))")
        }
        let words = state.randomState.compactMap { UInt64($0, radix: 16) }
        guard words.count == 4 else {
            throw CheckpointError.invalidState(file: stateURL.path, reason: "random_state must be four hexadecimal 64-bit words")
        }
        guard state.formatVersion <= 1 else {
            throw CheckpointError.invalidState(file: stateURL.path, reason: "format version \(state.formatVersion) is newer than this Synapse reads (1)")
        }
        try state.validate(file: stateURL.path)
        guard let iterations = optimizerState.metadata["iterations"].flatMap({ Int($0) }), iterations == state.step else {
            throw CheckpointError.invalidState(file: resolved.appendingPathComponent(Self.optimizerFileName).path,
                                               reason: "metadata 'iterations' is missing or disagrees with state.json's step \(state.step)")
        }
        epoch = state.epoch
        step = state.step
        history = state.history
        randomState = (words[0], words[1], words[2], words[3])
        if let name = state.monitor, let best = state.monitorBest { monitored = (name, best) } else { monitored = nil }
    }

    /// Puts the checkpoint into `model`: weights, optimizer state and step,
    /// learning rate, the global random generator, and the metadata when the
    /// model has none of its own. An unbuilt model is
    /// built for the saved input shape; an uncompiled one is compiled with
    /// the saved settings. Everything is checked before anything changes.
    public func restore(into model: Model) throws {
        let modelDirectory = directory.appendingPathComponent(Self.modelDirectoryName)
        let configPath = modelDirectory.appendingPathComponent(Model.configFileName).path
        let optimizerPath = directory.appendingPathComponent(Self.optimizerFileName).path
        try model.buildIfNeeded(inputShape: modelConfiguration.inputShape, limits: .default)
        if model.compiled == nil {
            guard let compile = modelConfiguration.compile else { throw CheckpointError.notCompiled(file: directory.path) }
            try Model.compileModel(model, with: compile, file: configPath)
        }
        let optimizer = try model.requireCompiled().optimizer
        let savedName = optimizerState.metadata["optimizer"] ?? ""
        guard savedName == optimizer.name else {
            throw CheckpointError.optimizerMismatch(file: optimizerPath, saved: savedName, current: optimizer.name)
        }
        let assignments = try model.validatedAssignments(
            from: weights, source: modelDirectory.appendingPathComponent(Model.weightsFileName).path)
        let slots = try slotAssignments(for: model, optimizer: optimizer, file: optimizerPath)

        for (parameter, value) in assignments { parameter.value = value }
        optimizer.slots = slots
        optimizer.iterations = step
        if let rate = modelConfiguration.compile?.optimizer.configuration["learning_rate"]?.doubleValue {
            optimizer.learningRate = Float(rate)
        }
        GlobalRandom.generator.state = randomState
        if model.metadata.isEmpty { model.metadata = metadata }
    }

    /// The optimizer slots by parameter identity, checked against `model`.
    private func slotAssignments(for model: Model, optimizer: Optimizer, file: String) throws -> [ObjectIdentifier: [Tensor]] {
        let parameters = Dictionary(model.namedParameters.map { ($0.name, $0.parameter) }, uniquingKeysWith: { first, _ in first })
        var grouped: [String: [Int: Tensor]] = [:]
        var unknown: [String] = []
        for entry in optimizerState.entries {
            guard let slash = entry.name.lastIndex(of: "/"), let index = Int(entry.name[entry.name.index(after: slash)...]) else {
                throw CheckpointError.invalidState(file: file, reason: "tensor '\(entry.name)' is not named PARAMETER/INDEX")
            }
            let name = String(entry.name[..<slash])
            guard parameters[name] != nil else { unknown.append(name); continue }
            grouped[name, default: [:]][index] = entry.tensor
        }
        guard unknown.isEmpty else { throw CheckpointError.unknownSlotParameters(file: file, names: unknown) }
        var slots: [ObjectIdentifier: [Tensor]] = [:]
        for (name, byIndex) in grouped {
            guard Set(byIndex.keys) == Set(0 ..< byIndex.count) else {
                throw CheckpointError.invalidState(file: file, reason: "the slots of '\(name)' are not numbered 0…\(byIndex.count - 1)")
            }
            let parameter = parameters[name]!
            let saved = (0 ..< byIndex.count).map { byIndex[$0]! }
            try Self.validateSlots(saved, of: name, parameter: parameter, optimizer: optimizer, file: file)
            slots[ObjectIdentifier(parameter)] = saved
        }
        return slots
    }

    private static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    private static func jsonDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}
