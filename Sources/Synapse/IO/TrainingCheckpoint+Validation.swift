/// Checks on what a checkpoint read from disk, before any of it is used:
/// every integer in `state.json` within its range, and every optimizer slot
/// of the count and shape its optimizer's kernels will assume.
extension TrainingCheckpoint {
    /// The largest epoch number a checkpoint may record (2³¹ − 2, so that
    /// the epoch after it is still a 32-bit count).
    static let maximumEpoch = Int(Int32.max) - 1
    /// The largest optimizer step a checkpoint may record (2⁵³, the last
    /// integer a Double holds exactly).
    static let maximumStep = 1 << 53

    /// Throws `CheckpointError.invalidState` naming `file` and the slot when
    /// `slots` (the saved state of parameter `name`) is not what `optimizer`
    /// keeps: the wrong number of tensors, or one not of the parameter's shape.
    static func validateSlots(_ slots: [Tensor], of name: String, parameter: Parameter,
                              optimizer: Optimizer, file: String) throws {
        if let expected = optimizer.slotCount, slots.count != expected {
            throw CheckpointError.invalidState(
                file: file, reason: "'\(name)' has \(slots.count) '\(optimizer.name)' slot tensors, the optimizer keeps \(expected); the checkpoint does not match this optimizer's settings")
        }
        for (index, slot) in slots.enumerated() where slot.shape != parameter.shape {
            throw CheckpointError.invalidState(
                file: file, reason: "slot '\(name)/\(index)' has shape \(slot.shape), but the parameter has shape \(parameter.shape)")
        }
    }
}

extension TrainingCheckpoint.State {
    /// Throws `CheckpointError.invalidState` naming `file` and the field when
    /// an integer is out of range. (The history may legitimately have fewer
    /// values of a metric than epochs, e.g. `val_loss` after a run without
    /// validation data was resumed with it, so its lengths are not checked.)
    func validate(file: String) throws {
        func fail(_ reason: String) -> CheckpointError { .invalidState(file: file, reason: reason) }
        guard (-1 ... TrainingCheckpoint.maximumEpoch).contains(epoch) else {
            throw fail("'epoch' is \(epoch); it must be in -1…\(TrainingCheckpoint.maximumEpoch) (-1: before the first epoch ended)")
        }
        guard (0 ... TrainingCheckpoint.maximumStep).contains(step) else {
            throw fail("'step' is \(step); it must be in 0…\(TrainingCheckpoint.maximumStep)")
        }
    }
}
