import Foundation

/// Self-describing model directories (`model.synapse/`): `config.json`
/// (architecture, input shape, compile settings; see
/// `ModelFileConfiguration`) and `weights.safetensors`.
extension Model {
    /// The file names inside a model directory.
    static let configFileName = "config.json"
    static let weightsFileName = "weights.safetensors"

    /// Saves the model to the directory `url` (replaced atomically: a crash
    /// leaves the previous save intact). The model must be built.
    ///
    /// A `Sequential` of `ConfigurableLayer`s loads back with no user code; a
    /// subclassed model needs a factory in `ModelRegistry` to load.
    public func save(to url: URL) throws {
        let (config, weights) = try modelFileContents()
        let metadata = self.metadata
        try AtomicDirectory.replace(at: url) { directory in
            try Model.writeModelFiles(config: config, weights: weights, into: directory)
            try Model.writeMetadata(metadata, into: directory)
        }
    }

    /// Loads a model saved with `save(to:)`: rebuilds it (through
    /// `LayerRegistry` or `ModelRegistry`), builds it for the saved input
    /// shape, loads and checks the weights and, if it was compiled,
    /// compiles it again (through `TrainingRegistry`). Its `metadata` is
    /// read from `metadata.json`, or left empty for a directory without one.
    ///
    /// Building does not disturb the global random generator. The model's
    /// size is checked against `limits` before anything is allocated.
    public static func load(from url: URL, limits: ModelSizeLimits = .default) throws -> Model {
        let directory = AtomicDirectory.resolve(url)
        let config = try readConfiguration(in: directory)
        let model = try makeModel(from: config, file: directory.appendingPathComponent(configFileName).path, limits: limits)
        let weightsURL = directory.appendingPathComponent(weightsFileName)
        try model.loadWeights(from: weightsURL)
        model.metadata = try ModelMetadata(contentsOfModel: directory)
        return model
    }

    // MARK: Writing

    /// The configuration and weights to save.
    func modelFileContents() throws -> (ModelFileConfiguration, SafetensorsFile) {
        guard let inputShape else {
            throw LayerError.notBuilt(model: name, hint: "call build(inputShape:), fit or predict before saving")
        }
        var layers: [ModelFileConfiguration.LayerEntry]?
        var graph: ModelFileConfiguration.Graph?
        if let sequential = self as? Sequential {
            layers = try sequential.layers.map(Model.layerEntry)
        } else if let functional = self as? Functional {
            layers = try functional.layers.map(Model.layerEntry)
            graph = try functional.graphConfiguration()
        }
        let config = ModelFileConfiguration(
            format: ModelFileConfiguration.formatName, formatVersion: ModelFileConfiguration.currentVersion,
            modelClass: ModelRegistry.className(of: type(of: self)), name: name, inputShape: inputShape,
            layers: layers, compile: compiled.map(Model.describe),
            modelConfiguration: self is any ConfigurableLayer ? configuration : nil, graph: graph)
        return (config, try weightsFile())
    }

    /// A layer's type, name and arguments, or a thrown error for a layer
    /// that cannot be described.
    private static func layerEntry(_ layer: Layer) throws -> ModelFileConfiguration.LayerEntry {
        guard let configurable = layer as? any ConfigurableLayer else {
            throw ModelFileError.layerNotConfigurable(layer: layer.name, type: String(describing: type(of: layer)))
        }
        return .init(type: type(of: configurable).typeName, name: layer.name, configuration: layer.configuration)
    }

