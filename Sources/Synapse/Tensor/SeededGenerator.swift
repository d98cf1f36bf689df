import Foundation

/// A fast, seedable random number generator (xoshiro256**), so that a seed
/// makes a whole run reproducible on every platform.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    /// The four words of generator state; public so checkpoints can save it.
    public var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        // SplitMix64 spreads the seed over the state, as the authors advise.
        var x = seed
        func next() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (next(), next(), next(), next())
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    /// A uniform float in [0, 1) with 24 random bits.
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// A standard normal draw (Box–Muller).
    public mutating func nextNormal() -> Float {
        let u1 = Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
        let u2 = Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
        let radius = (-2 * Foundation.log(1 - u1)).squareRoot()
        return Float(radius * Foundation.cos(2 * Double.pi * u2))
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}


/// The generator used when an operation is given no generator or seed.
/// `Synapse.seed(_:)` resets it.
///
/// It is one generator for the whole process, as in PyTorch, so a seed set on
/// one thread fixes what every thread draws; each draw takes a lock, so
/// threads drawing at once get distinct numbers (in an order the scheduler
/// picks). Give an operation its own seed or generator where that matters.
public enum GlobalRandom {
    private static let shared = Locked(SeededGenerator(seed: 0x5EED))

    /// The generator's state (for checkpoints); setting it replaces the state.
    static var generator: SeededGenerator {
        get { shared.value }
        set { shared.withLock { $0 = newValue } }
    }

    /// Runs `body` with the generator held, so all its draws are one step.
    static func draw<R>(_ body: (inout SeededGenerator) throws -> R) rethrows -> R {
        try shared.withLock(body)
    }
}

extension Synapse {
    /// Seeds the global generator: weight initialisation, dropout and
    /// shuffling all draw from it, so a seed makes a run reproducible.
    public static func seed(_ seed: UInt64) {
        GlobalRandom.generator = SeededGenerator(seed: seed)
    }
}
