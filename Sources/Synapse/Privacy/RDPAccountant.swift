/// Tracks the privacy spent by DP-SGD steps with Rényi differential privacy
/// (like Opacus's `RDPAccountant`): feed it the steps taken, ask it for ε.
///
/// ```swift
/// var accountant = RDPAccountant()
/// accountant.record(noiseMultiplier: 1.1, sampleRate: 256.0 / 60_000, steps: 14_063)
/// let epsilon = accountant.epsilon(delta: 1e-5)   // 2.597 (Balle et al. conversion)
/// ```
/// It assumes Poisson sampling (each example joins each batch independently
/// with the sample rate), as Opacus, TF Privacy and dp-accounting do. For
/// shuffled fixed-size batches the same figure is what those libraries
/// report, but it is not a proven bound for that sampling.
public struct RDPAccountant: Sendable {
    /// The orders α at which the RDP is tracked.
    public let orders: [Double]
    /// How fractional orders are summed (dp-accounting's way by default).
    public let series: FractionalOrderSeries
    /// The accumulated RDP at each order (computed from `history` when asked,
    /// so recording a step costs nothing).
    public var rdp: [Double] {
        orders.map { order in
            history.reduce(0) { total, run in
                total + Double(run.count) * SubsampledGaussian.rdp(order: order, sampleRate: run.sampleRate,
                                                                   noiseMultiplier: run.noiseMultiplier, series: series)
            }
        }
    }
    /// The steps recorded, as (σ, q, count) runs.
    public private(set) var history: [PrivacySteps] = []

    /// Opacus's default orders: 1.1, 1.2, …, 10.9, then 12, 13, …, 63.
    public static let defaultOrders: [Double] = (1 ..< 100).map { 1 + Double($0) / 10 } + (12 ..< 64).map(Double.init)

    /// An accountant that has spent nothing yet.
    public init(orders: [Double] = RDPAccountant.defaultOrders, series: FractionalOrderSeries = .absoluteTerms) {
        precondition(!orders.isEmpty && orders.allSatisfy { $0 > 1 },
                     "RDPAccountant: orders must be non-empty and each > 1")
        self.orders = orders
        self.series = series
    }

    /// Adds `steps` steps of the subsampled Gaussian mechanism.
    public mutating func record(noiseMultiplier: Double, sampleRate: Double, steps: Int = 1) {
        history.record(noiseMultiplier: noiseMultiplier, sampleRate: sampleRate, steps: steps)
    }

    /// The ε spent so far at `delta`, with `conversion` (Balle et al. 2020 by default, as current libraries).
    public func epsilon(delta: Double, conversion: RDPConversion = .balle2020) -> Double {
        epsilonAndOrder(delta: delta, conversion: conversion).epsilon
    }

    /// The ε spent so far and the order that gives it.
    public func epsilonAndOrder(delta: Double, conversion: RDPConversion = .balle2020) -> (epsilon: Double, order: Double) {
        conversion.epsilon(orders: orders, rdp: rdp, delta: delta)
    }
}
