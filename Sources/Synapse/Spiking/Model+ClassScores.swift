extension Model {
    /// One score per class for each example: `predictions` as they are when
    /// they are `[batch, classes]`; for a spiking model's
    /// `[batch, steps, classes]`, the spike counts (or summed outputs) over
    /// the steps, counted as the model's compiled `SpikeCountAccuracy`
    /// counts them (membranes above its threshold), so that the argmax is
    /// the predicted class.
    public func classScores(from predictions: Tensor) -> Tensor {
        guard predictions.rank == 3 else { return predictions }
        let counting = compiled?.metrics.lazy.compactMap { $0 as? SpikeCountAccuracy }.first
        return SpikeCountAccuracy.summedOverTime(predictions, threshold: counting?.threshold)
    }
}
