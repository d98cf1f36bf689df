/// Pair-based spike-timing-dependent plasticity with exponential traces
/// (SpikingJelly's `stdp_linear_step`): each step, first the traces,
/// tr ← tr − tr/τ + s, then
///
/// Δw = f_post(w)·(s_post ⊗ tr_pre) − f_pre(w)·(tr_post ⊗ s_pre),
///
/// summed over the batch, for weights `[pre, post]`. A pre spike shortly
/// before a post spike strengthens the synapse; one shortly after weakens it.
///
/// ```swift
/// var rule = try PairSTDP(preTimeConstant: 2, postTimeConstant: 2,
///                         potentiation: .constant(0.01), depression: .constant(0.01))
/// let change = rule.step(pre: preSpikes, post: postSpikes, weights: w)   // [pre, post]
/// ```
public struct PairSTDP: Sendable {
    /// τ of the presynaptic trace, in steps (at least 1).
    public let preTimeConstant: Float
    /// τ of the postsynaptic trace, in steps (at least 1).
    public let postTimeConstant: Float
    /// f_post(w), the potentiation's scale.
    public let potentiation: STDPWeightScaling
    /// f_pre(w), the depression's scale.
    public let depression: STDPWeightScaling
    /// The presynaptic traces, `[batch, pre]` flattened (empty before the first step).
    public private(set) var preTrace: [Float] = []
    /// The postsynaptic traces, `[batch, post]` flattened.
    public private(set) var postTrace: [Float] = []

    /// A rule with these time constants; throws unless both are at least 1
    /// (below 1 a trace would change sign).
    public init(preTimeConstant: Float, postTimeConstant: Float,
                potentiation: STDPWeightScaling, depression: STDPWeightScaling) throws {
        for (name, tau) in [("pre time constant", preTimeConstant), ("post time constant", postTimeConstant)] where !(tau >= 1 && tau.isFinite) {
            throw SpikingError.invalidArgument(layer: "PairSTDP", argument: name, reason: "must be at least 1 step, got \(tau)")
        }
        self.preTimeConstant = preTimeConstant
        self.postTimeConstant = postTimeConstant
        self.potentiation = potentiation
        self.depression = depression
    }

    /// Clears the traces (between unrelated inputs).
    public mutating func reset() {
        preTrace = []
        postTrace = []
    }

    /// Advances the traces by one step with `pre` `[batch, pre]` and `post`
    /// `[batch, post]` spikes and returns Δw, `[pre, post]`, for `weights`.
    public mutating func step(pre: Tensor, post: Tensor, weights: Tensor) -> Tensor {
        precondition(pre.rank == 2 && post.rank == 2 && pre.shape[0] == post.shape[0]
                     && weights.shape == [pre.shape[1], post.shape[1]],
                     "PairSTDP.step: pre \(pre.shape), post \(post.shape) and weights \(weights.shape) do not fit [batch, pre], [batch, post], [pre, post]")
        let change = Tensor.zeros(weights.shape), batch = pre.shape[0]
        pre.withUnsafeBufferPointer { pre in
            post.withUnsafeBufferPointer { post in
                weights.withUnsafeBufferPointer { weights in
                    accumulate(pre: pre, post: post, batch: batch, weights: weights.baseAddress!, into: change.storage.pointer)
                }
            }
        }
        return change
    }

    /// Advances the traces and adds Δw into `change` (which may be the
    /// weights themselves, for an in-place update, then clamped to
    /// `bounds` where they changed). Only spiking rows and columns are
    /// visited, so sparse spikes cost little.
    mutating func accumulate(pre: UnsafeBufferPointer<Float>, post: UnsafeBufferPointer<Float>, batch: Int,
                             weights: UnsafePointer<Float>, into change: UnsafeMutablePointer<Float>,
                             clampingTo bounds: ClosedRange<Float>? = nil) {
        let lower = bounds?.lowerBound ?? -.infinity, upper = bounds?.upperBound ?? .infinity
        if preTrace.count != pre.count { preTrace = Array(repeating: 0, count: pre.count) }
        if postTrace.count != post.count { postTrace = Array(repeating: 0, count: post.count) }
        PairSTDP.decay(&preTrace, adding: pre, timeConstant: preTimeConstant)
        PairSTDP.decay(&postTrace, adding: post, timeConstant: postTimeConstant)
        let nPre = pre.count / batch, nPost = post.count / batch, count = batch
        preTrace.withUnsafeBufferPointer { preTrace in
            postTrace.withUnsafeBufferPointer { postTrace in
                for example in 0..<count {
                    let s_pre = pre.baseAddress! + example * nPre, s_post = post.baseAddress! + example * nPost
                    let tr_pre = preTrace.baseAddress! + example * nPre, tr_post = postTrace.baseAddress! + example * nPost
                    for j in 0..<nPost where s_post[j] != 0 {
                        for i in 0..<nPre where tr_pre[i] != 0 {
                            let k = i * nPost + j
                            change[k] = Swift.min(upper, Swift.max(lower, change[k] + potentiation(weights[k]) * s_post[j] * tr_pre[i]))
                        }
                    }
                    for i in 0..<nPre where s_pre[i] != 0 {
                        for j in 0..<nPost where tr_post[j] != 0 {
                            let k = i * nPost + j
                            change[k] = Swift.min(upper, Swift.max(lower, change[k] - depression(weights[k]) * tr_post[j] * s_pre[i]))
                        }
                    }
                }
            }
        }
    }

    /// tr ← tr − tr/τ + s.
    private static func decay(_ trace: inout [Float], adding spikes: UnsafeBufferPointer<Float>, timeConstant: Float) {
        let keep = 1 - 1 / timeConstant
        trace.withUnsafeMutableBufferPointer { trace in
            for k in 0..<trace.count { trace[k] = trace[k] * keep + spikes[k] }
        }
    }
}
