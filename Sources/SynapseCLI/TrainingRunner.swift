import Foundation
import Synapse

/// Trains the model `options` describe, as the article's program does:
/// load the data, build and compile the model, fit, evaluate, and print the
/// test accuracy.
func runTraining(_ options: TrainOptions) throws {
    Synapse.seed(options.seed)
    let data = try loadDataset(options.dataset)
    print(data.summary)

    let model = try makeModel(options.model)
    model.compile(optimizer: makeOptimizer(options.optimizer, learningRate: Float(options.learningRate)),
                  loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
    let train = trainingSource(data.splits.train, for: options.model)
    let test = trainingSource(data.splits.test, for: options.model)
    try model.build(inputShape: train.inputShape)
    if options.verbosity != .silent { model.summary() }

    try model.fit(train, epochs: options.epochs, batchSize: options.batchSize,
                  validationSplit: options.validationSplit, verbose: options.verbosity)
    let result = try model.evaluate(test, batchSize: 1000, verbose: options.verbosity)
    print("Test loss: \(String(format: "%.4f", result.loss))")
    print("Test accuracy: \(String(format: "%.4f", result.accuracy))")
}

/// The chosen dataset; MNIST falls back to the embedded sample when the full
/// set cannot be found or downloaded.
func loadDataset(_ choice: DatasetChoice) throws -> LoadedDataset {
    switch choice {
    case .mnist:
        return try MNIST.loadOrEmbeddedSample(DatasetLoadOptions(timeout: 10))
    case .fashionMNIST:
        return try FashionMNIST.load()
    case .directory(let path):
        return try MNIST.load(DatasetLoadOptions(directory: URL(fileURLWithPath: path), allowsDownload: false))
    }
}

/// Images as the model wants them: `[28, 28]` for the MLP, with a channel
/// axis for the convnet.
func trainingSource(_ images: LabeledImages, for model: ModelChoice) -> any BatchSource {
    switch model {
    case .mlp: return images
    case .cnn: return images.withChannelAxis()
    }
}

/// The architecture `choice` names.
func makeModel(_ choice: ModelChoice) throws -> Model {
    switch choice {
    case .mlp: return SimpleNeuralNetwork()
    case .cnn: return simpleConvNet()
    }
}

/// The optimiser `choice` names, at `learningRate`.
func makeOptimizer(_ choice: OptimizerChoice, learningRate: Float) -> Optimizer {
    switch choice {
    case .adam: return Adam(learningRate: learningRate)
    case .sgd: return SGD(learningRate: learningRate)
    case .rmsprop: return RMSprop(learningRate: learningRate)
    case .adagrad: return Adagrad(learningRate: learningRate)
    case .adamw: return AdamW(learningRate: learningRate)
    }
}

/// The Keras "simple MNIST convnet": two 3×3 convolutions with max pooling,
/// dropout and a softmax classifier (34,826 parameters).
func simpleConvNet() -> Model {
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

/// A failure to report as one line.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
