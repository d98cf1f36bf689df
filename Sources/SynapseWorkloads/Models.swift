import Synapse

/// W1, the article's model: Flatten → Dense(128, relu) → Dense(10, softmax),
/// written as a `Model` subclass the way the article does.
final class ArticleMLP: Model {
    let flatten = Flatten()
    let hidden = Dense(128, activation: .relu)
    let classifier = Dense(10, activation: .softmax)

    override func call(_ x: Tensor) -> Tensor {
        classifier(hidden(flatten(x)))
    }
}

/// W2, the Keras "simple MNIST convnet" (34,826 parameters).
func simpleMNISTConvNet() -> Model {
    Sequential([
        Conv2D(32, kernelSize: 3, activation: .relu),
        MaxPool2D(poolSize: 2),
        Conv2D(64, kernelSize: 3, activation: .relu),
        MaxPool2D(poolSize: 2),
        Flatten(),
        Dropout(0.5),
        Dense(10, activation: .softmax),
    ])
}
