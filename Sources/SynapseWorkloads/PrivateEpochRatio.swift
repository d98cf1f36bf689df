import Foundation
import Synapse

/// W5's cost against plain training: one epoch of the article's MLP with
/// DP-SGD (batch 256, Poisson sampling, C = 1, σ = 0.74, about what ε = 3
/// over 10 epochs needs) and one without, at the same batch size, alternated
/// `rounds` times in this process so that both see the same machine; the
/// minimum of each is the figure least disturbed by other processes. Also
/// times the PLD accountant on TF Privacy's tutorial run.
func privateEpochRatio(train: any BatchSource, rounds: Int, learningRate: Float) throws -> [String: Any] {
    let batchSize = 256
    let privateModel = ArticleMLP()
    privateModel.compile(optimizer: SGD(learningRate: learningRate), loss: .sparseCategoricalCrossentropy,
                         metrics: [.accuracy], privacy: PrivacySettings(noiseMultiplier: 0.74, maxGradNorm: 1))
    let plainModel = ArticleMLP()
    plainModel.compile(optimizer: SGD(learningRate: learningRate), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
    var privateSeconds: [Double] = [], plainSeconds: [Double] = []
    var privateCPU: [Double] = [], plainCPU: [Double] = []
    for _ in 0 ..< max(rounds, 1) {
        let privateTimer = EpochTimer(), plainTimer = EpochTimer()
        let privateInterval = Interval()
        try privateModel.fit(train, epochs: 1, batchSize: batchSize, callbacks: [privateTimer], verbose: .silent)
        privateCPU.append(privateInterval.finish().cpu)
        let plainInterval = Interval()
        try plainModel.fit(train, epochs: 1, batchSize: batchSize, callbacks: [plainTimer], verbose: .silent)
        plainCPU.append(plainInterval.finish().cpu)
        privateSeconds += privateTimer.seconds
        plainSeconds += plainTimer.seconds
    }
    let privateMinimum = privateSeconds.min() ?? .nan, plainMinimum = plainSeconds.min() ?? .nan
    // The PLD accountant on TF Privacy's tutorial run (σ 1.1, q 256/60,000, 14,063 steps), best of three.
    var accountant = PLDAccountant()
    accountant.record(noiseMultiplier: 1.1, sampleRate: 256.0 / 60_000, steps: 14_063)
    var pldSeconds = Double.infinity, pldEpsilon = Double.nan
    for _ in 0 ..< 3 {
        let interval = Interval()
        pldEpsilon = accountant.epsilon(delta: 1e-5)
        pldSeconds = min(pldSeconds, interval.finish().wall)
    }
    return [
        "batch_size": batchSize,
        "train_examples": train.count,
        "private_epoch_seconds": privateSeconds,
        "nonprivate_epoch_seconds": plainSeconds,
        "private_epoch_min_s": privateMinimum,
        "nonprivate_epoch_min_s": plainMinimum,
        "private_over_nonprivate": privateMinimum / plainMinimum,
        // CPU seconds of each whole fit (one epoch, with the fit's setup): steadier than wall time on a busy machine.
        "private_fit_cpu_seconds": privateCPU,
        "nonprivate_fit_cpu_seconds": plainCPU,
        "private_over_nonprivate_cpu": (privateCPU.min() ?? .nan) / (plainCPU.min() ?? .nan),
        "pld_tutorial_epsilon": pldEpsilon,
        "pld_tutorial_seconds": pldSeconds,
    ]
}
