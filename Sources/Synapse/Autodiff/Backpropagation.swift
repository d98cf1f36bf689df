extension Tensor {
    /// The gradients of this tensor with respect to each of `tensors`.
    ///
    /// This tensor is usually a scalar loss. For a non-scalar tensor the
    /// result is the gradient of `sum(self * seed)`; `seed` defaults to ones.
    /// A tensor that this one does not depend on gets a zero gradient.
    /// Gradients from several uses of the same tensor add up.
    public func gradients(wrt tensors: [Tensor], seed: Tensor? = nil) -> [Tensor] {
        gradients(wrt: tensors, seed: seed, onReady: nil)
    }

    /// `gradients(wrt:seed:)`, calling `onReady(i, gradient)` as soon as the
    /// gradient of `tensors[i]` is final, during the backward pass: data-parallel
    /// training starts reducing it while the rest is still being computed.
    /// Tensors the result does not depend on are not reported.
    func gradients(wrt tensors: [Tensor], seed: Tensor?, onReady: ((Int, Tensor) -> Void)?) -> [Tensor] {
        for tensor in tensors {
            precondition(tensor.gradNode != nil,
                         "gradients(wrt:): a tensor of shape \(tensor.shape) does not require a gradient; call requiringGradient() on it before using it")
        }
        guard let root = gradNode else {
            return tensors.map { Tensor.zeros($0.shape) }
        }
        if let seed {
            precondition(seed.shape == shape, "gradients(wrt:seed:): seed shape \(seed.shape) differs from tensor shape \(shape)")
        }
        let order = GradNode.topologicalOrder(from: root)
        // The accumulated gradients live here, not in the nodes, so threads
        // can differentiate through a shared graph at the same time.
        var grads: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): seed ?? Tensor.ones(shape)]
        let wanted = Set(tensors.map { ObjectIdentifier($0.gradNode!) })
        var positions: [ObjectIdentifier: [Int]] = [:]
        if onReady != nil {
            for (index, tensor) in tensors.enumerated() { positions[ObjectIdentifier(tensor.gradNode!), default: []].append(index) }
        }
        withoutGradients {
            for node in order.reversed() {
                let id = ObjectIdentifier(node)
                // Every consumer of a node comes before it in this order, so
                // its gradient is complete once the walk reaches it.
                if let onReady, let indices = positions[id], let grad = grads[id] {
                    for index in indices { onReady(index, grad) }
                }
                guard let backward = node.backward, let upstream = grads[id] else { continue }
                // Interior gradients are dropped once used, so memory stays flat.
                if !wanted.contains(id) { grads[id] = nil }
                let inputGrads = backward(upstream)
                for (input, grad) in zip(node.inputs, inputGrads) {
                    guard let input, let grad else { continue }
                    let inputID = ObjectIdentifier(input)
                    if let existing = grads[inputID] {
                        grads[inputID] = existing + grad
                    } else {
                        grads[inputID] = grad
                    }
                }
            }
        }
        return tensors.map { tensor in
            grads[ObjectIdentifier(tensor.gradNode!)]?.detached() ?? Tensor.zeros(tensor.shape)
        }
    }
}

extension GradNode {
    /// Nodes reachable from `root`, each after all of its inputs.
    static func topologicalOrder(from root: GradNode) -> [GradNode] {
        var order: [GradNode] = []
        var visited = Set<ObjectIdentifier>()
        // Iterative depth-first search: deep networks must not overflow the stack.
        var stack: [(node: GradNode, nextInput: Int)] = [(root, 0)]
        visited.insert(ObjectIdentifier(root))
        while !stack.isEmpty {
            let (node, next) = stack[stack.count - 1]
            if next < node.inputs.count {
                stack[stack.count - 1].nextInput += 1
                if let input = node.inputs[next], visited.insert(ObjectIdentifier(input)).inserted {
                    stack.append((input, 0))
                }
            } else {
                order.append(node)
                stack.removeLast()
            }
        }
        return order
    }
}
