extension Sequential {
    /// A small convolutional network for log-mel spectrograms (`LogMelFeatures`,
    /// `[time, mel, 1]`): three 3×3 convolutions (16, 32 and 64 filters, ReLU),
    /// each followed by batch normalisation and 2×2 max pooling, then Dropout(0.3),
    /// a 64-unit ReLU layer and a softmax classifier.
    ///
    /// Two-dimensional convolutions over time × mel band see a formant's shape in
    /// frequency as well as its movement in time, and they run on Synapse's fused
    /// convolution kernels; `synapse train --model audio-cnn` trains this model.
    public static func audioConvNet(classes: Int = 10) -> Sequential {
        Sequential([
            Conv2D(16, kernelSize: 3, activation: .relu),
            BatchNormalization(),
            MaxPool2D(poolSize: 2),
            Conv2D(32, kernelSize: 3, activation: .relu),
            BatchNormalization(),
            MaxPool2D(poolSize: 2),
            Conv2D(64, kernelSize: 3, activation: .relu),
            BatchNormalization(),
            MaxPool2D(poolSize: 2),
            Flatten(),
            Dropout(0.3),
            Dense(64, activation: .relu),
            Dense(classes, activation: .softmax),
        ])
    }
}
