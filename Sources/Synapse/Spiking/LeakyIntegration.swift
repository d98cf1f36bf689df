import CSynapseKernels

/// Leaky integrate-and-fire over a whole sequence as two recorded
/// operations (spikes and membrane), with backpropagation through time
/// written out by hand: no graph node per step and no closure per element.
///
/// Currents are `[T, rows, features…]` flattened to `T` slices of `n` values
/// (`n` a multiple of the feature count `F`); `beta` and `threshold` hold one
/// value or `F`. The dynamics are snnTorch's `Leaky`:
/// R[t] = H(U[t−1] − θ), detached; U[t] = clamp(β, 0, 1)·U[t−1] + I[t] − R[t]·θ
/// (or β·(1 − R[t])·U[t−1] + I[t] for reset to zero); S[t] = H(U[t] − θ).
/// U[−1] is `initial` (zeros by default).
struct LeakyIntegration {
    /// The spikes, `currents.shape`.
    let spikes: Tensor
    /// The membrane potentials, `currents.shape`.
    let membrane: Tensor

    /// For a layer-wide β and θ, any width that divides `n` will do: the
    /// largest up to 4096, so inner loops are long and the per-feature
    /// copies of β and θ stay in cache.
    static func rowWidth(dividing n: Int) -> Int {
        var width = Swift.min(n, 4096)
        while width > 1 && n % width != 0 { width -= 1 }
        return Swift.max(width, 1)
    }

    init(currents: Tensor, steps: Int, beta: Tensor, threshold: Tensor, reset: NeuronReset,
         surrogate: Surrogate, initial: Tensor? = nil) {
        precondition(steps > 0 && currents.count % steps == 0,
                     "LeakyIntegration: \(currents.count) values do not split into \(steps) steps")
        let n = currents.count / steps
        let features = beta.count == 1 && threshold.count == 1
            ? LeakyIntegration.rowWidth(dividing: n) : Swift.max(beta.count, threshold.count)
        precondition(n % features == 0 && (beta.count == 1 || beta.count == features)
                     && (threshold.count == 1 || threshold.count == features),
                     "LeakyIntegration: beta \(beta.shape) and threshold \(threshold.shape) do not fit currents \(currents.shape)")
        if let initial { precondition(initial.count == n, "LeakyIntegration: initial membrane \(initial.shape) needs \(n) values") }
        let run = LeakyRun(steps: steps, n: n, features: features, beta: beta, threshold: threshold,
                           reset: reset, surrogate: surrogate)
        let (rawSpikes, rawMembrane) = run.forward(currents: currents, initial: initial)
        var inputs = [currents, beta, threshold]
        if let initial { inputs.append(initial) }
        let shapes = inputs.map(\.shape)
        let needsParameters = beta.requiresGradient || threshold.requiresGradient
        spikes = Tensor.recording(rawSpikes, inputs) { grad in
            run.backward(grad, membrane: rawMembrane, initial: initial, throughSpikes: true, shapes: shapes,
                         needsParameters: needsParameters)
        }
        membrane = Tensor.recording(rawMembrane, inputs) { grad in
            run.backward(grad, membrane: rawMembrane, initial: initial, throughSpikes: false, shapes: shapes,
                         needsParameters: needsParameters)
        }
    }
}

/// The settings of one integration, expanded per feature, with the two
/// passes.
private struct LeakyRun {
    let steps: Int, n: Int, features: Int
    let reset: NeuronReset
    let surrogate: Surrogate
    /// clamp(β, 0, 1) per feature, and 1 where β lies inside [0, 1] (the clamp's gradient).
    let beta: [Float], betaPasses: [Float]
    let threshold: [Float]

    init(steps: Int, n: Int, features: Int, beta: Tensor, threshold: Tensor, reset: NeuronReset, surrogate: Surrogate) {
        self.steps = steps
        self.n = n
        self.features = features
        self.reset = reset
        self.surrogate = surrogate
        let rawBeta = beta.count == 1 ? Array(repeating: beta.scalars[0], count: features) : beta.scalars
        self.beta = rawBeta.map { Swift.min(Swift.max($0, 0), 1) }
        self.betaPasses = rawBeta.map { $0 >= 0 && $0 <= 1 ? 1 : 0 }
        self.threshold = threshold.count == 1 ? Array(repeating: threshold.scalars[0], count: features) : threshold.scalars
    }

