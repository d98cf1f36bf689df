import CSynapseKernels
import XCTest

/// The chunked convolution kernels and the 2×2 max-pool fast path against
/// plain-loop references, on odd shapes (ragged chunks, padding, strides,
/// dilation, leftover rows and columns) and on 1 and 2 threads.
final class ConvFastPathTests: XCTestCase {
    /// Deterministic values in [-1, 1), quantised to `levels` steps when given (to force ties).
    func values(_ count: Int, seed: Int, levels: Int? = nil) -> [Float] {
        var state = UInt64(truncatingIfNeeded: seed &* 2_654_435_761 &+ 12345)
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Float(state >> 40) / Float(1 << 24)
            if let levels { return (unit * Float(levels)).rounded(.down) / Float(levels) * 2 - 1 }
            return unit * 2 - 1
        }
    }

    func geometry(batch: Int, inH: Int, inW: Int, channels: Int, kernel: (Int, Int), stride: (Int, Int) = (1, 1),
                  dilation: (Int, Int) = (1, 1), pad: (Int, Int) = (0, 0), out: (Int, Int)? = nil) -> syn_window_geometry {
        let outH = out?.0 ?? (inH + 2 * pad.0 - dilation.0 * (kernel.0 - 1) - 1) / stride.0 + 1
        let outW = out?.1 ?? (inW + 2 * pad.1 - dilation.1 * (kernel.1 - 1) - 1) / stride.1 + 1
        return syn_window_geometry(batch: batch, in_h: inH, in_w: inW, channels: channels, out_h: outH, out_w: outW,
                                   kernel_h: kernel.0, kernel_w: kernel.1, stride_h: stride.0, stride_w: stride.1,
                                   dilation_h: dilation.0, dilation_w: dilation.1, pad_top: pad.0, pad_left: pad.1)
    }

    /// The input element under kernel tap (i, j) of output pixel (n, oh, ow), channel c, or nil in the padding.
    func tap(_ g: syn_window_geometry, _ n: Int, _ oh: Int, _ ow: Int, _ i: Int, _ j: Int, _ c: Int) -> Int? {
        let ih = oh * g.stride_h - g.pad_top + i * g.dilation_h, iw = ow * g.stride_w - g.pad_left + j * g.dilation_w
        guard ih >= 0, ih < g.in_h, iw >= 0, iw < g.in_w else { return nil }
        return ((n * g.in_h + ih) * g.in_w + iw) * g.channels + c
    }

    /// Every (output row, depth index, input index) triple of the convolution.
    func taps(_ g: syn_window_geometry) -> [(row: Int, depth: Int, input: Int)] {
        var result: [(Int, Int, Int)] = []
        for n in 0..<g.batch { for oh in 0..<g.out_h { for ow in 0..<g.out_w {
            let row = (n * g.out_h + oh) * g.out_w + ow
            for i in 0..<g.kernel_h { for j in 0..<g.kernel_w { for c in 0..<g.channels {
                if let input = tap(g, n, oh, ow, i, j, c) {
                    result.append((row, (i * g.kernel_w + j) * g.channels + c, input))
                }
            } } }
        } } }
        return result
    }

    func assertClose(_ a: [Float], _ b: [Float], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, what, file: file, line: line)
        let worst = zip(a, b).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
        XCTAssertLessThan(worst, 1e-4, "\(what): worst relative error \(worst)", file: file, line: line)
    }

    func checkConvolution(_ g0: syn_window_geometry, filters: Int, relu: Bool, threads: Int,
                          file: StaticString = #filePath, line: UInt = #line) {
        var g = g0
        let saved = syn_num_threads()
        syn_set_num_threads(Int32(threads))
        defer { syn_set_num_threads(saved) }
        let depth = g.kernel_h * g.kernel_w * g.channels, rows = g.batch * g.out_h * g.out_w
        let x = values(g.batch * g.in_h * g.in_w * g.channels, seed: 1)
        let w = values(depth * filters, seed: 2), bias = values(filters, seed: 3), dy = values(rows * filters, seed: 4)
        let allTaps = taps(g)

        var expected = [Float](repeating: 0, count: rows * filters)
        for t in allTaps { for f in 0..<filters { expected[t.row * filters + f] += x[t.input] * w[t.depth * filters + f] } }
        for r in 0..<rows { for f in 0..<filters {
            let v = expected[r * filters + f] + bias[f]
            expected[r * filters + f] = relu ? max(v, 0) : v
        } }
        var y = [Float](repeating: .nan, count: rows * filters)
        syn_conv2d_forward(x, w, bias, &y, filters, relu ? 1 : 0, &g)
        assertClose(y, expected, "forward", file: file, line: line)

        let dz = (0..<rows * filters).map { !relu || y[$0] > 0 ? dy[$0] : 0 }
        var dbiasExpected = [Float](repeating: 0, count: filters)
        for r in 0..<rows { for f in 0..<filters { dbiasExpected[f] += dz[r * filters + f] } }
        var dwExpected = [Float](repeating: 0, count: depth * filters)
        var dxExpected = [Float](repeating: 0, count: x.count)
        for t in allTaps { for f in 0..<filters {
            dwExpected[t.depth * filters + f] += x[t.input] * dz[t.row * filters + f]
            dxExpected[t.input] += w[t.depth * filters + f] * dz[t.row * filters + f]
        } }
        var dx = [Float](repeating: .nan, count: x.count), dw = [Float](repeating: .nan, count: depth * filters)
        var dbias = [Float](repeating: .nan, count: filters)
        syn_conv2d_backward(x, w, y, dy, filters, relu ? 1 : 0, &dx, &dw, &dbias, &g)
        assertClose(dx, dxExpected, "input gradient", file: file, line: line)
        assertClose(dw, dwExpected, "kernel gradient", file: file, line: line)
        assertClose(dbias, dbiasExpected, "bias gradient", file: file, line: line)

        // Only the kernel gradient (a network's first layer).
        var dwOnly = [Float](repeating: .nan, count: depth * filters)
        syn_conv2d_backward(x, w, y, dy, filters, relu ? 1 : 0, nil, &dwOnly, nil, &g)
        assertClose(dwOnly, dwExpected, "kernel gradient alone", file: file, line: line)
    }

    func testChunkedConvolutionWithPaddingStridesAndDilationMatchesPlainLoops() {
        for threads in [1, 2] {
            checkConvolution(geometry(batch: 5, inH: 9, inW: 7, channels: 3, kernel: (3, 2), stride: (2, 1),
                                      dilation: (1, 2), pad: (1, 1)), filters: 5, relu: true, threads: threads)
            checkConvolution(geometry(batch: 3, inH: 6, inW: 5, channels: 2, kernel: (2, 3)), filters: 3, relu: false,
                             threads: threads)
        }
    }

    func testImagesLargerThanOneChunkAreSplitWithinTheImage() {
        // 40×40 pixels × (3·3·16 + 8) floats is several chunks per image.
        for threads in [1, 2] {
            checkConvolution(geometry(batch: 3, inH: 40, inW: 41, channels: 16, kernel: (3, 3), pad: (1, 1)),
                             filters: 8, relu: true, threads: threads)
        }
    }

    func testPointwiseConvolutionReadsTheInputInPlace() {
        checkConvolution(geometry(batch: 4, inH: 5, inW: 3, channels: 6, kernel: (1, 1)), filters: 7, relu: true, threads: 2)
    }

    func testTwoByTwoMaxPoolMatchesPlainLoopsWithTiesAndLeftoverEdges() {
        for (h, w) in [(7, 9), (6, 4)] {
            var g = geometry(batch: 3, inH: h, inW: w, channels: 5, kernel: (2, 2), stride: (2, 2))
            let x = values(3 * h * w * 5, seed: 7, levels: 3)  // few levels: many ties, first one wins
            let outCount = 3 * g.out_h * g.out_w * 5
            var y = [Float](repeating: .nan, count: outCount), winners = [Int32](repeating: -1, count: outCount)
            syn_conv_max_pool(x, &y, &winners, &g)
            var expectedY = [Float](repeating: 0, count: outCount), expectedWinners = [Int32](repeating: 0, count: outCount)
            for n in 0..<3 { for oh in 0..<g.out_h { for ow in 0..<g.out_w { for c in 0..<5 {
                var best = -Float.infinity, at = 0
                for i in 0..<2 { for j in 0..<2 {
                    let index = tap(g, n, oh, ow, i, j, c)!
                    if x[index] > best { best = x[index]; at = index - n * h * w * 5 }
                } }
                let o = ((n * g.out_h + oh) * g.out_w + ow) * 5 + c
                expectedY[o] = best
                expectedWinners[o] = Int32(at)
            } } } }
            XCTAssertEqual(y, expectedY)
            XCTAssertEqual(winners, expectedWinners)

            let dy = values(outCount, seed: 8)
            var dx = [Float](repeating: .nan, count: x.count)
            syn_conv_max_pool_backward(dy, winners, &dx, &g)
            var expectedDx = [Float](repeating: 0, count: x.count)
            for o in 0..<outCount { expectedDx[(o / (g.out_h * g.out_w * 5)) * h * w * 5 + Int(winners[o])] += dy[o] }
            XCTAssertEqual(dx, expectedDx)
        }
    }

    func testMaxPoolWithoutWinnersGivesTheSameValues() {
        let plain = geometry(batch: 2, inH: 7, inW: 6, channels: 3, kernel: (2, 2), stride: (2, 2))
        let padded = geometry(batch: 2, inH: 7, inW: 6, channels: 3, kernel: (3, 3), stride: (2, 1), pad: (1, 1),
                              out: (4, 6))
        for g0 in [plain, padded] {
            var g = g0
            let x = values(2 * 7 * 6 * 3, seed: 9, levels: 4)
            let outCount = 2 * g.out_h * g.out_w * 3
            var withWinners = [Float](repeating: .nan, count: outCount), winners = [Int32](repeating: 0, count: outCount)
            var valuesOnly = [Float](repeating: .nan, count: outCount)
            syn_conv_max_pool(x, &withWinners, &winners, &g)
            syn_conv_max_pool(x, &valuesOnly, nil, &g)
            XCTAssertEqual(valuesOnly, withWinners)
            XCTAssertFalse(valuesOnly.contains { $0.isNaN })
        }
    }

    func testReLUMaskInPlaceMatchesOutOfPlace() {
        let rows = 13, channels = 37
        let y = values(rows * channels, seed: 5), dy = values(rows * channels, seed: 6)
        var outOfPlace = [Float](repeating: .nan, count: dy.count), sum1 = [Float](repeating: 1, count: channels)
        syn_conv_relu_mask_accumulate(dy, y, &outOfPlace, &sum1, rows, channels, 1)
        var inPlace = dy, sum2 = [Float](repeating: 1, count: channels)
        inPlace.withUnsafeMutableBufferPointer { p in
            syn_conv_relu_mask_accumulate(p.baseAddress, y, p.baseAddress, &sum2, rows, channels, 1)
        }
        let expected = (0..<dy.count).map { y[$0] > 0 ? dy[$0] : 0 }
        XCTAssertEqual(outOfPlace, expected)
        XCTAssertEqual(inPlace, expected)
        let expectedSums = (0..<channels).map { c in (0..<rows).reduce(Float(1)) { $0 + expected[$1 * channels + c] } }
        assertClose(sum1, expectedSums, "out-of-place sums")
        assertClose(sum2, expectedSums, "in-place sums")
    }
}
