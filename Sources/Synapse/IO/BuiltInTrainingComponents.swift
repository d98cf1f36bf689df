/// The factories `TrainingRegistry` starts with: every optimizer, loss and
/// metric Synapse ships, keyed by the name it saves (Keras's names), each
/// rebuilt from its saved arguments. Arguments out of a type's range throw
/// `ConfigurationError` rather than reaching the type's preconditions.
/// (Computed, so that no global state is shared between threads.)
enum BuiltInTrainingComponents {
    /// `adam`, `adamw`, `sgd`, `rmsprop` and `adagrad`.
    static var optimizers: [String: TrainingRegistry.OptimizerFactory] { [
        "adam": { c in
            Adam(learningRate: try c.float("learning_rate", of: "adam", default: 1e-3) { _ in true },
                 beta1: try c.float("beta_1", of: "adam", default: 0.9) { $0 >= 0 && $0 < 1 },
                 beta2: try c.float("beta_2", of: "adam", default: 0.999) { $0 >= 0 && $0 < 1 },
                 epsilon: try c.float("epsilon", of: "adam", default: 1e-7) { $0 >= 0 },
                 epsilonConvention: try c.epsilonConvention(of: "adam"))
        },
        "adamw": { c in
            AdamW(learningRate: try c.float("learning_rate", of: "adamw", default: 1e-3) { _ in true },
                  weightDecay: try c.float("weight_decay", of: "adamw", default: 0.004) { $0 >= 0 },
                  beta1: try c.float("beta_1", of: "adamw", default: 0.9) { $0 >= 0 && $0 < 1 },
                  beta2: try c.float("beta_2", of: "adamw", default: 0.999) { $0 >= 0 && $0 < 1 },
                  epsilon: try c.float("epsilon", of: "adamw", default: 1e-7) { $0 >= 0 },
                  epsilonConvention: try c.epsilonConvention(of: "adamw"))
        },
        "sgd": { c in
            SGD(learningRate: try c.float("learning_rate", of: "sgd", default: 0.01) { _ in true },
                momentum: try c.float("momentum", of: "sgd", default: 0) { $0 >= 0 && $0 <= 1 },
                nesterov: try c.bool("nesterov", of: "sgd", default: false),
                weightDecay: try c.float("weight_decay", of: "sgd", default: 0) { $0 >= 0 })
        },
        "rmsprop": { c in
            RMSprop(learningRate: try c.float("learning_rate", of: "rmsprop", default: 1e-3) { _ in true },
                    rho: try c.float("rho", of: "rmsprop", default: 0.9) { $0 >= 0 && $0 <= 1 },
                    momentum: try c.float("momentum", of: "rmsprop", default: 0) { $0 >= 0 && $0 <= 1 },
                    epsilon: try c.float("epsilon", of: "rmsprop", default: 1e-7) { $0 >= 0 },
                    centered: try c.bool("centered", of: "rmsprop", default: false),
                    weightDecay: try c.float("weight_decay", of: "rmsprop", default: 0) { $0 >= 0 })
        },
        "adagrad": { c in
            Adagrad(learningRate: try c.float("learning_rate", of: "adagrad", default: 1e-3) { _ in true },
                    initialAccumulatorValue: try c.float("initial_accumulator_value", of: "adagrad", default: 0.1) { $0 >= 0 },
                    epsilon: try c.float("epsilon", of: "adagrad", default: 1e-7) { $0 >= 0 },
                    weightDecay: try c.float("weight_decay", of: "adagrad", default: 0) { $0 >= 0 })
        },
    ] }

    /// The cross-entropies (with `from_logits`) and the mean errors.
    static var losses: [String: (make: TrainingRegistry.LossFactory, configuration: TrainingRegistry.LossConfiguration)] { [
        "sparse_categorical_crossentropy": (
            make: { c in SparseCategoricalCrossentropy(fromLogits: try c.bool("from_logits", of: "sparse_categorical_crossentropy", default: false)) },
            configuration: { loss in (loss as? SparseCategoricalCrossentropy).map { ["from_logits": .bool($0.fromLogits)] } ?? [:] }),
        "categorical_crossentropy": (
            make: { c in CategoricalCrossentropy(fromLogits: try c.bool("from_logits", of: "categorical_crossentropy", default: false)) },
            configuration: { loss in (loss as? CategoricalCrossentropy).map { ["from_logits": .bool($0.fromLogits)] } ?? [:] }),
        "binary_crossentropy": (
            make: { c in BinaryCrossentropy(fromLogits: try c.bool("from_logits", of: "binary_crossentropy", default: false)) },
            configuration: { loss in (loss as? BinaryCrossentropy).map { ["from_logits": .bool($0.fromLogits)] } ?? [:] }),
        "mean_squared_error": (make: { _ in MeanSquaredError() }, configuration: { _ in [:] }),
        "mean_absolute_error": (make: { _ in MeanAbsoluteError() }, configuration: { _ in [:] }),
    ] }

    /// The accuracies by their default names, for files that record metrics
    /// by name only; newer files record every built-in metric's kind and
    /// arguments (`BuiltInMetricArguments`).
    static var metrics: [String: TrainingRegistry.MetricFactory] { [
        "accuracy": { Accuracy() },
        "binary_accuracy": { BinaryAccuracy() },
        "categorical_accuracy": { CategoricalAccuracy() },
        "sparse_categorical_accuracy": { SparseCategoricalAccuracy() },
    ] }
}

extension Dictionary where Key == String, Value == ConfigurationValue {
    /// Adam's `epsilon_convention` (`keras` when absent), or a thrown error naming the ones there are.
    func epsilonConvention(of type: String) throws -> Adam.EpsilonConvention {
        guard let value = self["epsilon_convention"] else { return .keras }
        guard let name = value.stringValue, let convention = Adam.EpsilonConvention(rawValue: name) else {
            let known = Adam.EpsilonConvention.allCases.map(\.rawValue).joined(separator: " or ")
            throw ConfigurationError.invalidArgument(layerType: type, argument: "epsilon_convention", reason: "must be \(known)")
        }
        return convention
    }

    /// The Boolean `key` (or `fallback` when absent), or a thrown error when it is not a Boolean.
    func bool(_ key: String, of type: String, default fallback: Bool) throws -> Bool {
        guard let value = self[key] else { return fallback }
        guard let bool = value.boolValue else {
            throw ConfigurationError.invalidArgument(layerType: type, argument: key, reason: "is not true or false")
        }
        return bool
    }
}
