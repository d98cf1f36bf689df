/// What a saved model records about each built-in metric beyond its name
/// (`compile.metric_arguments` in `config.json`): its kind and its
/// initializer's arguments, so that a metric with a custom name, a
/// threshold, a class count or a loss loads as it was compiled.
enum BuiltInMetricArguments {
    /// The largest `ConfusionMatrix` a saved file may ask for: its counts
    /// take classes² integers.
    static let maximumConfusionClasses = 1024

    /// The kind and arguments of `metric`, or an empty record for a metric
    /// that is not built in (it loads through `TrainingRegistry` by name).
    static func arguments(of metric: Metric) -> [String: ConfigurationValue] {
        switch metric {
        case let matrix as ConfusionMatrix:
            return ["kind": .string("confusion_matrix"), "classes": .int(matrix.classes)]
        case let mean as Mean:
            guard let loss = mean.loss else { return ["kind": .string("mean")] }
            guard let entry = TrainingRegistry.lossEntry(loss.name) else { return [:] }
            var values: [String: ConfigurationValue] = ["kind": .string("mean"), "loss": .string(loss.name)]
            for (key, value) in entry.configuration(loss) { values["loss." + key] = value }
            return values
        case let spikes as SpikeCountAccuracy:
            return ["kind": .string("spike_count_accuracy")].merging(spikes.threshold.map { ["threshold": .double(Double($0))] } ?? [:]) { a, _ in a }
        case let binary as BinaryAccuracy:
            return ["kind": .string("binary_accuracy"), "threshold": .double(Double(binary.threshold))]
        case is Accuracy: return ["kind": .string("accuracy")]
        case is CategoricalAccuracy: return ["kind": .string("categorical_accuracy")]
        case is SparseCategoricalAccuracy: return ["kind": .string("sparse_categorical_accuracy")]
        default: return [:]
        }
    }

    /// The built-in metric `arguments` describe, named `name`, or nil when
    /// they name no kind. Throws `ConfigurationError` for an unknown kind or
    /// an argument out of range.
    static func makeMetric(named name: String, arguments: [String: ConfigurationValue]) throws -> Metric? {
        guard let kindValue = arguments["kind"] else { return nil }
        guard case let .string(kind) = kindValue else {
            throw ConfigurationError.invalidArgument(layerType: "metric '\(name)'", argument: "kind", reason: "is not a string")
        }
        switch kind {
        case "accuracy": return Accuracy(name: name)
        case "categorical_accuracy": return CategoricalAccuracy(name: name)
        case "sparse_categorical_accuracy": return SparseCategoricalAccuracy(name: name)
        case "spike_count_accuracy":
            return SpikeCountAccuracy(threshold: try arguments["threshold"].map { _ in try arguments.float("threshold", of: kind, default: 1) { $0.isFinite } },
                                      name: name)
        case "binary_accuracy":
            return BinaryAccuracy(name: name, threshold: try arguments.float("threshold", of: kind, default: 0.5) { $0.isFinite })
        case "confusion_matrix":
            let classes = try arguments.positiveInt("classes", of: kind)
            guard classes <= maximumConfusionClasses else {
                throw ConfigurationError.invalidArgument(layerType: kind, argument: "classes",
                                                         reason: "is \(classes), above the \(maximumConfusionClasses) a saved model may ask for; compile the metric again after loading")
            }
            return ConfusionMatrix(classes: classes, name: name)
        case "mean":
            guard let lossValue = arguments["loss"] else { return Mean(name: name) }
            guard case let .string(lossName) = lossValue, let entry = TrainingRegistry.lossEntry(lossName) else {
                throw ConfigurationError.invalidArgument(layerType: kind, argument: "loss", reason: "names no known loss: \(lossValue)")
            }
            var lossArguments: [String: ConfigurationValue] = [:]
            for (key, value) in arguments where key.hasPrefix("loss.") { lossArguments[String(key.dropFirst(5))] = value }
            return Mean(name: name, of: try entry.make(lossArguments))
        default:
            throw ConfigurationError.invalidArgument(layerType: "metric '\(name)'", argument: "kind", reason: "'\(kind)' is not a built-in metric")
        }
    }
}
