/// One recorded operation in the gradient graph (or a leaf the user marked).
///
/// `backward` maps the gradient of the operation's output to the gradients of
/// its inputs, in the order of `inputs`; `nil` means "no gradient flows there".
/// A node never changes after it is made: `gradients(wrt:)` keeps its running
/// sums to itself.
final class GradNode {
    let inputs: [GradNode?]
    let backward: ((Tensor) -> [Tensor?])?
    /// The source line that recorded this operation (`nil` for a leaf), so a
    /// test can tell which recording sites a gradient check ran through.
    let site: RecordingSite?

    /// A leaf: a tensor whose gradient the user may ask for.
    init() {
        inputs = []
        backward = nil
        site = nil
    }

    init(inputs: [GradNode?], site: RecordingSite, backward: @escaping (Tensor) -> [Tensor?]) {
        self.inputs = inputs
        self.site = site
        self.backward = backward
    }
}

/// Whether operations are recorded for differentiation.
///
/// Recording is on by default. Inside `withoutGradients` nothing is recorded,
/// so inference allocates no graph at all.
///
/// The switch is per thread: `withoutGradients` on one thread (a server
/// answering requests, or the prefetch thread) never turns recording off for
/// a training loop on another. Thread-local storage is the right scope because
/// `withoutGradients` takes a synchronous body, which starts and ends on the
/// same thread; a task-local value would cost a lookup per recorded operation.
public enum GradientMode {
    /// How deeply the current thread is nested inside `withoutGradients`.
    static var disabledDepth: Int {
        get { ThreadLocalCounter.gradientsDisabled.value }
        set { ThreadLocalCounter.gradientsDisabled.value = newValue }
    }

    /// True when operations on tensors that need gradients are recorded on
    /// the current thread.
    public static var isEnabled: Bool { disabledDepth == 0 }
}

/// Runs `body` with gradient recording switched off on the current thread
/// (like `torch.no_grad()`).
@discardableResult
public func withoutGradients<R>(_ body: () throws -> R) rethrows -> R {
    GradientMode.disabledDepth += 1
    defer { GradientMode.disabledDepth -= 1 }
    return try body()
}

extension Tensor {
    /// Whether gradients flow back through this tensor.
    public var requiresGradient: Bool { gradNode != nil }

    /// This tensor as a leaf of the gradient graph: later operations on it are
    /// recorded, and `gradients(wrt:)` can return its gradient.
    public func requiringGradient() -> Tensor {
        var leaf = self
        leaf.gradNode = GradNode()
        return leaf
    }

    /// The same values, cut from the gradient graph.
    public func detached() -> Tensor {
        var copy = self
        copy.gradNode = nil
        copy.logitsOrigin = nil
        return copy
    }

    /// Attaches `backward` to `result` when any of `inputs` needs a gradient
    /// and recording is on. Operations call this right after computing their
    /// value.
    @inline(__always)
    static func recording(
        _ result: Tensor, _ inputs: [Tensor], file: StaticString = #fileID, line: UInt = #line,
        backward: @escaping (Tensor) -> [Tensor?]
    ) -> Tensor {
        guard GradientMode.isEnabled, inputs.contains(where: { $0.gradNode != nil }) else { return result }
        var recorded = result
        recorded.gradNode = GradNode(inputs: inputs.map(\.gradNode), site: RecordingSite(file: file, line: line),
                                     backward: backward)
        return recorded
    }

    /// The single-input form of `recording(_:_:backward:)`.
    @inline(__always)
    static func recording(
        _ result: Tensor, _ input: Tensor, file: StaticString = #fileID, line: UInt = #line,
        backward: @escaping (Tensor) -> Tensor
    ) -> Tensor {
        guard GradientMode.isEnabled, let node = input.gradNode else { return result }
        var recorded = result
        recorded.gradNode = GradNode(inputs: [node], site: RecordingSite(file: file, line: line),
                                     backward: { [backward($0)] })
        return recorded
    }
}
