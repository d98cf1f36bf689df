import Foundation
import Synapse

/// W5's cost against plain training: one epoch of the article's MLP with
/// DP-SGD (batch 256, Poisson sampling, C = 1, σ = 0.74, about what ε = 3
/// over 10 epochs needs) and one without, at the same batch size, alternated
/// `rounds` times in this process so that both see the same machine; the
/// minimum of each is the figure least disturbed by other processes.
func privateEpochRatio(train: any BatchSource, rounds: Int, learningRate: Float) throws -> [String: Any] {
    let batchSize = 256
    let privateModel = ArticleMLP()
    privateModel.compile(optimizer: SGD(learningRate: learningRate), loss: .sparseCategoricalCrossentropy,
                         metrics: [.accuracy], privacy: PrivacySettings(noiseMultiplier: 0.74, maxGradNorm: 1))
    let plainModel = ArticleMLP()
    plainModel.compile(optimizer: SGD(learningRate: learningRate), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
    var privateSeconds: [Double] = [], plainSeconds: [Double] = []
    for _ in 0 ..< max(rounds, 1) {
        let privateTimer = EpochTimer(), plainTimer = EpochTimer()
        try privateModel.fit(train, epochs: 1, batchSize: batchSize, callbacks: [privateTimer], verbose: .silent)
        try plainModel.fit(train, epochs: 1, batchSize: batchSize, callbacks: [plainTimer], verbose: .silent)
        privateSeconds += privateTimer.seconds
        plainSeconds += plainTimer.seconds
    }
    let privateMinimum = privateSeconds.min() ?? .nan, plainMinimum = plainSeconds.min() ?? .nan
    return [
        "batch_size": batchSize,
        "train_examples": train.count,
        "private_epoch_seconds": privateSeconds,
        "nonprivate_epoch_seconds": plainSeconds,
        "private_epoch_min_s": privateMinimum,
        "nonprivate_epoch_min_s": plainMinimum,
        "private_over_nonprivate": privateMinimum / plainMinimum,
    ]
}
