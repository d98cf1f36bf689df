/// The index of the largest of `count` values at `row` (the first on ties),
/// as Keras's argmax picks the predicted class.
func rowArgmax(_ row: UnsafePointer<Float>, _ count: Int) -> Int {
    var best = 0
    for j in 1..<Swift.max(count, 1) where row[j] > row[best] { best = j }
    return best
}
