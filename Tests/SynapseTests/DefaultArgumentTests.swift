import XCTest
@testable import Synapse

/// The default of every initialiser argument that has one, asserted against
/// Keras 3's default for the same argument (or, where Keras has no such
/// class, against the default its doc comment states). A test that passes
/// every argument explicitly cannot catch a changed default; this one can.
final class DefaultArgumentTests: XCTestCase {
    func testOptimizerDefaultsAreKeras() {
        let sgd = SGD()
        XCTAssertEqual(sgd.learningRate, 0.01)
        XCTAssertEqual(sgd.momentum, 0)
        XCTAssertFalse(sgd.nesterov)
        XCTAssertEqual(sgd.weightDecay, 0)

        let adam = Adam()
        XCTAssertEqual(adam.learningRate, 1e-3)
        XCTAssertEqual(adam.beta1, 0.9)
        XCTAssertEqual(adam.beta2, 0.999)
        XCTAssertEqual(adam.epsilon, 1e-7)
        XCTAssertEqual(adam.weightDecay, 0)

        let adamW = AdamW()
        XCTAssertEqual(adamW.learningRate, 1e-3)
        XCTAssertEqual(adamW.weightDecay, 0.004)
        XCTAssertEqual(adamW.beta1, 0.9)
        XCTAssertEqual(adamW.beta2, 0.999)
        XCTAssertEqual(adamW.epsilon, 1e-7)

        let rmsprop = RMSprop()
        XCTAssertEqual(rmsprop.learningRate, 1e-3)
        XCTAssertEqual(rmsprop.rho, 0.9)
        XCTAssertEqual(rmsprop.momentum, 0)
        XCTAssertEqual(rmsprop.epsilon, 1e-7)
        XCTAssertFalse(rmsprop.centered)
        XCTAssertEqual(rmsprop.weightDecay, 0)

        let adagrad = Adagrad()
        XCTAssertEqual(adagrad.learningRate, 1e-3)
        XCTAssertEqual(adagrad.initialAccumulatorValue, 0.1)
        XCTAssertEqual(adagrad.epsilon, 1e-7)
        XCTAssertEqual(adagrad.weightDecay, 0)

        for optimizer in [sgd, adam, adamW, rmsprop, adagrad] as [Optimizer] {
            XCTAssertNil(optimizer.clipNorm, optimizer.name)
            XCTAssertNil(optimizer.globalClipNorm, optimizer.name)
            XCTAssertNil(optimizer.clipValue, optimizer.name)
            XCTAssertNil(optimizer.schedule, optimizer.name)
        }
    }

    func testOptimizerShorthandsHaveTheClassesDefaults() {
        let pairs: [(Optimizer, Optimizer)] = [
            (.sgd(), SGD()), (.adam(), Adam()), (.adamW(), AdamW()), (.rmsprop(), RMSprop()), (.adagrad(), Adagrad()),
        ]
        for (shorthand, full) in pairs {
            XCTAssertEqual(shorthand.name, full.name)
            XCTAssertEqual(shorthand.configuration, full.configuration, shorthand.name)
        }
    }

