extension Sequential {
    /// Keras's "simple MNIST convnet" example: two 3×3 convolutions with ReLU,
    /// each followed by 2×2 max pooling, then Flatten, Dropout(0.5) and a
    /// softmax classifier (34,826 parameters for 28×28×1 images and 10 classes).
    /// `synapse train --model cnn` and the benchmarks train this model.
    public static func simpleConvNet(classes: Int = 10) -> Sequential {
        Sequential([
            Conv2D(32, kernelSize: 3, activation: .relu),
            MaxPool2D(poolSize: 2),
            Conv2D(64, kernelSize: 3, activation: .relu),
            MaxPool2D(poolSize: 2),
            Flatten(),
            Dropout(0.5),
            Dense(classes, activation: .softmax),
        ])
    }
}
