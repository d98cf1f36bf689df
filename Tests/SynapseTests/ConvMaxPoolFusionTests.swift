import CSynapseKernels
import XCTest
@testable import Synapse

/// The fused convolution + 2×2 max pool against the two operations run one
/// after the other, and `Sequential`'s use of it.
final class ConvMaxPoolFusionTests: XCTestCase, GradientChecked {
    /// Forward values and all three gradients of the fused op against
    /// `conv2D` then `maxPool2D(poolSize: 2)`, at 1 and 2 threads.
    func checkAgainstUnfused(input: [Int], kernel: [Int], strides: Size2D = 1, padding: Padding = .valid,
                             dilation: Size2D = 1, relu: Bool, bias: Bool = true, seed: UInt64,
                             file: StaticString = #filePath, line: UInt = #line) {
        let w = randomTensor(kernel, seed: seed + 1).requiringGradient()
        let b = bias ? randomTensor([kernel[3]], seed: seed + 2).requiringGradient() : nil
        let saved = syn_num_threads()
        defer { syn_set_num_threads(saved); syn_gemm_force_kernel("auto") }
        // With and without an input gradient (a first layer needs none), on
        // the best GEMM kernel (implicit GEMM for few channels on AVX-512)
        // and on AVX2 (always im2col), at 1 and 2 threads.
        let kernels = ["auto"] + (syn_gemm_force_kernel("avx2") == 0 ? ["avx2"] : [])
        for threads: Int32 in [1, 2] { for gemmKernel in kernels { for inputGradient in [true, false] {
            syn_set_num_threads(threads)
            syn_gemm_force_kernel(gemmKernel)
            let x = inputGradient ? randomTensor(input, seed: seed).requiringGradient() : randomTensor(input, seed: seed)
            let fused = x.conv2DMaxPool2x2(w, bias: b, strides: strides, padding: padding, dilation: dilation,
                                           appliesReLU: relu)
            let unfused = x.conv2D(w, bias: b, strides: strides, padding: padding, dilation: dilation, appliesReLU: relu)
                .maxPool2D(poolSize: 2)
            let what = "input \(input) kernel \(kernel) strides \(strides) \(padding) relu \(relu) threads \(threads) "
                + "GEMM \(gemmKernel) input gradient \(inputGradient)"
            assertClose(fused, unfused, tolerance: 1e-6, what, file: file, line: line)
            // Weights on the outputs make every pooled element's gradient differ.
            let weights = randomTensor(fused.shape, seed: seed + 3)
            let names = (inputGradient ? ["input"] : []) + ["kernel"] + (bias ? ["bias"] : [])
            let parameters = (inputGradient ? [x] : []) + [w] + (b.map { [$0] } ?? [])
            let fusedGrads = (fused * weights).sum().gradients(wrt: parameters)
            let unfusedGrads = (unfused * weights).sum().gradients(wrt: parameters)
            for (name, (a, e)) in zip(names, zip(fusedGrads, unfusedGrads)) where name != "bias" {
                assertClose(a, e, tolerance: name == "input" ? 1e-6 : 1e-5, "\(name) gradient, \(what)", file: file, line: line)
            }
            // The bias gradient is a sum over every pooled output, which the two
            // paths add up in different orders, so they are checked against the
            // sum in Float64 instead of each other (the gradient of
            // Σ weights·pooled reaches the bias where the pooled value passed
            // the ReLU). Both are Float32 sums of up to 1,521 terms of either
            // sign, about 1e-5 off that sum on the convnet's first layer.
            if bias {
                let filters = kernel[3]
                var exact = [Double](repeating: 0, count: filters)
                for (index, (value, weight)) in zip(fused.scalars, weights.scalars).enumerated() where !relu || value > 0 {
                    exact[index % filters] += Double(weight)
                }
                let exactTensor = Tensor(shape: [filters], scalars: exact.map { Float($0) })
                assertClose(fusedGrads.last!, exactTensor, tolerance: 2e-5, "fused bias gradient against Float64, \(what)",
                            file: file, line: line)
                assertClose(unfusedGrads.last!, exactTensor, tolerance: 2e-5, "unfused bias gradient against Float64, \(what)",
                            file: file, line: line)
            }
        } } }
    }

    func testMatchesConvolutionThenPoolingOnOddShapes() {
        // 5×7 images leave an odd row and column that no window covers.
        checkAgainstUnfused(input: [3, 5, 7, 1], kernel: [3, 3, 1, 4], relu: true, seed: 1)
        checkAgainstUnfused(input: [2, 7, 9, 3], kernel: [3, 3, 3, 5], padding: .same, relu: true, seed: 5)
        checkAgainstUnfused(input: [2, 9, 8, 3], kernel: [3, 2, 3, 3], strides: 2, padding: .same, relu: false, seed: 9)
        checkAgainstUnfused(input: [1, 9, 9, 2], kernel: [2, 2, 2, 17], dilation: 2, relu: true, bias: false, seed: 13)
        checkAgainstUnfused(input: [2, 6, 6, 4], kernel: [1, 1, 4, 3], relu: false, bias: false, seed: 17)
        checkAgainstUnfused(input: [2, 10, 11, 3], kernel: [3, 2, 3, 4], strides: Size2D(2, 3), relu: true, seed: 19)
        // Filter counts that leave a partial wide panel (40) and a wide panel plus a narrow one (70).
        checkAgainstUnfused(input: [2, 8, 9, 3], kernel: [3, 3, 3, 40], relu: true, seed: 41)
        checkAgainstUnfused(input: [2, 7, 8, 2], kernel: [2, 3, 2, 70], relu: false, seed: 45)
    }

