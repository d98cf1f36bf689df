import ArgumentParser

/// The network architecture `synapse train` builds.
enum ModelChoice: String, CaseIterable, ExpressibleByArgument {
    /// A multilayer perceptron: dense layers on the flattened image.
    case mlp
    /// A small convolutional network.
    case cnn
    /// A convolutional network over log-mel spectrograms (time × mel), for recordings.
    case audioCNN = "audio-cnn"

    /// The batch size each model is trained with by default.
    var defaultBatchSize: Int {
        switch self {
        case .mlp: return 32
        case .cnn: return 128
        case .audioCNN: return 32
        }
    }
}
