import Synapse

/// Images per second of direct model calls on `batches` (inference mode, no
/// gradient recording): one warm-up pass, then `passes` timed passes; the
/// median pass counts.
func directThroughput(_ model: Model, batches: [Tensor], passes: Int) -> [String: Any] {
    model.eval()
    let images = batches.reduce(0) { $0 + $1.shape[0] }
    var passSeconds: [Double] = []
    let interval = Interval()
    for pass in 0 ... passes {
        let start = wallSeconds()
        withoutGradients {
            for batch in batches { _ = model(batch) }
        }
        if pass > 0 { passSeconds.append(wallSeconds() - start) }
    }
    let foreign = interval.finish().foreign ?? .nan
    return ["images_per_s": Double(images) / median(passSeconds), "pass_seconds": passSeconds, "foreign_frac": foreign]
}

/// Images per second of `model.predict(images, batchSize:)`, the idiomatic
/// call: one warm-up, then `passes` timed calls; the median call counts.
func predictThroughput(_ model: Model, images: Tensor, batchSize: Int, passes: Int) throws -> Double {
    var passSeconds: [Double] = []
    for pass in 0 ... passes {
        let start = wallSeconds()
        _ = try model.predict(images, batchSize: batchSize)
        if pass > 0 { passSeconds.append(wallSeconds() - start) }
    }
    return Double(images.shape[0]) / median(passSeconds)
}

/// Latency of single-image direct calls: `warmUp` untimed calls, then `calls`
/// calls on successive images of `images`, each timed on its own (the slice
/// of one image is part of the call, as in the peers).
func batchOneLatency(_ model: Model, images: Tensor, calls: Int, warmUp: Int = 50) -> [String: Any] {
    model.eval()
    let count = images.shape[0]
    var micros: [Double] = []
    micros.reserveCapacity(calls)
    let interval = Interval()
    withoutGradients {
        for i in 0 ..< warmUp { _ = model(images[i % count ..< i % count + 1]) }
        for i in 0 ..< calls {
            let start = wallSeconds()
            _ = model(images[i % count ..< i % count + 1])
            micros.append((wallSeconds() - start) * 1e6)
        }
    }
    return ["median_us": median(micros), "min_us": micros.min() ?? .nan, "p90_us": percentile(micros, 0.9),
            "calls": calls, "foreign_frac": interval.finish().foreign ?? Double.nan]
}

/// `source`'s first `count` examples (all when 0) as input tensors of `batchSize` rows.
func inputBatches(_ source: any BatchSource, batchSize: Int, count: Int) -> [Tensor] {
    let total = count > 0 ? min(count, source.count) : source.count
    return stride(from: 0, to: total, by: batchSize).map { start in
        source.batch(at: Array(start ..< min(start + batchSize, total))).inputs
    }
}
