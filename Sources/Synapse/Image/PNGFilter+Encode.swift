extension PNGFilter {
    /// Filters `height` rows of `rowBytes` bytes for writing: each row gets the
    /// filter type (0…4) whose output has the smallest sum of absolute
    /// differences, the choice the PNG specification recommends, and starts
    /// with that type's byte.
    static func filter(_ pixels: [UInt8], rowBytes: Int, height: Int, bytesPerPixel left: Int) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(height * (rowBytes + 1))
        var candidate = [UInt8](repeating: 0, count: rowBytes)
        var best = [UInt8](repeating: 0, count: rowBytes)
        for row in 0 ..< height {
            let start = row * rowBytes
            var bestType: UInt8 = 0, bestCost = Int.max
            for type: UInt8 in 0 ... 4 {
                var cost = 0
                for index in 0 ..< rowBytes {
                    let a = index >= left ? Int(pixels[start + index - left]) : 0
                    let b = row > 0 ? Int(pixels[start - rowBytes + index]) : 0
                    let c = row > 0 && index >= left ? Int(pixels[start - rowBytes + index - left]) : 0
                    let predicted = prediction(type, left: a, up: b, upperLeft: c) ?? 0
                    let difference = pixels[start + index] &- UInt8(truncatingIfNeeded: predicted)
                    candidate[index] = difference
                    cost += abs(Int(Int8(bitPattern: difference)))
                }
                if cost < bestCost {
                    bestCost = cost
                    bestType = type
                    swap(&best, &candidate)
                }
            }
            output.append(bestType)
            output.append(contentsOf: best)
        }
        return output
    }
}
