import Synapse

/// Compiles `model` as the peers do (Adam 1e-3, sparse categorical
/// cross-entropy, accuracy, unless told otherwise), trains it on `train`,
/// evaluates it on `test`, and returns what was measured.
func trainAndEvaluate(_ model: Model, train: any BatchSource, test: any BatchSource,
                      epochs: Int, batchSize: Int, verbose: Verbosity, learningRate: Float = 1e-3,
                      loss: Loss = .sparseCategoricalCrossentropy, accuracy: Metric = .accuracy) throws -> [String: Any] {
    model.compile(optimizer: Adam(learningRate: learningRate), loss: loss, metrics: [accuracy])
    let timer = EpochTimer()
    let whole = Interval()
    try model.fit(train, epochs: epochs, batchSize: batchSize, callbacks: [timer], verbose: verbose)
    let training = whole.finish()
    let evaluation = try model.evaluate(test, batchSize: 1000, verbose: .silent)
    return [
        "epochs": epochs,
        "batch_size": batchSize,
        "train_examples": train.count,
        "steps_per_epoch": (train.count + batchSize - 1) / batchSize,
        "epoch_seconds": timer.seconds,
        "epoch_foreign_frac": timer.foreign,
        "epoch_median_s": timer.steadyMedian,
        "fit_seconds": training.wall,
        "fit_cpu_seconds": training.cpu,
        "fit_foreign_frac": training.foreign ?? Double.nan,
        "test_accuracy": evaluation.accuracy,
        "test_loss": evaluation.loss,
    ]
}

/// The first `limit` examples of `source` (all of them when `limit` is 0).
func limited(_ source: any BatchSource, to limit: Int) -> any BatchSource {
    guard limit > 0, limit < source.count else { return source }
    return SubsetBatchSource(source, range: 0 ..< limit)
}
