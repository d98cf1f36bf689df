extension Tensor {
    /// The same values; on the way back only the positive part of the
    /// gradient passes. Placed after each ReLU, this turns backpropagation
    /// into guided backpropagation (Springenberg et al., 2015): a ReLU's own
    /// mask and this gate together pass a gradient only where both the
    /// activation and the gradient are positive.
    func passingPositiveGradients() -> Tensor {
        Tensor.recording(self, self) { grad in grad.relu() }
    }
}