    private static func describe(_ settings: CompiledSettings) -> ModelFileConfiguration.Compile {
        let optimizer = settings.optimizer
        var optimizerConfig = optimizer.configuration
        optimizerConfig["learning_rate"] = .double(Double(optimizer.learningRate))
        if let value = optimizer.clipNorm { optimizerConfig["clip_norm"] = .double(Double(value)) }
        if let value = optimizer.globalClipNorm { optimizerConfig["global_clip_norm"] = .double(Double(value)) }
        if let value = optimizer.clipValue { optimizerConfig["clip_value"] = .double(Double(value)) }
        let outputs = settings.outputs?.map { output in
            ModelFileConfiguration.OutputCompile(
                loss: output.loss.map(describe), lossWeight: Double(output.weight), metrics: output.metrics.map(\.name),
                metricArguments: output.metrics.map(BuiltInMetricArguments.arguments(of:)))
        }
        return .init(optimizer: .init(name: optimizer.name, configuration: optimizerConfig),
                     loss: describe(settings.loss),
                     metrics: settings.metrics.map(\.name),
                     metricArguments: settings.metrics.map(BuiltInMetricArguments.arguments(of:)), outputs: outputs)
    }

    private static func describe(_ loss: Loss) -> ModelFileConfiguration.Component {
        .init(name: loss.name, configuration: TrainingRegistry.lossEntry(loss.name)?.configuration(loss) ?? [:])
    }

    /// Writes `config.json` and `weights.safetensors` into `directory`, each
    /// flushed to disk (the caller swaps the directory in).
    static func writeModelFiles(config: ModelFileConfiguration, weights: SafetensorsFile, into directory: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let configURL = directory.appendingPathComponent(configFileName)
        try AtomicWrite.writeDurably(try encoder.encode(config), to: configURL)
        let weightsURL = directory.appendingPathComponent(weightsFileName)
        try AtomicWrite.writeDurably(try weights.encoded(file: weightsURL.path), to: weightsURL)
    }

    // MARK: Reading

