extension Sequential {
    /// Redraws every `Dense` and `Conv2D` kernel and bias as PyTorch's
    /// `nn.Linear` and `nn.Conv2d` draw them by default (kaiming-uniform with
    /// a = √5): uniform in ±1/√fanIn for both, fanIn being the inputs of one
    /// output (input channels × kernel area for a convolution). Keras's
    /// Glorot kernels and zero biases differ most for the first convolution
    /// of a small network, whose biases PyTorch spreads over ±0.2: for a
    /// recipe written for PyTorch (snnTorch's), this starts where it starts.
    /// Draws from the global generator; the model must be built.
    func redrawWeightsAsPyTorch() {
        for layer in layers {
            let parameters: (kernel: Parameter?, bias: Parameter?)
            switch layer {
            case let dense as Dense: parameters = (dense.kernel, dense.bias)
            case let convolution as Conv2D: parameters = (convolution.kernel, convolution.bias)
            default: continue
            }
            guard let kernel = parameters.kernel else { preconditionFailure("Sequential '\(name)': redrawn before it was built") }
            let fanIn = kernel.shape.dropLast().reduce(1, *)
            let limit = 1 / Float(fanIn).squareRoot()
            for parameter in [kernel, parameters.bias].compactMap({ $0 }) {
                parameter.value = GlobalRandom.draw { Tensor.randomUniform(parameter.shape, lower: -limit, upper: limit, using: &$0) }
            }
        }
    }
}
