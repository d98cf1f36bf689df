import ArgumentParser

/// The network architecture `synapse train` builds.
enum ModelChoice: String, CaseIterable, ExpressibleByArgument {
    /// A multilayer perceptron: dense layers on the flattened image.
    case mlp
    /// A small convolutional network.
    case cnn
}
