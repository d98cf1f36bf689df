import Foundation
import XCTest
@testable import Synapse

/// The band-limited resampler against analytic sines.
final class AudioResamplingTests: XCTestCase {
    func sine(_ frequency: Double, rate: Int, count: Int, amplitude: Double = 0.5) -> [Float] {
        (0 ..< count).map { Float(amplitude * sin(2 * Double.pi * frequency * Double($0) / Double(rate))) }
    }

    /// Largest error over the middle of the clip (away from the zero-padded ends).
    func interiorError(_ a: [Float], _ b: [Float], margin: Int) -> Float {
        zip(a, b).dropFirst(margin).dropLast(margin).map { abs($0 - $1) }.max() ?? .infinity
    }

    func testUpsamplingReproducesASine() {
        let up = AudioClip(samples: sine(500, rate: 8000, count: 4000), sampleRate: 8000).resampled(to: 16000)
        XCTAssertEqual(up.sampleRate, 16000)
        XCTAssertEqual(up.frameCount, 8000)
        XCTAssertLessThan(interiorError(up.samples, sine(500, rate: 16000, count: 8000), margin: 200), 1e-3)
    }

    func testDownsamplingKeepsThePassBandAndRemovesWhatWouldAlias() {
        let low = AudioClip(samples: sine(1000, rate: 16000, count: 8000), sampleRate: 16000).resampled(to: 8000)
        XCTAssertEqual(low.frameCount, 4000)
        XCTAssertLessThan(interiorError(low.samples, sine(1000, rate: 8000, count: 4000), margin: 100), 1e-3)
        // 5 kHz is above the new Nyquist (4 kHz): dropping every other sample would fold it to 3 kHz
        // at full amplitude; the filter removes it.
        let tone = sine(5000, rate: 16000, count: 8000)
        let high = AudioClip(samples: tone, sampleRate: 16000).resampled(to: 8000)
        let residue = high.samples[100 ..< 3900].map { abs($0) }.max()!
        XCTAssertLessThan(residue, 1e-3)
        let dropped = stride(from: 0, to: 8000, by: 2).map { tone[$0] }
        XCTAssertGreaterThan(dropped.map { abs($0) }.max()!, 0.4)
    }

    func testNonIntegerRatiosAndChannels() {
        let left = sine(300, rate: 11025, count: 5000), right = sine(700, rate: 11025, count: 5000, amplitude: 0.3)
        let stereo = AudioClip(samples: zip(left, right).flatMap { [$0, $1] }, sampleRate: 11025, channelCount: 2)
        let out = stereo.resampled(to: 8000)
        XCTAssertEqual(out.frameCount, Int((5000.0 * 8000 / 11025).rounded(.up)))
        XCTAssertLessThan(interiorError(out.channel(0), sine(300, rate: 8000, count: out.frameCount), margin: 150), 1e-3)
        XCTAssertLessThan(interiorError(out.channel(1), sine(700, rate: 8000, count: out.frameCount, amplitude: 0.3), margin: 150), 1e-3)
        XCTAssertEqual(stereo.resampled(to: 11025), stereo)
    }
}
