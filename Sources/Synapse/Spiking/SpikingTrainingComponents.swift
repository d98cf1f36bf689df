/// The spiking losses and metrics, by their saved names, for
/// `TrainingRegistry` (so a saved spiking model loads compiled).
enum SpikingTrainingComponents {
    /// `stepwise_crossentropy`, `time_summed_crossentropy`, `spike_count_mean_squared_error`.
    static var losses: [String: (make: TrainingRegistry.LossFactory, configuration: TrainingRegistry.LossConfiguration)] { [
        "stepwise_crossentropy": (
            make: { c in StepwiseCrossEntropy(averagedOverSteps: try c.bool("averaged_over_steps", of: "stepwise_crossentropy", default: false)) },
            configuration: { loss in (loss as? StepwiseCrossEntropy).map { ["averaged_over_steps": .bool($0.averagedOverSteps)] } ?? [:] }),
        "time_summed_crossentropy": (make: { _ in TimeSummedCrossEntropy() }, configuration: { _ in [:] }),
        "spike_count_mean_squared_error": (
            make: { c in
                SpikeCountMeanSquaredError(
                    correctRate: try c.float("correct_rate", of: "spike_count_mean_squared_error", default: 1) { $0 >= 0 && $0 <= 1 },
                    incorrectRate: try c.float("incorrect_rate", of: "spike_count_mean_squared_error", default: 0) { $0 >= 0 && $0 <= 1 })
            },
            configuration: { loss in
                (loss as? SpikeCountMeanSquaredError).map {
                    ["correct_rate": .double(Double($0.correctRate)), "incorrect_rate": .double(Double($0.incorrectRate))]
                } ?? [:]
            }),
    ] }

    /// `spike_count_accuracy` (membranes, threshold 1) and `time_summed_accuracy`.
    static var metrics: [String: TrainingRegistry.MetricFactory] { [
        "spike_count_accuracy": { SpikeCountAccuracy(threshold: 1) },
        "time_summed_accuracy": { SpikeCountAccuracy() },
    ] }
}
