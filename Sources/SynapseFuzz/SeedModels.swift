import Foundation
import Synapse

/// Small models whose files seed the corpora: every built-in layer type
/// appears in one of them.
enum SeedModels {
    /// A dense network on `[4, 4]` inputs and a convolutional one on `[36]`
    /// inputs, built and compiled, and a functional graph over sequences
    /// (two inputs, two outputs, a residual join and a shared layer).
    static func all() throws -> [Model] {
        Synapse.seed(7)
        let dense = Sequential([
            Flatten(), Dense(8, activation: .relu), Dropout(0.2), Dense(3, activation: .softmax),
        ])
        try dense.build(inputShape: [4, 4])
        dense.compile(optimizer: .adam(), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        let convolutional = Sequential([
            Reshape([6, 6, 1]), Conv2D(2, kernelSize: 3, padding: .same), BatchNormalization(),
            ActivationLayer(.relu), MaxPool2D(poolSize: 2), ZeroPadding2D(padding: 1), UpSampling2D(size: 2),
            DepthwiseConv2D(kernelSize: 3, depthMultiplier: 2), Conv2DTranspose(2, kernelSize: 2, strides: 2),
            AveragePool2D(poolSize: 2), LayerNormalization(), GlobalAveragePool2D(), Dense(3),
        ])
        try convolutional.build(inputShape: [36])
        convolutional.compile(optimizer: .adam(), loss: .sparseCategoricalCrossentropyFromLogits)
        return [dense, convolutional, try functionalSequenceModel()]
    }

    /// 1-D convolution and pooling on `[8, 2]` sequences beside a `[3]`
    /// input, joined by the merge layers, compiled with a loss, weight and
    /// metric per output.
    private static func functionalSequenceModel() throws -> Model {
        let sequence = Input(shape: [8, 2], name: "sequence"), side = Input(shape: [3], name: "side")
        let conv = Conv1D(4, kernelSize: 3, padding: .causal, activation: .relu)(sequence)
        let pooled = MaxPool1D(poolSize: 2)(conv)
        let shared = Dense(4, activation: .tanh)
        let summary = Concatenate()([GlobalAveragePool1D()(pooled), GlobalMaxPool1D()(pooled)])
        let residual = Add()([shared(Dense(4)(side)), shared(Dense(4)(summary))])
        let model = Functional(inputs: [sequence, side], outputs: [Dense(1)(residual), residual])
        try model.compile(optimizer: .adam(), loss: [.meanSquaredError, .meanAbsoluteError], lossWeights: [1, 0.5],
                          metrics: [[.mean(of: .meanAbsoluteError)], []])
        return model
    }

    /// Saves each seed model and copies its file `fileName` into `folder`
    /// as `PREFIX<index>.EXTENSION` (e.g. `config0.json`).
    static func copySavedFile(_ fileName: String, into folder: URL, prefix: String) throws {
        let fileExtension = (fileName as NSString).pathExtension
        for (index, model) in try all().enumerated() {
            let url = folder.appendingPathComponent("model\(index)")
            try model.save(to: url)
            try FileManager.default.copyItem(at: url.appendingPathComponent(fileName),
                                             to: folder.appendingPathComponent("\(prefix)\(index).\(fileExtension)"))
            try FileManager.default.removeItem(at: url)
        }
    }
}
