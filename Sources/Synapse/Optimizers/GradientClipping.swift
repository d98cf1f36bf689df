/// Gradient clipping by value, by per-tensor norm and by global norm.
enum GradientClipping {
    static func apply(to gradients: inout [Tensor], clipValue: Float?, clipNorm: Float?, globalClipNorm: Float?) {
        if let clipValue {
            gradients = gradients.map { $0.clipped(to: -clipValue, clipValue) }
        }
        if let clipNorm {
            gradients = gradients.map { gradient in
                let norm = l2Norm(gradient)
                return norm > clipNorm ? gradient * (clipNorm / norm) : gradient
            }
        }
        if let globalClipNorm {
            let norm = gradients.reduce(Float(0)) { $0 + l2Norm($1) * l2Norm($1) }.squareRoot()
            if norm > globalClipNorm { gradients = gradients.map { $0 * (globalClipNorm / norm) } }
        }
    }

    static func l2Norm(_ tensor: Tensor) -> Float {
        tensor.withUnsafeBufferPointer { values in
            var total: Double = 0
            for value in values { total += Double(value) * Double(value) }
            return Float(total.squareRoot())
        }
    }
}
