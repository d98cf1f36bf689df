import Synapse

/// The article's model, written the way the article writes it: a subclass
/// whose layers are stored properties, Flatten → Dense(128, relu) →
/// Dense(10, softmax).
final class SimpleNeuralNetwork: Model {
    let flatten = Flatten()
    let dense1 = Dense(128, activation: .relu)
    let dense2 = Dense(10, activation: .softmax)

    override func call(_ x: Tensor) -> Tensor {
        dense2(dense1(flatten(x)))
    }
}
