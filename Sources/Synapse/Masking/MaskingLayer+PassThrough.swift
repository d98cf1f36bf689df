// The layers whose output steps are their input steps, so a mask passes
// through them unchanged (Keras's `supports_masking = True` with the
// default `compute_mask`).

/// Applied to every value alone: the mask passes through.
extension ActivationLayer: MaskingLayer {}

/// Zeroes values, never steps: the mask passes through.
extension Dropout: MaskingLayer {}

/// Transforms the last axis of each step alone: the mask passes through.
extension Dense: MaskingLayer {}

/// Normalises each step alone: the mask passes through.
extension LayerNormalization: MaskingLayer {}
