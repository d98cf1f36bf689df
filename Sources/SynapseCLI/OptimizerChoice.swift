import ArgumentParser

/// The optimizer `synapse train` updates the weights with.
enum OptimizerChoice: String, CaseIterable, ExpressibleByArgument {
    /// Adam (Kingma & Ba).
    case adam
    /// Stochastic gradient descent.
    case sgd
    /// RMSprop.
    case rmsprop
    /// Adagrad.
    case adagrad
    /// Adam with decoupled weight decay.
    case adamw

    /// The learning rate Keras uses for this optimizer when none is given.
    var defaultLearningRate: Double {
        switch self {
        case .sgd: return 0.01
        case .adam, .rmsprop, .adagrad, .adamw: return 0.001
        }
    }
}
