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
    public typealias OptimizerFactory = @Sendable ([String: ConfigurationValue]) throws -> Optimizer
    /// Makes a loss from its saved configuration.
    public typealias LossFactory = @Sendable ([String: ConfigurationValue]) throws -> Loss
    /// Extracts the arguments of a loss for saving.
    public typealias LossConfiguration = @Sendable (Loss) -> [String: ConfigurationValue]
    /// Makes a fresh metric.
    public typealias MetricFactory = @Sendable () -> Metric

    private static let optimizers = Locked(BuiltInTrainingComponents.optimizers)
    private static let losses = Locked(BuiltInTrainingComponents.losses.merging(SpikingTrainingComponents.losses) { builtIn, _ in builtIn })
    private static let metrics = Locked(BuiltInTrainingComponents.metrics.merging(SpikingTrainingComponents.metrics) { builtIn, _ in builtIn })

    /// Registers an optimizer factory under the optimizer's `name`.
    public static func registerOptimizer(_ name: String, factory: @escaping OptimizerFactory) {
        optimizers.withLock { $0[name] = factory }
    }

    /// Registers a loss factory under the loss's `name`, with how to read its arguments.
    public static func registerLoss(_ name: String, configuration: @escaping LossConfiguration = { _ in [:] },
                                    factory: @escaping LossFactory) {
        losses.withLock { $0[name] = (factory, configuration) }
    }

    /// Registers a metric factory under the metric's `name`.
    public static func registerMetric(_ name: String, factory: @escaping MetricFactory) {
        metrics.withLock { $0[name] = factory }
    }

    static func optimizerFactory(_ name: String) -> OptimizerFactory? {
        optimizers.value[name]
    }

    static func lossEntry(_ name: String) -> (make: LossFactory, configuration: LossConfiguration)? {
        losses.value[name]
    }

    static func metricFactory(_ name: String) -> MetricFactory? {
        metrics.value[name]
    }
}
