/// The structural similarity (SSIM, Wang et al., 2004) of two `height × width`
/// maps with values in [0, `dataRange`], as scikit-image's
/// `structural_similarity` computes it by default: a 7 × 7 uniform window
/// (smaller, odd, for smaller maps),
/// sample covariances, K₁ = 0.01, K₂ = 0.03, the mean over the windows that
/// fit inside the map. 1 for identical maps.
public func structuralSimilarity(_ a: [Float], _ b: [Float], height: Int, width: Int, dataRange: Float = 1) -> Float {
    precondition(a.count == height * width && b.count == height * width,
                 "structuralSimilarity: maps of \(a.count) and \(b.count) values for \(height)×\(width)")
    // The window is odd, and shrinks for maps smaller than 7 × 7.
    let side = min(7, height, width)
    let window = side % 2 == 1 ? side : side - 1
    let n = Double(window * window)
    let c1 = Double(0.01 * dataRange) * Double(0.01 * dataRange), c2 = Double(0.03 * dataRange) * Double(0.03 * dataRange)
    let sampleCorrection = n / (n - 1)
    var total = 0.0
    var count = 0
    for top in 0...(height - window) {
        for left in 0...(width - window) {
            var sumA = 0.0, sumB = 0.0, sumAA = 0.0, sumBB = 0.0, sumAB = 0.0
            for y in top..<(top + window) {
                for x in left..<(left + window) {
                    let u = Double(a[y * width + x]), v = Double(b[y * width + x])
                    sumA += u; sumB += v; sumAA += u * u; sumBB += v * v; sumAB += u * v
                }
            }
            let meanA = sumA / n, meanB = sumB / n
            let varianceA = (sumAA / n - meanA * meanA) * sampleCorrection
            let varianceB = (sumBB / n - meanB * meanB) * sampleCorrection
            let covariance = (sumAB / n - meanA * meanB) * sampleCorrection
            total += ((2 * meanA * meanB + c1) * (2 * covariance + c2))
                / ((meanA * meanA + meanB * meanB + c1) * (varianceA + varianceB + c2))
            count += 1
        }
    }
    return Float(total / Double(count))
}
