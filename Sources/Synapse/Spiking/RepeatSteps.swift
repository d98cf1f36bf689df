/// Presents a static input at every time step: `[batch, …]` becomes
/// `[steps·batch, …]`, time-major (the batch at step 0, then at step 1, …).
///
/// Put it just before the first spiking layer, after the layers that do not
/// depend on time (`Flatten`, the first `Dense`): those then run once per
/// batch instead of once per step, and their gradient sums over the steps.
public final class RepeatSteps: Layer {
    /// The number of time steps.
    public let steps: Int

    /// Repeats the input `steps` times; throws for `steps` ≤ 0.
    public init(_ steps: Int) throws {
        guard steps > 0 else { throw SpikingError.noTimeSteps(layer: "RepeatSteps", steps: steps) }
        self.steps = steps
        super.init()
    }

    /// Per example, the shape is unchanged.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] { inputShape }

    /// The input stacked `steps` times along the first axis (copied
    /// block by block; the gradient sums the steps' gradients).
    public override func call(_ input: Tensor) -> Tensor {
        precondition(input.rank >= 1, "RepeatSteps '\(name)': input of shape \(input.shape) has no batch axis")
        let steps = self.steps, count = input.count, shape = input.shape
        let repeated = Tensor(uninitializedShape: [steps * shape[0]] + shape.dropFirst())
        for step in 0..<steps { (repeated.storage.pointer + step * count).update(from: input.storage.pointer, count: count) }
        return Tensor.recording(repeated, input) { grad in
            let sum = Tensor(uninitializedShape: shape)
            sum.storage.pointer.update(from: grad.storage.pointer, count: count)
            for step in 1..<steps {
                let source = grad.storage.pointer + step * count, target = sum.storage.pointer
                for k in 0..<count { target[k] += source[k] }
            }
            return sum
        }
    }

    /// The constructor arguments, for saving.
    public override var configuration: [String: ConfigurationValue] { savedArguments }
}
