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
