/// Why a model could not be saved to, or loaded from, a model directory.
public enum ModelFileError: Error, CustomStringConvertible, Equatable {
    /// A layer of a `Sequential` cannot be described in a configuration.
    case layerNotConfigurable(layer: String, type: String)
    /// `config.json` names a layer type that is not registered.
    case unknownLayerType(file: String, type: String, known: [String])
    /// `config.json` names a subclassed model with no registered factory.
    case unknownModelClass(file: String, className: String)
    /// `config.json` names an optimizer, loss or metric that is not registered.
    case unknownTrainingComponent(file: String, kind: String, name: String)
    /// `config.json` is missing, unreadable or malformed.
    case invalidConfiguration(file: String, reason: String)
    /// The file was written by a newer, incompatible format version.
    case unsupportedFormatVersion(file: String, version: Int, supported: Int)
    /// A layer's saved arguments were rejected.
    case invalidLayerConfiguration(file: String, layer: String, reason: String)

    /// A one-line explanation with what to do.
    public var description: String {
        switch self {
        case let .layerNotConfigurable(layer, type):
            return "cannot save layer '\(layer)' of type \(type) in a model file: it does not conform to ConfigurableLayer. "
                + "Conform it (typeName, configuration, init(configuration:)) and call LayerRegistry.register(\(type).self), or save weights only with saveWeights(to:)"
        case let .unknownLayerType(file, type, known):
            return "model file \(file): unknown layer type '\(type)'. If it is your own layer, call "
                + "LayerRegistry.register(\(type).self) before Model.load(from:). Registered types: \(known.joined(separator: ", "))"
        case let .unknownModelClass(file, className):
            return "model file \(file): the model is a subclass '\(className)', whose architecture is code. Call "
                + "ModelRegistry.register(\"\(className)\") { \(className)() } before Model.load(from:)"
        case let .unknownTrainingComponent(file, kind, name):
            return "model file \(file): unknown \(kind) '\(name)' in the compile settings; register it with TrainingRegistry.register\(kind.prefix(1).uppercased() + kind.dropFirst())(\"\(name)\") { … } before loading"
        case let .invalidConfiguration(file, reason):
            return "model file \(file): \(reason)"
        case let .unsupportedFormatVersion(file, version, supported):
            return "model file \(file): format version \(version) is newer than this Synapse reads (up to \(supported)); upgrade Synapse"
        case let .invalidLayerConfiguration(file, layer, reason):
            return "model file \(file): layer '\(layer)': \(reason)"
        }
    }
}
