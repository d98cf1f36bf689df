import ArgumentParser
import Synapse

/// The network architecture `synapse train` builds.
enum ModelChoice: String, CaseIterable, ExpressibleByArgument {
    /// A multilayer perceptron: dense layers on the flattened image.
    case mlp
    /// A small convolutional network.
    case cnn
    /// snnTorch tutorial 5's spiking network: 784 → 1000 → 10 leaky
    /// neurons, 25 steps, trained through time with a surrogate gradient.
    case snn
    /// snnTorch tutorial 6's convolutional spiking network, 50 steps.
    case scnn
    /// Diehl & Cook's unsupervised network: 400 excitatory neurons that
    /// learn by STDP with winner-take-all and adaptive thresholds.
    case stdp
    /// A character-level GPT (nanoGPT's CPU configuration), trained on text.
    case gpt
    /// A character-level 2-layer LSTM, as in char-rnn, trained on text.
    case charLSTM = "char-lstm"
    /// A convolutional network over log-mel spectrograms (time × mel), for recordings.
    case audioCNN = "audio-cnn"

    /// Whether the model learns text (`synapse train` sends it to `runTextTraining`).
    var isTextModel: Bool { self == .gpt || self == .charLSTM }

    /// The batch size each model is trained with by default.
    var defaultBatchSize: Int {
        switch self {
        case .mlp: return 32
        case .cnn, .snn, .scnn, .stdp: return 128
        case .audioCNN: return 32
        case .gpt: return 12
        case .charLSTM: return 32
        }
    }

    /// The learning rate the model's reference recipe uses with Adam, if
    /// it differs from the optimiser's default (snnTorch's tutorials).
    func defaultLearningRate(with optimizer: OptimizerChoice) -> Double? {
        switch (self, optimizer) {
        case (.snn, .adam): return 5e-4
        case (.scnn, .adam): return 1e-2
        default: return nil
        }
    }

    /// The optimiser `choice` names at `learningRate`, as the model's
    /// reference recipe runs it: for `scnn`, Adam is PyTorch's (ε 1e-8 added
    /// to the bias-corrected moment, as snnTorch's tutorial 6 trains it). Its
    /// neurons hardly fire at first, so its first gradients are about 1e-9
    /// per weight, below Keras's ε: Keras's Adam then barely moves and the
    /// network never starts firing.
    func optimizer(_ choice: OptimizerChoice, learningRate: Float) -> Optimizer {
        switch (self, choice) {
        case (.scnn, .adam): return Adam(learningRate: learningRate, epsilon: 1e-8, epsilonConvention: .pytorch)
        default: return makeOptimizer(choice, learningRate: learningRate)
        }
    }

    /// The loss the model trains with.
    var loss: Loss {
        switch self {
        case .mlp, .cnn, .stdp, .gpt, .charLSTM, .audioCNN: return .sparseCategoricalCrossentropy
        case .snn: return StepwiseCrossEntropy()
        case .scnn: return StepwiseCrossEntropy(averagedOverSteps: true)
        }
    }

    /// The accuracy metric: for `snn`, the class with the largest output
    /// membrane summed over the steps (what its loss trains; on the
    /// embedded sample snnTorch's own run of this network scores 0.931 this
    /// way after 5 epochs and 0.880 by output spike counts); for `scnn`, the
    /// class with the most output spikes.
    var accuracy: Metric {
        switch self {
        case .mlp, .cnn, .stdp, .gpt, .charLSTM, .audioCNN: return .accuracy
        case .snn, .scnn: return SpikeCountAccuracy(name: "accuracy")
        }
    }
}
