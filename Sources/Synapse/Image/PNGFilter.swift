/// PNG scanline filters (filter method 0): each row starts with a filter
/// type byte, and its bytes are differences from neighbours to be added back.
enum PNGFilter {
    /// The scanlines with the filter bytes removed and filters undone.
    static func unfilter(_ data: [UInt8], header: PNGHeader, file: String) throws -> [UInt8] {
        let rowBytes = header.rowBytes
        guard data.count >= header.height * (rowBytes + 1) else {
            throw ImageDecodingError.malformed(
                file: file, format: "PNG",
                reason: "the image data has \(data.count) bytes, \(header.height * (rowBytes + 1)) needed for \(header.width)×\(header.height)")
        }
        // The byte distance to the corresponding byte of the pixel on the left.
        let left = max(1, header.bitsPerPixel / 8)
        var output = [UInt8](repeating: 0, count: header.height * rowBytes)
        for row in 0 ..< header.height {
            let input = row * (rowBytes + 1)
            let start = row * rowBytes
            let filter = data[input]
            for index in 0 ..< rowBytes {
                let a = index >= left ? Int(output[start + index - left]) : 0
                let b = row > 0 ? Int(output[start - rowBytes + index]) : 0
                let c = row > 0 && index >= left ? Int(output[start - rowBytes + index - left]) : 0
                guard let predicted = prediction(filter, left: a, up: b, upperLeft: c) else {
                    throw ImageDecodingError.malformed(file: file, format: "PNG", reason: "row \(row) has filter type \(filter); only 0…4 exist")
                }
                output[start + index] = data[input + 1 + index] &+ UInt8(truncatingIfNeeded: predicted)
            }
        }
        return output
    }

    /// What filter type `filter` predicts a byte to be from its left, upper
    /// and upper-left neighbours; nil for a type that does not exist.
    static func prediction(_ filter: UInt8, left a: Int, up b: Int, upperLeft c: Int) -> Int? {
        switch filter {
        case 0: return 0
        case 1: return a
        case 2: return b
        case 3: return (a + b) / 2
        case 4: return paeth(a, b, c)
        default: return nil
        }
    }

    /// The neighbour (left, up or upper-left) closest to left + up − upper-left.
    static func paeth(_ a: Int, _ b: Int, _ c: Int) -> Int {
        let estimate = a + b - c
        let da = abs(estimate - a), db = abs(estimate - b), dc = abs(estimate - c)
        if da <= db && da <= dc { return a }
        return db <= dc ? b : c
    }
}
