import XCTest
@testable import Synapse

/// Finite-difference checks of the 1-D convolution and pooling (each
/// padding, a stride and a dilation), the merge layers, and a residual
/// functional graph with a shared layer.
final class SequenceGradientTests: XCTestCase, GradientChecked {
    static var gradientCases: [GradientCase] {
        let x = Tensor.randomNormal([2, 7, 3], seed: 1)
        let kernel = Tensor.randomNormal([3, 3, 4], seed: 2)
        let bias = Tensor.randomNormal([4], seed: 3)
        var cases: [GradientCase] = []
        for (padding, stride, dilation) in [(Padding1D.valid, 2, 1), (.same, 1, 2), (.causal, 2, 1), (.causal, 1, 2)] {
            let upstream = Tensor.randomNormal(x.conv1D(kernel, stride: stride, padding: padding, dilation: dilation).shape,
                                               seed: 4)
            cases.append(GradientCase(at: [x, kernel, bias]) { inputs in
                (inputs[0].conv1D(inputs[1], bias: inputs[2], stride: stride, padding: padding, dilation: dilation)
                    * upstream).sum()
            })
        }
        // The fused ReLU, at inputs kept away from its kink.
        let reluUpstream = Tensor.randomNormal([2, 7, 4], seed: 5)
        cases.append(GradientCase(at: [randomTensorAwayFromZero([2, 7, 3], seed: 6), kernel]) { inputs in
            (inputs[0].conv1D(inputs[1], padding: .same, appliesReLU: true) * reluUpstream).sum()
        })
        let poolUpstream = Tensor.randomNormal([2, 4, 3], seed: 7)
        cases.append(GradientCase(at: [x]) { inputs in
            (inputs[0].maxPool1D(poolSize: 3, stride: 2, padding: .same) * poolUpstream).sum()
        })
        cases.append(GradientCase(at: [x]) { inputs in (GlobalMaxPool1D()(inputs[0]) * bias.slice(alongAxis: 0, 0..<3)).sum() })
        cases.append(GradientCase(at: [x]) { inputs in (GlobalAveragePool1D()(inputs[0]) * bias.slice(alongAxis: 0, 0..<3)).sum() })
        // Add and Concatenate joining two inputs, then a residual graph
        // whose shared Dense is called twice.
        let a = Tensor.randomNormal([2, 3], seed: 8), b = Tensor.randomNormal([2, 3], seed: 9)
        let mergeUpstream = Tensor.randomNormal([2, 6], seed: 10)
        cases.append(GradientCase(at: [a, b]) { inputs in
            (Concatenate()([Add()([inputs[0], inputs[1]]), inputs[1]]) * mergeUpstream).sum()
        })
        let model = residualModel()
        let residualUpstream = Tensor.randomNormal([2, 3], seed: 11)
        cases.append(GradientCase(at: [a]) { inputs in (model(inputs[0]) * residualUpstream).sum() })
        return cases
    }

    /// x → tanh Dense → shared Dense → + x → shared Dense again.
    static func residualModel() -> Functional {
        Synapse.seed(12)
        let input = Input(shape: [3])
        let shared = Dense(3)
        let hidden = Dense(3, activation: .tanh)(input)
        let joined = Add()([input, shared(hidden)])
        return Functional(inputs: input, outputs: shared(joined))
    }

    func testGradientCases() { Self.gradientCases.assertAllPass() }
}
