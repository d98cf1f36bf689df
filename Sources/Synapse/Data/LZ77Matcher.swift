/// Finds earlier repeats of the bytes at a position, for `Deflate`: a hash of
/// the next three bytes leads to the most recent positions that began with
/// them (chained, newest first), within DEFLATE's 32 KiB window.
struct LZ77Matcher {
    static let window = 32_768
    static let minimumLength = 3
    static let maximumLength = 258
    /// How many earlier candidates are compared before settling.
    static let chainLimit = 24
    private static let hashBits = 15

    private let input: UnsafeBufferPointer<UInt8>
    private var head: [Int32]
    private var previous: [Int32]

    init(_ input: UnsafeBufferPointer<UInt8>) {
        self.input = input
        head = [Int32](repeating: -1, count: 1 << LZ77Matcher.hashBits)
        previous = [Int32](repeating: -1, count: LZ77Matcher.window)
    }

    private func hash(at position: Int) -> Int {
        let value = Int(input[position]) << 16 | Int(input[position + 1]) << 8 | Int(input[position + 2])
        return (value &* 0x9E37_79B1) >> (32 - LZ77Matcher.hashBits) & ((1 << LZ77Matcher.hashBits) - 1)
    }

    /// Records that the bytes at `position` can be matched later.
    mutating func insert(_ position: Int) {
        guard position + LZ77Matcher.minimumLength <= input.count else { return }
        let h = hash(at: position)
        previous[position % LZ77Matcher.window] = head[h]
        head[h] = Int32(position)
    }

    /// The longest earlier repeat of the bytes at `position`, if one is at least 3 long.
    func longestMatch(at position: Int) -> (length: Int, distance: Int)? {
        guard position + LZ77Matcher.minimumLength <= input.count else { return nil }
        let limit = min(LZ77Matcher.maximumLength, input.count - position)
        var best = (length: 0, distance: 0)
        var candidate = Int(head[hash(at: position)])
        var steps = 0
        while candidate >= 0, position - candidate <= LZ77Matcher.window, steps < LZ77Matcher.chainLimit {
            var length = 0
            while length < limit, input[candidate + length] == input[position + length] { length += 1 }
            if length > best.length {
                best = (length, position - candidate)
                if length == limit { break }
            }
            let next = Int(previous[candidate % LZ77Matcher.window])
            guard next < candidate else { break }   // a slot overwritten by a newer position
            candidate = next
            steps += 1
        }
        return best.length >= LZ77Matcher.minimumLength ? best : nil
    }
}