    static func readConfiguration(in directory: URL) throws -> ModelFileConfiguration {
        let url = directory.appendingPathComponent(configFileName)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ModelFileError.invalidConfiguration(
                file: url.path, reason: "cannot be read (\(error.localizedDescription)); is \(directory.path) a directory written by Model.save(to:)?")
        }
        let config: ModelFileConfiguration
        do {
            config = try JSONDecoder().decode(ModelFileConfiguration.self, from: data)
        } catch {
            throw ModelFileError.invalidConfiguration(file: url.path, reason: "is not a valid model configuration (\(error))")
        }
        guard config.format == ModelFileConfiguration.formatName else {
            throw ModelFileError.invalidConfiguration(file: url.path, reason: "format is '\(config.format)', expected '\(ModelFileConfiguration.formatName)'")
        }
        guard config.formatVersion <= ModelFileConfiguration.currentVersion else {
            throw ModelFileError.unsupportedFormatVersion(file: url.path, version: config.formatVersion,
                                                          supported: ModelFileConfiguration.currentVersion)
        }
        return config
    }

    /// A built (and, if saved so, compiled) model with fresh weights.
    static func makeModel(from config: ModelFileConfiguration, file: String,
                          limits: ModelSizeLimits = .default) throws -> Model {
        // Building (a functional model's is part of making it) leaves the global generator as it was.
        let savedRandom = GlobalRandom.generator
        defer { GlobalRandom.generator = savedRandom }
        let model: Model
        if config.modelClass == ModelRegistry.className(of: Sequential.self) {
            guard let entries = config.layers else {
                throw ModelFileError.invalidConfiguration(file: file, reason: "a Sequential model needs a 'layers' list")
            }
            model = Sequential(try entries.map { try makeLayer($0, file: file) })
        } else if config.modelClass == ModelRegistry.className(of: Functional.self) {
            model = try Functional.make(from: config, file: file, limits: limits)
        } else if let arguments = config.modelConfiguration, let type = LayerRegistry.type(named: config.modelClass) {
            do {
                guard let configured = try type.init(configuration: arguments) as? Model else {
                    throw ModelFileError.unknownModelClass(file: file, className: config.modelClass)
                }
                model = configured
            } catch let error as ConfigurationError {
                throw ModelFileError.invalidConfiguration(file: file, reason: "\(error)")
            }
        } else {
            guard let factory = ModelRegistry.factory(for: config.modelClass) else {
                throw ModelFileError.unknownModelClass(file: file, className: config.modelClass)
            }
            model = factory()
        }
        model.name = config.name
        model.hasCustomName = false
        do {
            try model.buildIfNeeded(inputShape: config.inputShape, limits: limits)
        } catch {
            throw ModelFileError.invalidConfiguration(file: file, reason: "the model cannot be built for input shape \(config.inputShape): \(error)")
        }
        if let compile = config.compile { try compileModel(model, with: compile, file: file) }
        return model
    }

    static func makeLayer(_ entry: ModelFileConfiguration.LayerEntry, file: String) throws -> Layer {
        guard let type = LayerRegistry.type(named: entry.type) else {
            throw ModelFileError.unknownLayerType(file: file, type: entry.type, known: LayerRegistry.registeredTypeNames)
        }
        let layer: Layer
        do {
            layer = try type.init(configuration: entry.configuration)
        } catch {
            throw ModelFileError.invalidLayerConfiguration(file: file, layer: entry.name, reason: "\(error)")
        }
        layer.name = entry.name
        return layer
    }

    static func compileModel(_ model: Model, with compile: ModelFileConfiguration.Compile, file: String) throws {
        guard let makeOptimizer = TrainingRegistry.optimizerFactory(compile.optimizer.name) else {
            throw ModelFileError.unknownTrainingComponent(file: file, kind: "optimizer", name: compile.optimizer.name)
        }
        let loss = try makeLoss(compile.loss, file: file)
        let metrics = try makeMetrics(compile.metrics, arguments: compile.metricArguments, file: file)
        let outputs = try compile.outputs?.map { output in
            OutputObjective(loss: try output.loss.map { try makeLoss($0, file: file) }, weight: Float(output.lossWeight),
                            metrics: try makeMetrics(output.metrics, arguments: output.metricArguments, file: file))
        }
        let config = compile.optimizer.configuration
        let optimizer: Optimizer
        do {
            optimizer = try makeOptimizer(config)
        } catch {
            throw ModelFileError.invalidConfiguration(file: file, reason: "compile settings rejected: \(error)")
        }
        if let rate = config["learning_rate"]?.doubleValue { optimizer.learningRate = Float(rate) }
        optimizer.clipNorm = config["clip_norm"]?.doubleValue.map { Float($0) }
        optimizer.globalClipNorm = config["global_clip_norm"]?.doubleValue.map { Float($0) }
        optimizer.clipValue = config["clip_value"]?.doubleValue.map { Float($0) }
        guard let outputs else {
            model.compile(optimizer: optimizer, loss: loss, metrics: metrics)
            return
        }
        do {
            try model.compile(optimizer: optimizer, outputs: outputs)
        } catch {
            throw ModelFileError.invalidConfiguration(file: file, reason: "compile settings rejected: \(error)")
        }
    }

    private static func makeLoss(_ component: ModelFileConfiguration.Component, file: String) throws -> Loss {
        guard let entry = TrainingRegistry.lossEntry(component.name) else {
            throw ModelFileError.unknownTrainingComponent(file: file, kind: "loss", name: component.name)
        }
        do {
            return try entry.make(component.configuration)
        } catch {
            throw ModelFileError.invalidConfiguration(file: file, reason: "compile settings rejected: \(error)")
        }
    }

    private static func makeMetrics(_ names: [String], arguments: [[String: ConfigurationValue]]?, file: String) throws -> [Metric] {
        if let arguments, arguments.count != names.count {
            throw ModelFileError.invalidConfiguration(
                file: file, reason: "compile has \(names.count) metrics but \(arguments.count) metric_arguments entries")
        }
        return try names.enumerated().map { index, name -> Metric in
            do {
                if let metric = try BuiltInMetricArguments.makeMetric(named: name, arguments: arguments?[index] ?? [:]) {
                    return metric
                }
            } catch {
                throw ModelFileError.invalidConfiguration(file: file, reason: "compile settings rejected: \(error)")
            }
            guard let make = TrainingRegistry.metricFactory(name) else {
                throw ModelFileError.unknownTrainingComponent(file: file, kind: "metric", name: name)
            }
            return make()
        }
    }
}
