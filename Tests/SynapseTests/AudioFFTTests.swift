import Foundation
import XCTest
@testable import Synapse

/// The real FFT against numpy.fft.rfft for every length 1…1025
/// (Fixtures/audio/make_fft_fixture.py).
final class AudioFFTTests: XCTestCase {
    /// The fixture's signal of length `n`, exactly as the script builds it.
    static func signal(_ n: Int) -> [Float] {
        (0 ..< n).map { k in Float(((k * 7919 + n * 104_729) % 65536) - 32768) / 32768 }
    }

    func testEqualsNumpyForEveryLengthUpTo1025() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "fft_numpy", withExtension: "f32", subdirectory: "Fixtures/audio"))
        let reference = try AudioFeatureFixtures.floats(Data(contentsOf: url))
        var offset = 0
        var worst = 0.0
        for n in 1 ... 1025 {
            let (real, imaginary) = RealFFT(length: n).transform(Self.signal(n))
            XCTAssertEqual(real.count, n / 2 + 1)
            let bins = n / 2 + 1
            let expected = reference[offset ..< offset + 2 * bins]
            offset += 2 * bins
            let peak = expected.map { abs(Double($0)) }.max()!
            for k in 0 ..< bins {
                let error = max(abs(real[k] - Double(expected[offset - 2 * bins + 2 * k])),
                                abs(imaginary[k] - Double(expected[offset - 2 * bins + 2 * k + 1])))
                worst = max(worst, error / max(peak, 1e-30))
            }
        }
        XCTAssertEqual(offset, reference.count)
        // The reference is float64 rounded to float32 (6e-8 relative); the transform is in Double.
        XCTAssertLessThan(worst, 1e-6, "largest error relative to the spectrum's peak")
    }

    func testImpulseAndConstant() {
        for n in [1, 2, 7, 64, 97, 100] {
            var impulse = [Float](repeating: 0, count: n)
            impulse[0] = 1
            let (re, im) = RealFFT(length: n).transform(impulse)
            for k in re.indices {
                XCTAssertEqual(re[k], 1, accuracy: 1e-12)
                XCTAssertEqual(im[k], 0, accuracy: 1e-12)
            }
            let (constantRe, _) = RealFFT(length: n).transform([Float](repeating: 2, count: n))
            XCTAssertEqual(constantRe[0], 2 * Double(n), accuracy: 1e-9)
        }
    }
}
