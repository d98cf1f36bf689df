// LeNet-5 (LeCun et al., 1998) written the Keras way, by subclassing Model.
// This file is an example, not part of the package build: copy it into an
// executable target that depends on Synapse to run it.
//
//   28×28×1 → conv 5×5 (6, same, tanh) → avg-pool 2 → conv 5×5 (16, tanh)
//           → avg-pool 2 → flatten → dense 120 (tanh) → dense 84 (tanh)
//           → dense 10 (softmax)                         61,706 parameters
import Synapse

/// The classic convolutional network for 28×28 digit images.
final class LeNet5: Model {
    let conv1 = Conv2D(6, kernelSize: 5, padding: .same, activation: .tanh)
    let pool1 = AveragePool2D(poolSize: 2)
    let conv2 = Conv2D(16, kernelSize: 5, activation: .tanh)
    let pool2 = AveragePool2D(poolSize: 2)
    let flatten = Flatten()
    let dense1 = Dense(120, activation: .tanh)
    let dense2 = Dense(84, activation: .tanh)
    let classifier = Dense(10, activation: .softmax)

    override func call(_ x: Tensor) -> Tensor {
        let features = pool2(conv2(pool1(conv1(x))))
        return classifier(dense2(dense1(flatten(features))))
    }
}

// Training on MNIST, given images [n, 28, 28, 1] scaled to [0, 1] and labels [n]:
//
//   let model = LeNet5()
//   try model.build(inputShape: [28, 28, 1])
//   model.compile(optimizer: .adam(), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
//   try model.fit(trainImages, trainLabels, epochs: 5, batchSize: 128, validationSplit: 0.1)
//   print(try model.evaluate(testImages, testLabels))
