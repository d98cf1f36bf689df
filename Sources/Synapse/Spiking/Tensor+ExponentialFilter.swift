extension Tensor {
    /// The first-order low-pass filter along time: y[t] = decay·y[t−1] + x[t],
    /// y[−1] = 0, for `self` shaped `[steps, …]` (the synaptic current of a
    /// `Synaptic` neuron). Differentiable in `self`.
    func exponentiallyFiltered(decay: Float, steps: Int) -> Tensor {
        precondition(steps > 0 && count % steps == 0,
                     "exponentiallyFiltered: \(count) values of shape \(shape) do not split into \(steps) steps")
        let n = count / steps
        let filtered = Tensor(uninitializedShape: shape)
        filtered.storage.pointer.update(from: storage.pointer, count: n)
        for t in 1..<steps {
            let x = storage.pointer + t * n, y = filtered.storage.pointer + t * n, previous = y - n
            for k in 0..<n { y[k] = decay * previous[k] + x[k] }
        }
        return Tensor.recording(filtered, self) { grad in
            let result = Tensor(uninitializedShape: grad.shape)
            let last = (steps - 1) * n
            (result.storage.pointer + last).update(from: grad.storage.pointer + last, count: n)
            for t in stride(from: steps - 2, through: 0, by: -1) {
                let g = grad.storage.pointer + t * n, r = result.storage.pointer + t * n, next = r + n
                for k in 0..<n { r[k] = g[k] + decay * next[k] }
            }
            return result
        }
    }
}
