/// Spearman's rank correlation of two equally long lists: the Pearson
/// correlation of their ranks (ties share their mean rank). 1 when the two
/// order the elements the same way, 0 when unrelated, −1 when reversed.
public func spearmanCorrelation(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count && a.count > 1,
                 "spearmanCorrelation: needs two lists of the same length ≥ 2, got \(a.count) and \(b.count)")
    return pearsonCorrelation(ranks(a), ranks(b))
}

/// The ranks of `values` (0-based), ties given their mean rank.
func ranks(_ values: [Float]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var result = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
        var end = start
        while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
        let mean = Double(start + end) / 2
        for position in start...end { result[order[position]] = mean }
        start = end + 1
    }
    return result
}

/// The Pearson correlation of `a` and `b`; 0 when either is constant.
func pearsonCorrelation(_ a: [Double], _ b: [Double]) -> Float {
    let n = Double(a.count)
    let meanA = a.reduce(0, +) / n, meanB = b.reduce(0, +) / n
    var covariance = 0.0, varianceA = 0.0, varianceB = 0.0
    for (x, y) in zip(a, b) {
        covariance += (x - meanA) * (y - meanB)
        varianceA += (x - meanA) * (x - meanA)
        varianceB += (y - meanB) * (y - meanB)
    }
    guard varianceA > 0, varianceB > 0 else { return 0 }
    return Float(covariance / (varianceA * varianceB).squareRoot())
}
