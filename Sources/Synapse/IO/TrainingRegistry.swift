import Foundation

/// Maps saved compile settings (optimizer, loss and metric names with their
/// arguments) back to objects, so a loaded model is ready to train.
///
/// Every built-in optimizer, loss and metric is registered from the start
/// (see `BuiltInTrainingComponents`); register your own before `Model.load(from:)`:
/// ```swift
/// TrainingRegistry.registerOptimizer("my_sgd") { config in MySGD(learningRate: Float(config["learning_rate"]?.doubleValue ?? 0.01)) }
/// ```
/// Learning-rate schedules are not saved; set them again after loading.
public enum TrainingRegistry {
    /// Makes an optimizer from its saved `configuration`.
    public typealias OptimizerFactory = ([String: ConfigurationValue]) throws -> Optimizer
    /// Makes a loss from its saved configuration.
    public typealias LossFactory = ([String: ConfigurationValue]) throws -> Loss
    /// Extracts the arguments of a loss for saving.
    public typealias LossConfiguration = (Loss) -> [String: ConfigurationValue]

    private static let lock = NSLock()
    nonisolated(unsafe) private static var optimizers = BuiltInTrainingComponents.optimizers
    nonisolated(unsafe) private static var losses = BuiltInTrainingComponents.losses
    nonisolated(unsafe) private static var metrics = BuiltInTrainingComponents.metrics

    /// Registers an optimizer factory under the optimizer's `name`.
    public static func registerOptimizer(_ name: String, factory: @escaping OptimizerFactory) {
        lock.lock(); defer { lock.unlock() }
        optimizers[name] = factory
    }

    /// Registers a loss factory under the loss's `name`, with how to read its arguments.
    public static func registerLoss(_ name: String, configuration: @escaping LossConfiguration = { _ in [:] },
                                    factory: @escaping LossFactory) {
        lock.lock(); defer { lock.unlock() }
        losses[name] = (factory, configuration)
    }

    /// Registers a metric factory under the metric's `name`.
    public static func registerMetric(_ name: String, factory: @escaping () -> Metric) {
        lock.lock(); defer { lock.unlock() }
        metrics[name] = factory
    }

    static func optimizerFactory(_ name: String) -> OptimizerFactory? {
        lock.lock(); defer { lock.unlock() }
        return optimizers[name]
    }

    static func lossEntry(_ name: String) -> (make: LossFactory, configuration: LossConfiguration)? {
        lock.lock(); defer { lock.unlock() }
        return losses[name]
    }

    static func metricFactory(_ name: String) -> (() -> Metric)? {
        lock.lock(); defer { lock.unlock() }
        return metrics[name]
    }
}
