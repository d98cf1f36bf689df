import XCTest
@testable import Synapse

/// Dense fuses its bias and a built-in ReLU or identity into the GEMM; the
/// results and gradients must match the unfused composition.
final class DenseFusionTests: XCTestCase {
    /// The same layer with an activation Dense cannot fuse (a custom one).
    private func unfusedTwin(of layer: Dense, _ function: @escaping @Sendable (Tensor) -> Tensor) -> Dense {
        let twin = Dense(layer.units, activation: Activation(name: "custom", function), useBias: layer.useBias)
        _ = twin(Tensor.zeros([1, layer.kernel!.shape[0]]))
        twin.kernel!.value = layer.kernel!.value
        if layer.useBias { twin.bias!.value = layer.bias!.value }
        return twin
    }

    private func check(activation: Activation, _ function: @escaping @Sendable (Tensor) -> Tensor, useBias: Bool,
                       rows: Int, features: Int, units: Int, file: StaticString = #filePath, line: UInt = #line) {
        let layer = Dense(units, activation: activation, useBias: useBias)
        let x = randomTensor([rows, features], seed: UInt64(rows * 100 + units)).requiringGradient()
        _ = layer(x)
        if useBias { layer.bias!.value = randomTensor([units], seed: 5) }
        let twin = unfusedTwin(of: layer, function)
        let fused = layer(x), plain = twin(x)
        assertClose(fused, plain, "forward \(activation) \(rows)x\(features)x\(units)", file: file, line: line)
        let fusedWrt = [x, layer.kernel!.value] + (useBias ? [layer.bias!.value] : [])
        let plainWrt = [x, twin.kernel!.value] + (useBias ? [twin.bias!.value] : [])
        let upstream = plain.detached()
        let fusedGrads = (fused * upstream).sum().gradients(wrt: fusedWrt)
        let plainGrads = (plain * upstream).sum().gradients(wrt: plainWrt)
        for (got, want) in zip(fusedGrads, plainGrads) {
            assertClose(got, want, "gradient \(activation) \(rows)x\(features)x\(units)", file: file, line: line)
        }
        if useBias {
            // The bias gradient is the column sum of the upstream gradient
            // where the activation passes it, summed here in Float64.
            let passes = activation.name == Activation.relu.name ? plain.scalars.map { $0 > 0 } : plain.scalars.map { _ in true }
            var expected = [Double](repeating: 0, count: units)
            for (index, value) in upstream.scalars.enumerated() where passes[index] { expected[index % units] += Double(value) }
            assertClose(fusedGrads[2], Tensor(shape: [units], scalars: expected.map(Float.init)),
                        "bias gradient \(activation) \(rows)x\(features)x\(units)", file: file, line: line)
        }
    }

    func testFusedReLUAndIdentityMatchTheUnfusedLayer() {
        for (rows, features, units) in [(1, 784, 128), (3, 7, 10), (17, 33, 33), (1, 1, 1)] {
            for useBias in [true, false] {
                check(activation: .relu, { $0.relu() }, useBias: useBias, rows: rows, features: features, units: units)
                check(activation: .linear, { $0 }, useBias: useBias, rows: rows, features: features, units: units)
            }
        }
    }

    func testFusionWorksWithGradientsOffAndOnHigherRanks() {
        let layer = Dense(5, activation: .relu)
        let x = randomTensor([2, 3, 4], seed: 9)
        let fused = withoutGradients { layer(x) }
        let twin = unfusedTwin(of: layer) { $0.relu() }
        XCTAssertEqual(fused.shape, [2, 3, 5])
        assertClose(fused, twin(x))
    }
}
