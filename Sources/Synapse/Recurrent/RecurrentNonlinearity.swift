import CSynapseKernels

/// The activations a fused recurrence can apply in place and differentiate
/// from their output alone (Keras's tanh, sigmoid, relu and linear).
enum RecurrentNonlinearity: Sendable {
    case tanh, sigmoid, relu, linear

    /// The names `RecurrentLayer` accepts, for error messages.
    static let supportedNames = ["tanh", "sigmoid", "relu", "linear"]

    /// The nonlinearity named like `activation`, if the recurrence supports it.
    init?(_ activation: Activation) {
        switch activation.name {
        case "tanh": self = .tanh
        case "sigmoid": self = .sigmoid
        case "relu": self = .relu
        case "linear": self = .linear
        default: return nil
        }
    }

    /// Replaces the `count` values at `values` by their activation.
    func apply(_ values: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .tanh: syn_vtanh(values, values, count)
        case .sigmoid: syn_vsigmoid(values, values, count)
        case .relu: for i in 0..<count where !(values[i] > 0) { values[i] = 0 }
        case .linear: break
        }
    }

    /// The derivative at the input whose activation is `output`.
    @inline(__always)
    func derivative(output: Float) -> Float {
        switch self {
        case .tanh: return 1 - output * output
        case .sigmoid: return output * (1 - output)
        case .relu: return output > 0 ? 1 : 0
        case .linear: return 1
        }
    }
}
