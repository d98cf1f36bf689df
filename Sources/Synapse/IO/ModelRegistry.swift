import Foundation

/// Factories for subclassed models, so a saved `SimpleNeuralNetwork` can be
/// rebuilt by `Model.load(from:)`.
///
/// A subclassed model's architecture is Swift code, not data, so its model
/// file stores only the class name, input shape, compile settings and
/// weights. To load it, register a factory that makes a fresh, unbuilt
/// instance under the class name (the unqualified Swift type name):
/// ```swift
/// ModelRegistry.register("SimpleNeuralNetwork") { SimpleNeuralNetwork() }
/// let model = try Model.load(from: url) as! SimpleNeuralNetwork
/// ```
/// Loading builds the instance for the saved input shape and then checks
/// every weight name and shape, so a changed architecture is reported.
public enum ModelRegistry {
    /// Makes a fresh, unbuilt model; it may be called from any thread.
    public typealias Factory = @Sendable () -> Model

    private static let factories = Locked<[String: Factory]>([:])

    /// Registers `factory` for models saved with class name `className`.
    public static func register(_ className: String, factory: @escaping Factory) {
        factories.withLock { $0[className] = factory }
    }

    /// Registers `factory` under `type`'s name.
    public static func register<M: Model>(_ type: M.Type, factory: @escaping @Sendable () -> M) {
        register(className(of: type), factory: factory)
    }

    /// The factory for `className`, if registered.
    static func factory(for className: String) -> Factory? {
        factories.value[className]
    }

    /// The name a model class is saved under: its unqualified type name.
    static func className(of type: Any.Type) -> String {
        String(describing: type)
    }
}
