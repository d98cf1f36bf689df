extension Conv2D {
    /// `pool(self(input))`, run as one fused pass when `pool` is a 2×2,
    /// stride-2 `valid` max pool and this layer's activation is ReLU or linear
    /// (the convolution's full-size output is then never stored); otherwise
    /// the two layers one after the other. The result and the gradients are
    /// the same either way.
    ///
    /// `Sequential` does this by itself; in a subclassed model write
    /// `conv1(x, pooledBy: pool1)` instead of `pool1(conv1(x))`.
    public func callAsFunction(_ input: Tensor, pooledBy pool: MaxPool2D) -> Tensor {
        if ShapeInference.current == nil, PerExampleCapture.current == nil, LayerOutputTap.current == nil,
           let fused = callFused(with: pool, input) { return fused }
        return pool(self(input))
    }

    /// This layer followed by `pool`, as one fused operation, when `pool` is
    /// a 2×2, stride-2 `valid` max pool and this layer's activation is ReLU
    /// or linear; nil otherwise (and before both layers are built), so the
    /// caller runs the two layers one after the other.
    ///
    /// The result equals `pool(self(input))`, gradients included; the
    /// convolution's full-size output is never stored.
    func callFused(with pool: MaxPool2D, _ input: Tensor) -> Tensor? {
        let plainPool = pool.poolSize == Size2D(2, 2) && pool.strides == Size2D(2, 2) && pool.padding == .valid
        let relu = activation.name == Activation.relu.name
        guard plainPool, relu || activation.name == Activation.linear.name, isBuilt, pool.isBuilt,
              let kernel, input.rank == 4 else { return nil }
        return input.conv2DMaxPool2x2(kernel.value, bias: bias?.value, strides: strides, padding: padding,
                                      dilation: dilation, appliesReLU: relu)
    }
}
