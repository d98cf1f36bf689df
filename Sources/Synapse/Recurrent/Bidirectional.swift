/// Runs a recurrent layer over the sequence in both directions and merges
/// the two outputs, as Keras's `Bidirectional`: the backward layer is a copy
/// of `layer` with `goBackwards` flipped, and its output sequence is put
/// back in input-time order before merging.
///
/// ```swift
/// let encoder = Bidirectional(LSTM(64, returnSequences: true))   // [batch, time, 128]
/// ```
public final class Bidirectional: Layer, StatefulSequenceLayer {
    /// How the forward and backward outputs are combined.
    public enum MergeMode: String, Sendable, CaseIterable {
        /// Joined along the last axis (Keras's default): twice the units.
        case concat
        /// Added.
        case sum
        /// Multiplied elementwise.
        case mul
        /// Averaged.
        case ave
    }

    /// The layer that reads the sequence in its own direction.
    public let forwardLayer: RecurrentLayer
    /// Its copy that reads the sequence the other way.
    public let backwardLayer: RecurrentLayer
    /// How the two outputs are combined.
    public let mergeMode: MergeMode

    /// Wraps `layer` (which must not have been built) and a copy of it that
    /// runs the other way.
    public init(_ layer: RecurrentLayer, mergeMode: MergeMode = .concat) {
        precondition(!layer.isBuilt, "Bidirectional: the wrapped layer '\(layer.name)' must not be built yet")
        forwardLayer = layer
        backwardLayer = layer.copy(goBackwards: !layer.goBackwards)
        backwardLayer.outputsInTimeOrder = true
        self.mergeMode = mergeMode
        super.init()
        let typeName = String(describing: Swift.type(of: layer)).lowercased()
        forwardLayer.name = "forward_\(typeName)"
        backwardLayer.name = "backward_\(typeName)"
    }

    /// Builds both directions.
    public override func build(inputShape: [Int]) throws {
        try forwardLayer.buildOnce(inputShape: inputShape)
        try backwardLayer.buildOnce(inputShape: inputShape)
    }

    /// The wrapped layer's output shape, with the last axis doubled for `concat`.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] {
        var shape = try forwardLayer.outputShape(forInputShape: inputShape)
        if mergeMode == .concat { shape[shape.count - 1] *= 2 }
        return shape
    }

    /// Both directions' outputs, merged.
    public override func call(_ input: Tensor) -> Tensor {
        callReturningState(input).output
    }

    /// The merged output and the final states of the forward layer, then of
    /// the backward one (Keras's order); `initialState` gives them in that
    /// order. With `mask`, both directions skip the masked steps, and a
    /// returned sequence is zero at them (as Keras's `Bidirectional`).
    public func callReturningState(_ input: Tensor, initialState: [Tensor]? = nil,
                                   mask: Tensor? = nil) -> (output: Tensor, states: [Tensor]) {
        buildIfNeeded(for: input)
        let half = forwardLayer.kind.stateCount
        precondition(initialState == nil || initialState!.count == 2 * half,
                     "Bidirectional '\(name)': needs \(2 * half) initial states, got \(initialState!.count)")
        let forward = forwardLayer.callReturningState(input, initialState: initialState.map { Array($0[..<half]) },
                                                      mask: mask)
        let backward = backwardLayer.callReturningState(input, initialState: initialState.map { Array($0[half...]) },
                                                        mask: mask)
        var merged: Tensor
        switch mergeMode {
        case .concat: merged = concatenate([forward.output, backward.output], alongAxis: forward.output.rank - 1)
        case .sum: merged = forward.output + backward.output
        case .mul: merged = forward.output * backward.output
        case .ave: merged = (forward.output + backward.output) * 0.5
        }
        // Keras's Bidirectional gives zeros at the masked steps of a returned sequence.
        if let mask, forwardLayer.returnSequences { merged = merged * merged.broadcastableSequenceMask(mask) }
        return (merged, forward.states + backward.states)
    }

    /// `merge_mode`, and the wrapped layer's type and arguments (as `layer` and `layer.*`).
    public override var configuration: [String: ConfigurationValue] {
        var arguments: [String: ConfigurationValue] = [
            "merge_mode": .string(mergeMode.rawValue),
            "layer": .string((Swift.type(of: forwardLayer) as? any ConfigurableLayer.Type)?.typeName ?? ""),
        ]
        for (key, value) in forwardLayer.configuration { arguments["layer.\(key)"] = value }
        return arguments
    }
}
