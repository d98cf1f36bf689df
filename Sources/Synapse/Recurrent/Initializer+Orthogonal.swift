extension Initializer {
    /// A random orthogonal matrix, as Keras's `"orthogonal"` (the default for
    /// recurrent kernels): a matrix of normal draws, flattened to
    /// `[product of the leading axes, last axis]`, made orthonormal along its
    /// shorter side (QR with the signs of R's diagonal made positive, here by
    /// Gram–Schmidt, which gives the same Q).
    public static let orthogonal = Initializer(name: "orthogonal") { shape, _, _ in
        let rows = shape.dropLast().reduce(1, *), columns = shape.last ?? 1
        // Orthonormalise the columns of a tall [long, short] matrix, then transpose if needed.
        let long = Swift.max(rows, columns), short = Swift.min(rows, columns)
        let draws = GlobalRandom.draw { Tensor.randomNormal([long, short], using: &$0) }
        var matrix = draws.scalars
        for column in 0..<short {
            for earlier in 0..<column {
                var dot: Float = 0
                for row in 0..<long { dot += matrix[row * short + earlier] * matrix[row * short + column] }
                for row in 0..<long { matrix[row * short + column] -= dot * matrix[row * short + earlier] }
            }
            var norm: Float = 0
            for row in 0..<long { norm += matrix[row * short + column] * matrix[row * short + column] }
            let inverse = norm > 0 ? 1 / norm.squareRoot() : 0
            for row in 0..<long { matrix[row * short + column] *= inverse }
        }
        let tall = Tensor(shape: [long, short], scalars: matrix)
        return (rows >= columns ? tall : tall.transposed()).reshaped(to: shape)
    }
}
