extension MergeLayer {
    /// The mask of the merged output, from the inputs' masks (nil for an
    /// input without one), as Keras's merge layers compute it; nil when no
    /// input has a mask.
    ///
    /// `Add` keeps a step only where every masked input keeps it.
    /// `Concatenate` joins the masks along the time axis (an input without
    /// a mask counts as unmasked); along any later axis it keeps a step
    /// where any input keeps it, so an unmasked input ends the mask.
    func mergedMask(_ inputs: [Tensor], masks: [Tensor?]) -> Tensor? {
        let present = masks.compactMap { $0 }
        guard let first = present.first else { return nil }
        guard let concatenation = self as? Concatenate else { return present.dropFirst().reduce(first, *) }
        let rank = inputs[0].rank
        let axis = concatenation.axis < 0 ? concatenation.axis + rank : concatenation.axis
        if axis == 1 {
            return concatenate(zip(inputs, masks).map { input, mask in
                mask ?? Tensor.ones(Array(input.shape.prefix(2)))
            }, alongAxis: 1)
        }
        guard present.count == masks.count else { return nil }
        let allDropped = present.dropFirst().reduce(1 - first) { $0 * (1 - $1) }
        return 1 - allDropped
    }
}
