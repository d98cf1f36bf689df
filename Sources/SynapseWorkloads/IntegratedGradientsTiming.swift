import Synapse

/// W6: integrated gradients (50 steps, Gauss–Legendre, zero baseline, the
/// predicted class) for the first `images` test images on a trained convnet:
/// one untimed warm-up run, then `passes` timed runs; the median counts.
/// `Benchmarks/captum_workloads.py` times Captum on the same architecture.
func integratedGradientsTiming(_ model: Model, test: any BatchSource, images: Int, passes: Int,
                               batchSize: Int) throws -> [String: Any] {
    let inputs = test.batch(at: Array(0 ..< min(images, test.count))).inputs
    let score = ClassScore(model: model, maximumBatchSize: batchSize)
    var seconds: [Double] = []
    var worstDelta: Float = 0
    let interval = Interval()
    for pass in 0 ... passes {
        let start = wallSeconds()
        let classes = try score.resolve(.predicted, for: inputs)
        let (_, deltas) = try IntegratedGradients().attributionsWithDelta(for: inputs, classes: classes, score: score)
        if pass > 0 { seconds.append(wallSeconds() - start) }
        worstDelta = deltas.map(abs).max() ?? 0
    }
    return ["seconds": median(seconds), "pass_seconds": seconds, "images": inputs.shape[0], "steps": 50,
            "internal_batch_size": batchSize, "max_abs_delta": Double(worstDelta),
            "foreign_frac": interval.finish().foreign ?? Double.nan]
}