    func testConvNetShapesAcrossSeveralChunks() {
        // The simple convnet's layers, with enough images for several tasks per thread.
        checkAgainstUnfused(input: [9, 28, 28, 1], kernel: [3, 3, 1, 32], relu: true, seed: 21)
        checkAgainstUnfused(input: [7, 13, 13, 32], kernel: [3, 3, 32, 64], relu: true, seed: 25)
    }

    static var gradientCases: [GradientCase] {
        // Distinct pre-activations keep finite differences away from max ties
        // and from ReLU's kink.
        let x = randomTensor([2, 6, 7, 2], seed: 31)
        let w = randomTensor([3, 3, 2, 3], seed: 32), b = Tensor([0.3, -0.2, 0.1])
        return [
            GradientCase(at: [x, w, b]) {
                $0[0].conv2DMaxPool2x2($0[1], bias: $0[2], padding: .same, appliesReLU: true)
            },
            GradientCase(at: [x, w]) { $0[0].conv2DMaxPool2x2($0[1], strides: 2, padding: .same) },
        ]
    }

    func testGradientCases() {
        Self.gradientCases.assertAllPass()
    }

    func testSequentialFusesConvolutionAndPoolingWithTheSameResults() throws {
        Synapse.seed(3)
        let model = Sequential.simpleConvNet()
        try model.build(inputShape: [28, 28, 1])
        let images = randomTensor([6, 28, 28, 1], seed: 33, lower: 0, upper: 1)
        let labels = Tensor([1, 0, 3, 9, 4, 7])
        // The same layers called one at a time, as a subclassed model would.
        func layerByLayer(_ x: Tensor) -> Tensor { model.layers.reduce(x) { $1($0) } }
        XCTAssertNotNil((model.layers[0] as! Conv2D).callFused(with: model.layers[1] as! MaxPool2D, images))
        for training in [false, true] {
            model.setTraining(training)
            Synapse.seed(8)
            let fusedLoss = Loss.sparseCategoricalCrossentropy(predictions: model(images), targets: labels)
            let fusedGrads = fusedLoss.gradients(wrt: model.trainableParameters.map(\.value))
            Synapse.seed(8)
            let plainLoss = Loss.sparseCategoricalCrossentropy(predictions: layerByLayer(images), targets: labels)
            let plainGrads = plainLoss.gradients(wrt: model.trainableParameters.map(\.value))
            assertClose(fusedLoss, plainLoss, "loss, training \(training)")
            for (index, (a, e)) in zip(fusedGrads, plainGrads).enumerated() {
                assertClose(a, e, "parameter \(index), training \(training)")
            }
        }
    }

    /// Keras's convnet written by subclassing, pooling through `pooledBy:`.
    final class PooledByConvNet: Model {
        let conv1 = Conv2D(32, kernelSize: 3, activation: .relu), pool1 = MaxPool2D(poolSize: 2)
        let conv2 = Conv2D(64, kernelSize: 3, activation: .relu), pool2 = MaxPool2D(poolSize: 2)
        let flatten = Flatten(), classifier = Dense(10, activation: .softmax)

        override func call(_ x: Tensor) -> Tensor {
            classifier(flatten(conv2(conv1(x, pooledBy: pool1), pooledBy: pool2)))
        }
    }

    func testSubclassedModelPoolsThroughTheFusedCall() throws {
        Synapse.seed(5)
        let model = PooledByConvNet()
        try model.build(inputShape: [12, 14, 1])
        XCTAssertEqual(model.parameterCount, 32 * 9 + 32 + 64 * 288 + 64 + 128 * 10 + 10)
        let images = randomTensor([3, 12, 14, 1], seed: 34, lower: 0, upper: 1)
        model.train()
        let fused = model(images)
        let plain = model.classifier(model.flatten(model.pool2(model.conv2(model.pool1(model.conv1(images))))))
        assertClose(fused, plain, tolerance: 1e-6)
        let grads = fused.sum().gradients(wrt: model.trainableParameters.map(\.value))
        let plainGrads = plain.sum().gradients(wrt: model.trainableParameters.map(\.value))
        for (index, (a, e)) in zip(grads, plainGrads).enumerated() { assertClose(a, e, tolerance: 5e-5, "parameter \(index)") }
    }

    func testOtherPoolsAndActivationsAreNotFused() throws {
        let conv = Conv2D(2, kernelSize: 3, activation: .tanh)
        let model = Sequential([conv, MaxPool2D(poolSize: 2)])
        try model.build(inputShape: [6, 6, 1])
        XCTAssertNil(conv.callFused(with: model.layers[1] as! MaxPool2D, randomTensor([1, 6, 6, 1], seed: 1)))
        let relu = Sequential([Conv2D(2, kernelSize: 3, activation: .relu), MaxPool2D(poolSize: 2, strides: 1)])
        try relu.build(inputShape: [6, 6, 1])
        XCTAssertNil((relu.layers[0] as! Conv2D).callFused(with: relu.layers[1] as! MaxPool2D, randomTensor([1, 6, 6, 1], seed: 1)))
    }
}
