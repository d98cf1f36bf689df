/// The number of parameters a built-in layer will make for an input shape,
/// known before it allocates them, so that a model read from a file can be
/// checked against `ModelSizeLimits` first.
protocol PlansParameters: Layer {
    /// The scalars `build(inputShape:)` will allocate, or nil if that number
    /// overflows `Int`. Shapes the layer rejects may give any count: the
    /// build itself throws for them.
    func plannedParameterCount(forInputShape inputShape: [Int]) -> Int?
}

/// `a × b × …` and the bias, or nil on overflow.
private func plannedCount(_ factors: [Int], bias: Int) -> Int? {
    guard let product = ModelSizeLimits.elementCount(factors.map { max($0, 1) }) else { return nil }
    let (total, overflow) = product.addingReportingOverflow(bias)
    return overflow ? nil : total
}

extension Dense: PlansParameters {
    func plannedParameterCount(forInputShape inputShape: [Int]) -> Int? {
        plannedCount([inputShape.last ?? 1, units], bias: useBias ? units : 0)
    }
}

extension Conv2D: PlansParameters {
    func plannedParameterCount(forInputShape inputShape: [Int]) -> Int? {
        plannedCount([kernelSize.height, kernelSize.width, inputShape.last ?? 1, filters], bias: useBias ? filters : 0)
    }
}

extension Conv1D: PlansParameters {
    func plannedParameterCount(forInputShape inputShape: [Int]) -> Int? {
        plannedCount([kernelSize, inputShape.last ?? 1, filters], bias: useBias ? filters : 0)
    }
}

extension Conv2DTranspose: PlansParameters {
    func plannedParameterCount(forInputShape inputShape: [Int]) -> Int? {
        plannedCount([kernelSize.height, kernelSize.width, filters, inputShape.last ?? 1], bias: useBias ? filters : 0)
    }
}

extension DepthwiseConv2D: PlansParameters {
    func plannedParameterCount(forInputShape inputShape: [Int]) -> Int? {
        guard let outputs = plannedCount([inputShape.last ?? 1, depthMultiplier], bias: 0) else { return nil }
        return plannedCount([kernelSize.height, kernelSize.width, outputs], bias: useBias ? outputs : 0)
    }
}

extension BatchNormalization: PlansParameters {
    func plannedParameterCount(forInputShape inputShape: [Int]) -> Int? {
        plannedCount([4, inputShape.last ?? 1], bias: 0)
    }
}

extension GroupNormalization: PlansParameters {
    func plannedParameterCount(forInputShape inputShape: [Int]) -> Int? {
        plannedCount([2, inputShape.last ?? 1], bias: 0)
    }
}

extension LayerNormalization: PlansParameters {
    func plannedParameterCount(forInputShape inputShape: [Int]) -> Int? {
        plannedCount([2, inputShape.last ?? 1], bias: 0)
    }
}
