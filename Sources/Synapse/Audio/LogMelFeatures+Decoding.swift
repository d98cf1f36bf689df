extension LogMelFeatures {
    private enum CodingKeys: String, CodingKey {
        case sampleRate = "sample_rate", sampleCount = "sample_count", fftLength = "fft_length", hopLength = "hop_length"
        case melCount = "mel_count"
    }

    /// Reads settings saved in a model's metadata, refusing values out of range
    /// (a damaged file must not make a huge allocation or trap later).
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError.dataCorrupted` naming the field and its range.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func value(_ key: CodingKeys, in range: ClosedRange<Int>) throws -> Int {
            let value = try container.decode(Int.self, forKey: key)
            guard range.contains(value) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container,
                                                       debugDescription: "\(value) is outside \(range.lowerBound)...\(range.upperBound)")
            }
            return value
        }
        let rate = try value(.sampleRate, in: 1 ... 768_000)
        self.init(sampleRate: rate, sampleCount: try value(.sampleCount, in: 1 ... 60 * rate),
                  fftLength: try value(.fftLength, in: 1 ... 8192), hopLength: try value(.hopLength, in: 1 ... 8192),
                  melCount: try value(.melCount, in: 1 ... 512))
    }

    /// Writes the settings with snake-case keys.
    /// - Parameter encoder: The encoder to write to.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sampleRate, forKey: .sampleRate)
        try container.encode(sampleCount, forKey: .sampleCount)
        try container.encode(fftLength, forKey: .fftLength)
        try container.encode(hopLength, forKey: .hopLength)
        try container.encode(melCount, forKey: .melCount)
    }
}
