extension Tensor {
    /// The gradients of this tensor with respect to each of `tensors`.
    ///
    /// This tensor is usually a scalar loss. For a non-scalar tensor the
    /// result is the gradient of `sum(self * seed)`; `seed` defaults to ones.
    /// A tensor that this one does not depend on gets a zero gradient.
    /// Gradients from several uses of the same tensor add up.
    public func gradients(wrt tensors: [Tensor], seed: Tensor? = nil) -> [Tensor] {
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
        defer { for node in order { node.grad = nil } }
        withoutGradients {
            root.grad = seed ?? Tensor.ones(shape)
            for node in order.reversed() {
                guard let backward = node.backward, let upstream = node.grad else { continue }
                let inputGrads = backward(upstream)
                for (input, grad) in zip(node.inputs, inputGrads) {
                    guard let input, let grad else { continue }
                    if let existing = input.grad {
                        input.grad = existing + grad
                    } else {
                        input.grad = grad
                    }
                }
                if node !== root { node.grad = nil }
            }
        }
        return tensors.map { tensor in
            tensor.gradNode!.grad?.detached() ?? Tensor.zeros(tensor.shape)
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
