/// A layer that can be rebuilt from its configuration, so saved models load
/// with no user code. Every built-in layer conforms; a user's own layer
/// conforms and registers with `LayerRegistry` to take part.
public protocol ConfigurableLayer: Layer {
    /// The type's name in saved configurations (`"Dense"`, `"Conv2D"`).
    static var typeName: String { get }
    /// A new, unbuilt layer from the arguments `configuration` returned.
    init(configuration: [String: ConfigurationValue]) throws
}

/// Why a layer configuration could not be turned back into a layer.
public enum ConfigurationError: Error, CustomStringConvertible, Equatable {
    /// A required argument is missing or has the wrong type.
    case invalidArgument(layerType: String, argument: String, reason: String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case let .invalidArgument(type, argument, reason):
            return "\(type) configuration: argument '\(argument)' \(reason)"
        }
    }
}

extension Dictionary where Key == String, Value == ConfigurationValue {
    /// The integer `key` of a `layerType` configuration, or a thrown error.
    public func requiredInt(_ key: String, of layerType: String) throws -> Int {
        guard let value = self[key]?.intValue else {
            throw ConfigurationError.invalidArgument(layerType: layerType, argument: key, reason: "is missing or not an integer")
        }
        return value
    }

    /// The number `key`, or a thrown error.
    public func requiredDouble(_ key: String, of layerType: String) throws -> Double {
        guard let value = self[key]?.doubleValue else {
            throw ConfigurationError.invalidArgument(layerType: layerType, argument: key, reason: "is missing or not a number")
        }
        return value
    }

    /// The integer list `key`, or a thrown error.
    public func requiredInts(_ key: String, of layerType: String) throws -> [Int] {
        guard let value = self[key]?.intsValue else {
            throw ConfigurationError.invalidArgument(layerType: layerType, argument: key, reason: "is missing or not a list of integers")
        }
        return value
    }

    /// The activation named by `key` (default linear), or a thrown error for an unknown name.
    public func activation(_ key: String = "activation", of layerType: String) throws -> Activation {
        guard let name = self[key]?.stringValue else { return .linear }
        guard let activation = Activation.named(name) else {
            throw ConfigurationError.invalidArgument(
                layerType: layerType, argument: key,
                reason: "names unknown activation '\(name)'; known: \(Activation.builtIn.keys.sorted().joined(separator: ", "))")
        }
        return activation
    }

    /// The initializer named by `key` (or `fallback` when absent), or a thrown error for an unknown name.
    public func initializer(_ key: String, of layerType: String, default fallback: Initializer) throws -> Initializer {
        guard let name = self[key]?.stringValue else { return fallback }
        guard let initializer = Initializer.builtIn[name] else {
            throw ConfigurationError.invalidArgument(layerType: layerType, argument: key, reason: "names unknown initializer '\(name)'")
        }
        return initializer
    }
}
