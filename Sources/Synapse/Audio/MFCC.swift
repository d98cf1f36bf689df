import Foundation

/// Mel-frequency cepstral coefficients, as `librosa.feature.mfcc`: the
/// orthonormal DCT-II of the log-mel spectrogram (`power_to_db` with its
/// defaults), along the mel axis, keeping the first `coefficientCount`.
///
/// librosa's defaults: 20 coefficients, DCT type 2 with `norm="ortho"`, no
/// liftering, and the mel spectrogram's own defaults (see `MelSpectrogram`).
public struct MFCC: Sendable {
    /// The mel spectrogram the coefficients are taken from.
    public let melSpectrogram: MelSpectrogram
    /// The number of coefficients kept (`n_mfcc`).
    public let coefficientCount: Int
    /// The DCT rows, `[coefficientCount, melCount]`.
    public let dct: Tensor

    /// MFCCs of `coefficientCount` (default 20) coefficients from `melSpectrogram`.
    /// - Parameters:
    ///   - melSpectrogram: The mel spectrogram (power, as librosa's default).
    ///   - coefficientCount: `n_mfcc`, default 20; at most the number of mel bands.
    public init(melSpectrogram: MelSpectrogram, coefficientCount: Int = 20) {
        let bands = melSpectrogram.filterbank.weights.shape[0]
        precondition(coefficientCount > 0 && coefficientCount <= bands,
                     "MFCC: coefficientCount \(coefficientCount) must be in 1...\(bands) (the mel bands)")
        self.melSpectrogram = melSpectrogram
        self.coefficientCount = coefficientCount
        dct = Self.orthonormalDCT(rows: coefficientCount, size: bands)
    }

    /// The coefficients of `signal`, `[coefficientCount, frames]`.
    public func callAsFunction(_ signal: [Float]) -> Tensor {
        dct.matmul(powerToDecibels(melSpectrogram(signal)))
    }

    /// The first `rows` rows of the orthonormal DCT-II of `size` points:
    /// X[k] = s_k Σₙ x[n]·cos(πk(2n + 1)/(2N)), s₀ = √(1/N), s_k = √(2/N).
    static func orthonormalDCT(rows: Int, size: Int) -> Tensor {
        var values = [Float](repeating: 0, count: rows * size)
        for k in 0 ..< rows {
            let scale = (k == 0 ? 1 / Double(size) : 2 / Double(size)).squareRoot()
            for n in 0 ..< size {
                values[k * size + n] = Float(scale * cos(Double.pi * Double(k) * Double(2 * n + 1) / Double(2 * size)))
            }
        }
        return Tensor(shape: [rows, size], scalars: values)
    }
}
