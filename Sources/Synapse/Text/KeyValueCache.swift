/// The keys and values one attention layer has computed for the positions
/// generated so far, so each new token costs one step instead of a pass over
/// the whole context.
public struct KeyValueCache {
    /// The projected keys, `[batch, positions, features]`; nil before the first step.
    public private(set) var storedKeys: Tensor?
    /// The projected values, `[batch, positions, features]`; nil before the first step.
    public private(set) var storedValues: Tensor?

    /// An empty cache.
    public init() {}

    /// The number of positions held.
    public var count: Int { storedKeys?.shape[1] ?? 0 }

    /// The keys held (after at least one `append`).
    var keys: Tensor { storedKeys! }
    /// The values held (after at least one `append`).
    var values: Tensor { storedValues! }

    /// Adds the keys and values of new positions.
    mutating func append(keys newKeys: Tensor, values newValues: Tensor) {
        storedKeys = storedKeys.map { concatenate([$0, newKeys], alongAxis: 1) } ?? newKeys
        storedValues = storedValues.map { concatenate([$0, newValues], alongAxis: 1) } ?? newValues
    }
}
