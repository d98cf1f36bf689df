import XCTest
@testable import Synapse

/// The convolution, pooling and resizing operations against finite differences.
final class ConvGradientTests: XCTestCase, GradientChecked {
    static var image: Tensor { randomTensor([2, 5, 6, 3], seed: 21) }

    static var gradientCases: [GradientCase] {
        conv2DCases + conv2DWithFusedReLUCases + conv2DTransposeCases + depthwiseCases + poolingCases
            + resizingCases
    }

    func testGradientCases() {
        Self.gradientCases.assertAllPass()
    }

    static var conv2DCases: [GradientCase] {
        let kernel = randomTensor([3, 3, 3, 2], seed: 22), bias = randomTensor([2], seed: 23)
        let settings: [(Size2D, Padding, Size2D)] = [(Size2D(1, 1), .valid, Size2D(1, 1)), (2, .same, 1), (1, .same, Size2D(2, 1)), (Size2D(2, 1), .valid, 1)]
        let pointwise = randomTensor([1, 1, 3, 4], seed: 24)
        return settings.map { strides, padding, dilation in
            GradientCase(at: [image, kernel, bias]) {
                $0[0].conv2D($0[1], bias: $0[2], strides: strides, padding: padding, dilation: dilation)
            }
        } + [
            GradientCase(at: [image, kernel]) { $0[0].conv2D($0[1], padding: .same) },
            GradientCase(at: [image, pointwise]) { $0[0].conv2D($0[1]) },
        ]
    }

    // Small weights and biases of ±1.5 and 1 keep every pre-activation at
    // least 0.4 away from ReLU's kink, on both sides of it.
    static var fusedReLUKernel: Tensor { randomTensor([2, 2, 3, 3], seed: 25) * 0.05 }
    static var fusedReLUBias: Tensor { Tensor([1.5, -1.5, 1]) }

    static var conv2DWithFusedReLUCases: [GradientCase] {
        [GradientCase(at: [image, fusedReLUKernel, fusedReLUBias]) {
            $0[0].conv2D($0[1], bias: $0[2], padding: .same, appliesReLU: true)
        }]
    }

    func testConv2DWithFusedReLUStaysAwayFromTheKinkAndMatchesReLU() {
        let output = withoutGradients { Self.image.conv2D(Self.fusedReLUKernel, bias: Self.fusedReLUBias, padding: .same) }
        XCTAssertGreaterThan(output.scalars.map(Swift.abs).min()!, 0.3)
        let relu = withoutGradients {
            Self.image.conv2D(Self.fusedReLUKernel, bias: Self.fusedReLUBias, padding: .same, appliesReLU: true)
        }
        assertClose(relu, output.relu())
    }

    func testConv2DSkipsTheInputGradientWhenNotNeeded() {
        // The kernel's gradient of sum(conv2D) with a constant input is, for
        // each tap (i, j, c), the sum of the input over the windows' pixels at
        // that tap: the same for every filter. It must not change when the
        // input's gradient is also computed.
        let image = Self.image, kernel = randomTensor([3, 3, 3, 2], seed: 27)
        let trainable = kernel.requiringGradient()
        let alone = image.conv2D(trainable).sum().gradients(wrt: [trainable])[0]
        var expected = [Float](repeating: 0, count: kernel.count)
        for i in 0..<3 { for j in 0..<3 { for c in 0..<3 {
            var total: Float = 0
            for n in 0..<2 { for y in 0..<3 { for x in 0..<4 {
                total += image.scalars[((n * 5 + y + i) * 6 + x + j) * 3 + c]
            } } }
            for f in 0..<2 { expected[((i * 3 + j) * 3 + c) * 2 + f] = total }
        } } }
        assertClose(alone, Tensor(shape: kernel.shape, scalars: expected))
        let input = image.requiringGradient(), both = kernel.requiringGradient()
        let together = input.conv2D(both).sum().gradients(wrt: [input, both])
        assertClose(together[1], alone)
    }

    static var conv2DTransposeCases: [GradientCase] {
        let input = randomTensor([2, 3, 4, 2], seed: 28)
        let kernel = randomTensor([3, 3, 3, 2], seed: 29), bias = randomTensor([3], seed: 30)
        let settings: [(Size2D, Padding)] = [(Size2D(1, 1), .valid), (2, .same), (2, .valid)]
        return settings.map { strides, padding in
            GradientCase(at: [input, kernel, bias]) {
                $0[0].conv2DTranspose($0[1], bias: $0[2], strides: strides, padding: padding)
            }
        }
    }

    static var depthwiseCases: [GradientCase] {
        let kernel = randomTensor([3, 2, 3, 2], seed: 31), bias = randomTensor([6], seed: 32)
        return [
            GradientCase(at: [image, kernel, bias]) { $0[0].depthwiseConv2D($0[1], bias: $0[2], strides: 2, padding: .same) },
            GradientCase(at: [image, kernel]) { $0[0].depthwiseConv2D($0[1], dilation: Size2D(1, 2)) },
        ]
    }

    static var poolingCases: [GradientCase] {
        // Distinct values, so the maximum of each window is unambiguous.
        let distinct = Tensor(shape: [2, 5, 6, 3], scalars: (0..<180).map { Float(($0 * 37) % 180) / 50 })
        return [
            GradientCase(at: [distinct]) { $0[0].maxPool2D(poolSize: 2) },
            GradientCase(at: [distinct]) { $0[0].maxPool2D(poolSize: 3, strides: 2, padding: .same) },
            GradientCase(at: [image]) { $0[0].averagePool2D(poolSize: 2) },
            GradientCase(at: [image]) { $0[0].averagePool2D(poolSize: 3, strides: 2, padding: .same) },
            GradientCase(at: [image]) { $0[0].mean(alongAxes: [1, 2]) },
        ]
    }

    static var resizingCases: [GradientCase] {
        [
            GradientCase(at: [image]) { $0[0].zeroPadded2D(top: 1, bottom: 2, left: 0, right: 1) },
            GradientCase(at: [image]) { $0[0].upsampledNearest2D(size: Size2D(2, 3)) },
        ]
    }
}
