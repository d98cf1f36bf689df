import Foundation
import Synapse

/// W5: the article's MLP trained with DP-SGD at batch 256 (sample rate
/// 256 / N), C = 1, with the noise multiplier that spends `targetEpsilon`
/// at δ = 1e-5 over `epochs` epochs; then the same model trained without
/// privacy at the same batch size for `plainEpochs` epochs, to compare
/// epoch times. Opacus runs the same in Benchmarks/opacus_workloads.py.
func trainPrivatelyAndEvaluate(train: any BatchSource, test: any BatchSource, epochs: Int, plainEpochs: Int,
                               targetEpsilon: Double, learningRate: Float, verbose: Verbosity) throws -> [String: Any] {
    let batchSize = 256, delta = 1e-5
    let model = ArticleMLP()
    model.compile(optimizer: SGD(learningRate: learningRate), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy],
                  privacy: PrivacySettings(targetEpsilon: targetEpsilon, delta: delta, maxGradNorm: 1))
    let timer = EpochTimer()
    let whole = Interval()
    let history = try model.fit(train, epochs: epochs, batchSize: batchSize, callbacks: [timer], verbose: verbose)
    let training = whole.finish()
    let evaluation = try model.evaluate(test, batchSize: 1000, verbose: .silent)
    let record = model.metadata.privacy

    let plain = ArticleMLP()
    plain.compile(optimizer: SGD(learningRate: learningRate), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
    let plainTimer = EpochTimer()
    try plain.fit(train, epochs: plainEpochs, batchSize: batchSize, callbacks: [plainTimer], verbose: verbose)
    return [
        "epochs": epochs,
        "batch_size": batchSize,
        "train_examples": train.count,
        "target_epsilon": targetEpsilon,
        "delta": delta,
        "max_grad_norm": 1.0,
        "learning_rate": Double(learningRate),
        "noise_multiplier": record?.noiseMultiplier ?? Double.nan,
        "sample_rate": record?.sampleRate ?? Double.nan,
        "steps": record?.steps ?? 0,
        "epsilon": record?.epsilon ?? Double.nan,
        "epsilon_per_epoch": history["epsilon"],
        "accountant": record?.accountant ?? "",
        "epoch_seconds": timer.seconds,
        "epoch_foreign_frac": timer.foreign,
        "epoch_median_s": timer.steadyMedian,
        "fit_seconds": training.wall,
        "fit_cpu_seconds": training.cpu,
        "test_accuracy": evaluation.accuracy,
        "test_loss": evaluation.loss,
        "nonprivate_epoch_seconds": plainTimer.seconds,
        "nonprivate_epoch_median_s": plainTimer.steadyMedian,
    ]
}