    func testLayerDefaultsAreKeras() {
        let batchNormalization = BatchNormalization()
        XCTAssertEqual(batchNormalization.momentum, 0.99)
        XCTAssertEqual(batchNormalization.epsilon, 1e-3)
        XCTAssertEqual(LayerNormalization().epsilon, 1e-3)

        let dense = Dense(3)
        XCTAssertEqual(dense.activation.name, Activation.linear.name)
        XCTAssertTrue(dense.useBias)
        XCTAssertEqual(dense.kernelInitializer.name, "glorot_uniform")
        XCTAssertEqual(dense.biasInitializer.name, "zeros")

        let convolutions: [WindowedConvolution] = [
            Conv2D(2, kernelSize: 3), Conv2DTranspose(2, kernelSize: 3), DepthwiseConv2D(kernelSize: 3),
        ]
        for layer in convolutions {
            XCTAssertEqual(layer.strides, 1, layer.name)
            XCTAssertEqual(layer.padding, .valid, layer.name)
            XCTAssertEqual(layer.dilation, 1, layer.name)
            XCTAssertEqual(layer.activation.name, Activation.linear.name, layer.name)
            XCTAssertTrue(layer.useBias, layer.name)
            XCTAssertEqual(layer.kernelInitializer.name, "glorot_uniform", layer.name)
            XCTAssertEqual(layer.biasInitializer.name, "zeros", layer.name)
        }
        XCTAssertEqual(DepthwiseConv2D(kernelSize: 3).depthMultiplier, 1)

        for pooling in [MaxPool2D(), AveragePool2D()] as [Pooling2D] {
            XCTAssertEqual(pooling.poolSize, 2)
            XCTAssertEqual(pooling.strides, 2, "Keras's strides default to the pool size")
            XCTAssertEqual(pooling.padding, .valid)
        }
        XCTAssertEqual(MaxPool2D(poolSize: 3).strides, 3)
        XCTAssertEqual(UpSampling2D().size, 2)
    }

    func testLossAndMetricDefaultsAreKeras() {
        XCTAssertFalse(SparseCategoricalCrossentropy().fromLogits)
        XCTAssertFalse(CategoricalCrossentropy().fromLogits)
        XCTAssertFalse(BinaryCrossentropy().fromLogits)
        let accuracy = BinaryAccuracy()
        XCTAssertEqual(accuracy.threshold, 0.5)
        XCTAssertEqual(accuracy.name, "binary_accuracy")
    }

    func testActivationArgumentDefaultsAreKeras() {
        // keras.activations.leaky_relu(negative_slope=0.2), elu(alpha=1.0).
        let x = Tensor([-2, -0.5, 1.5])
        assertClose(x.leakyRelu(), x.leakyRelu(slope: 0.2))
        XCTAssertEqual(x.leakyRelu().scalars, [-0.4, -0.1, 1.5])
        assertClose(x.elu(), Tensor([Foundation.exp(-2) - 1, Foundation.exp(-0.5) - 1, 1.5]))
    }

    func testCallbackDefaultsAreKeras() {
        let stopping = EarlyStopping()
        XCTAssertEqual(stopping.monitor, "val_loss")
        XCTAssertEqual(stopping.minDelta, 0)
        XCTAssertEqual(stopping.patience, 0)
        XCTAssertFalse(stopping.higherIsBetter, "mode auto on a loss minimises")
        XCTAssertNil(stopping.baseline)
        XCTAssertFalse(stopping.restoreBestWeights)
        XCTAssertEqual(stopping.startFromEpoch, 0)

        let checkpoint = ModelCheckpoint(directory: URL(fileURLWithPath: "/tmp/unused"))
        XCTAssertFalse(checkpoint.saveBestOnly)
        XCTAssertEqual(checkpoint.monitor, "val_loss")
        XCTAssertEqual(checkpoint.mode, .auto)

        let logger = CSVLogger("/tmp/unused.csv")
        XCTAssertEqual(logger.separator, ",")
        XCTAssertFalse(logger.append)
    }

    func testScheduleDefaults() {
        let cosine = CosineDecay(0.1, decaySteps: 10)
        XCTAssertEqual(cosine.alpha, 0)
        XCTAssertNil(cosine.warmupTarget)
        XCTAssertEqual(cosine.warmupSteps, 0)
        XCTAssertFalse(ExponentialDecay(0.1, decaySteps: 10, decayRate: 0.5).staircase)
        // Not in Keras: the defaults their doc comments state.
        XCTAssertEqual(StepDecay(0.1, dropEvery: 5).factor, 0.5)
        XCTAssertEqual(LinearWarmup(warmupSteps: 5, to: 0.1).startLearningRate, 0)
    }
}
