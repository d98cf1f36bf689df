extension Optimizer {
    /// Raw pointers to the state of `parameter`: one buffer of its size per
    /// entry of `initialValues`, filled with that value on first use. The
    /// buffers belong to this optimiser alone, so an update may write them in
    /// place.
    func uniqueSlots(for parameter: Parameter, initialValues: [Float]) -> [UnsafeMutablePointer<Float>] {
        let key = ObjectIdentifier(parameter)
        if slots[key] == nil {
            slots[key] = initialValues.map { Tensor.filled(parameter.shape, with: $0) }
        }
        precondition(slots[key]!.count == initialValues.count && slots[key]!.allSatisfy { $0.shape == parameter.shape },
                     "\(name): the saved state of a parameter \(parameter.shape) does not match this optimiser")
        for index in initialValues.indices { slots[key]![index].makeUniqueStorage() }
        return slots[key]!.map { $0.storage.pointer }
    }
}
