/// A layer over sequences that can take initial states and a mask and give
/// back its final states: the recurrent layers and `Bidirectional`.
public protocol StatefulSequenceLayer: Layer {
    /// The output for `input` (`[batch, time, features]`) and the final
    /// states, starting from `initialState` (zeros when nil), skipping the
    /// steps where `mask` (`[batch, time]`) is 0.
    func callReturningState(_ input: Tensor, initialState: [Tensor]?, mask: Tensor?) -> (output: Tensor, states: [Tensor])
}

extension StatefulSequenceLayer {
    /// The output for `input`, where `mask` (`[batch, time]`, 0 or 1) marks
    /// the steps to skip: a skipped step carries the states forward and
    /// repeats the previous output (zeros before the first computed step), as
    /// in Keras.
    public func callAsFunction(_ input: Tensor, mask: Tensor) -> Tensor {
        callReturningState(input, initialState: nil, mask: mask).output
    }

    /// Builds the layer for `input`'s shape on its first call.
    func buildIfNeeded(for input: Tensor) {
        guard !isBuilt else { return }
        do { try buildOnce(inputShape: Array(input.shape.dropFirst())) } catch { preconditionFailure("\(error)") }
    }
}
