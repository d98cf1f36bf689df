import XCTest
@testable import Synapse

/// One finite-difference gradient check, kept as a value so that the suite can
/// both run it (`assertPasses`) and ask which recording sites it runs through
/// (`recordingSites`), for `GradientCoverageTests`.
struct GradientCase {
    let inputs: [Tensor]
    let epsilon: Float
    let absoluteTolerance: Double
    let relativeTolerance: Double
    let function: ([Tensor]) -> Tensor
    let file: StaticString
    let line: UInt

    /// A check of `function` at `inputs`, at `checkGradients`'s default step
    /// and tolerances unless the caller says why it needs others.
    init(at inputs: [Tensor], epsilon: Float = 1e-2,
         absoluteTolerance: Double = 2e-4, relativeTolerance: Double = 2e-3,
         file: StaticString = #filePath, line: UInt = #line,
         _ function: @escaping ([Tensor]) -> Tensor) {
        self.inputs = inputs
        self.epsilon = epsilon
        self.absoluteTolerance = absoluteTolerance
        self.relativeTolerance = relativeTolerance
        self.function = function
        self.file = file
        self.line = line
    }

    /// Fails, at the line that made this case, unless autodiff matches finite differences.
    func assertPasses() {
        assertGradientsMatch(at: inputs, epsilon: epsilon, absoluteTolerance: absoluteTolerance,
                             relativeTolerance: relativeTolerance, file: file, line: line, function)
    }

    /// The `file:line` of every recorded operation whose backward closure a
    /// backward pass from `function`'s output runs.
    func recordingSites() -> Set<String> {
        let leaves = inputs.map { $0.detached().requiringGradient() }
        let output = function(leaves)
        guard let root = output.gradNode else { return [] }
        _ = output.gradients(wrt: leaves)
        return Set(GradNode.topologicalOrder(from: root).compactMap { $0.site?.description })
    }
}

extension Array where Element == GradientCase {
    /// Runs every case's check.
    func assertAllPass() {
        for gradientCase in self { gradientCase.assertPasses() }
    }
}

/// A test class whose gradient checks `GradientCoverageTests` counts.
protocol GradientChecked {
    /// Every finite-difference check the class runs in `testGradientCases`.
    static var gradientCases: [GradientCase] { get }
}
