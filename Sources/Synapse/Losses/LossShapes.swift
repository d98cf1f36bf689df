/// `targets` viewed in the shape of `predictions` when both hold the same
/// number of elements (so `[batch]` labels meet `[batch, 1]` outputs, as
/// Keras squeezes them); a clear failure otherwise.
func reshapedToMatch(_ targets: Tensor, _ predictions: Tensor, lossName: String) -> Tensor {
    if targets.shape == predictions.shape { return targets }
    precondition(targets.count == predictions.count,
                 "\(lossName): predictions \(predictions.shape) and targets \(targets.shape) hold different numbers of elements (\(predictions.count) vs \(targets.count)); give one target per prediction")
    return targets.reshaped(to: predictions.shape)
}
