extension Sequential {
    /// snnTorch tutorial 5's network: 784 → `hidden` → `classes` leaky
    /// neurons (β = 0.95, arctan surrogate) over `steps` steps, the image
    /// as the input current at every step. The first Dense runs once per
    /// batch (`RepeatSteps` comes after it). It outputs the output layer's
    /// membrane, `[batch, steps, classes]`; train it with
    /// `StepwiseCrossEntropy` (Σₜ CE(U[t])) and read the class from the
    /// summed membrane (`SpikeCountAccuracy()`) or from the output spikes
    /// (`SpikeCountAccuracy(threshold: 1)`). `synapse train --model snn`
    /// trains it with Adam at 5e-4 and batch 128.
    public static func spikingMLP(hidden: Int = 1000, classes: Int = 10, beta: Float = 0.95, steps: Int = 25) throws -> Sequential {
        Sequential([
            Flatten(),
            Dense(hidden),
            try RepeatSteps(steps),
            try Leaky(beta: beta, steps: steps),
            Dense(classes),
            try Leaky(beta: beta, output: .membrane, steps: steps),
            try TimeReadout(steps: steps),
        ])
    }

    /// snnTorch tutorial 6's convolutional network: Conv(12, 5×5) → max
    /// pool 2 → Leaky → Conv(64, 5×5) → max pool 2 → Leaky → Dense(classes)
    /// → Leaky, β = 0.5, fast sigmoid surrogate (slope 25), `steps` steps
    /// on a static image (the first convolution runs once). It outputs the
    /// output spikes, `[batch, steps, classes]`; train it with
    /// `StepwiseCrossEntropy(averagedOverSteps: true)` (snnTorch's
    /// `ce_rate_loss`) and `SpikeCountAccuracy()`. It comes built for
    /// `[28, 28, 1]` inputs, with its weights drawn as PyTorch draws them.
    public static func spikingConvNet(classes: Int = 10, beta: Float = 0.5, steps: Int = 50) throws -> Sequential {
        let network = Sequential([
            Conv2D(12, kernelSize: 5),
            MaxPool2D(poolSize: 2),
            try RepeatSteps(steps),
            try Leaky(beta: beta, surrogate: .fastSigmoid, steps: steps),
            Conv2D(64, kernelSize: 5),
            MaxPool2D(poolSize: 2),
            try Leaky(beta: beta, surrogate: .fastSigmoid, steps: steps),
            Flatten(),
            Dense(classes),
            try Leaky(beta: beta, surrogate: .fastSigmoid, steps: steps),
            try TimeReadout(steps: steps),
        ])
        try network.build(inputShape: [28, 28, 1])
        network.redrawWeightsAsPyTorch()
        return network
    }
}