    func forward(currents: Tensor, initial: Tensor?) -> (Tensor, Tensor) {
        let spikes = Tensor(uninitializedShape: currents.shape)
        let membrane = Tensor(uninitializedShape: currents.shape)
        let zeros = Tensor.zeros([features])
        let rows = n / features, features = self.features, reset = self.reset, surrogate = self.surrogate
        let start = initial?.storage.pointer
        beta.withUnsafeBufferPointer { beta in
            threshold.withUnsafeBufferPointer { theta in
                _ = forEachChunk(of: rows) { _, rowRange in
                    for t in 0..<steps {
                        for row in rowRange {
                            let o = t * n + row * features
                            let p = t > 0 ? membrane.storage.pointer + o - n : (start.map { $0 + row * features } ?? zeros.storage.pointer)
                            let i = currents.storage.pointer + o, u = membrane.storage.pointer + o, s = spikes.storage.pointer + o
                            switch reset {
                            case .subtract:
                                for f in 0..<features {
                                    let r: Float = p[f] > theta[f] ? 1 : 0
                                    u[f] = beta[f] * p[f] + i[f] - r * theta[f]
                                }
                            case .zero:
                                for f in 0..<features { u[f] = p[f] > theta[f] ? i[f] : beta[f] * p[f] + i[f] }
                            }
                            if surrogate.smoothForward {
                                for f in 0..<features { s[f] = surrogate.smoothed(at: u[f] - theta[f]) }
                            } else {
                                for f in 0..<features { s[f] = u[f] > theta[f] ? 1 : 0 }
                            }
                        }
                    }
                }
            }
        }
        return (spikes, membrane)
    }

    /// The gradients of currents, β, θ (and the initial membrane) from the
    /// gradient of the spikes (`throughSpikes`) or of the membrane. Rows run
    /// in parallel; β's and θ's gradients are summed per chunk, then added.
    func backward(_ grad: Tensor, membrane: Tensor, initial: Tensor?, throughSpikes: Bool, shapes: [[Int]],
                  needsParameters: Bool) -> [Tensor?] {
        let gradCurrents = Tensor(uninitializedShape: shapes[0])
        let carry = Tensor.zeros([n]), slope = Tensor(uninitializedShape: [n]), zeros = Tensor.zeros([features])
        let rows = n / features, features = self.features, reset = self.reset, surrogate = self.surrogate
        let maximumChunks = Swift.max(1, Int(syn_num_threads()))
        let partials = Tensor.zeros([maximumChunks, 2, features])
        let start = initial?.storage.pointer
        beta.withUnsafeBufferPointer { beta in
            threshold.withUnsafeBufferPointer { theta in
                betaPasses.withUnsafeBufferPointer { passes in
                    _ = forEachChunk(of: rows) { chunk, rowRange in
                        let gb = partials.storage.pointer + chunk * 2 * features, gt = gb + features
                        for t in stride(from: steps - 1, through: 0, by: -1) {
                            for row in rowRange {
                                let local = row * features, o = t * n + local
                                let u = membrane.storage.pointer + o, g = grad.storage.pointer + o
                                let p = t > 0 ? u - n : (start.map { $0 + local } ?? zeros.storage.pointer)
                                let c = carry.storage.pointer + local, d = gradCurrents.storage.pointer + o
                                let direct = slope.storage.pointer + local
                                if throughSpikes {
                                    for f in 0..<features { direct[f] = u[f] - theta[f] }
                                    surrogate.applyDerivative(direct, count: features)
                                    for f in 0..<features { direct[f] *= g[f] }
                                    if needsParameters { for f in 0..<features { gt[f] -= direct[f] } }
                                } else {
                                    direct.update(from: g, count: features)
                                }
                                switch reset {
                                case .subtract:
                                    for f in 0..<features {
                                        let du = c[f] + direct[f]
                                        d[f] = du
                                        c[f] = du * beta[f]
                                    }
                                    if needsParameters {
                                        for f in 0..<features {
                                            gb[f] += d[f] * p[f] * passes[f]
                                            gt[f] -= p[f] > theta[f] ? d[f] : 0
                                        }
                                    }
                                case .zero:
                                    for f in 0..<features {
                                        let du = c[f] + direct[f]
                                        let kept: Float = p[f] > theta[f] ? 0 : 1
                                        d[f] = du
                                        c[f] = du * beta[f] * kept
                                    }
                                    if needsParameters {
                                        for f in 0..<features { gb[f] += d[f] * p[f] * (p[f] > theta[f] ? 0 : 1) * passes[f] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        let summed = partials.sum(alongAxis: 0)
        let gradBeta = summed.slice(alongAxis: 0, 0..<1).reshaped(to: [features])
        let gradTheta = summed.slice(alongAxis: 0, 1..<2).reshaped(to: [features])
        let reduce = { (values: Tensor, shape: [Int]) -> Tensor in
            Tensor.elementCount(shape) == features ? values.reshaped(to: shape) : values.sum().reshaped(to: shape)
        }
        var result: [Tensor?] = [gradCurrents, reduce(gradBeta, shapes[1]), reduce(gradTheta, shapes[2])]
        if initial != nil { result.append(carry.reshaped(to: shapes[3])) }
        return result
    }
}
