import XCTest
@testable import Synapse

final class ProgressBarTests: XCTestCase {
    private let green = "\u{1B}[32m"
    private let gray = "\u{1B}[90m"

    // MARK: Live bar on a terminal

    func testLiveBarRedrawsAtMostTenTimesASecondAndAlwaysDrawsTheLastStep() {
        let output = RecordingOutput(isTerminal: true)
        let clock = ManualClock()
        let start = clock.now
        let bar = ProgressBar(totalSteps: 1000, epoch: 1, epochs: 1, verbosity: .progressBar,
                              output: output, clock: clock.read)
        for step in 1...1000 {
            clock.now = start + 0.5 * Double(step) / 1000
            bar.update(step: step, metrics: [("loss", 1.0 / Double(step))])
        }
        let frames = output.frames
        XCTAssertGreaterThanOrEqual(frames.count, 5)
        XCTAssertLessThanOrEqual(frames.count, 6)
        XCTAssertTrue(frames.last?.hasPrefix("1000/1000 ") == true, "\(frames)")
        XCTAssertEqual(output.flushCount, output.writeCount)
    }

    func testLiveBarLineContent() {
        let output = RecordingOutput(isTerminal: true)
        let clock = ManualClock()
        let bar = ProgressBar(totalSteps: 1875, epoch: 3, epochs: 10, verbosity: .progressBar,
                              output: output, clock: clock.read)
        clock.now += 1234 * 0.002
        bar.update(step: 1234, metrics: [("accuracy", 0.88123), ("loss", 0.33118)])

        XCTAssertTrue(output.text.hasPrefix("Epoch 3/10\n\r"))
        XCTAssertTrue(output.text.hasSuffix("\u{1B}[K"), "clears the rest of the line")
        let filled = String(repeating: "━", count: 13)  // 1234 / 1875 of 20 cells
        let remaining = String(repeating: "━", count: 7)
        XCTAssertTrue(output.text.contains(green + filled + gray + remaining))
        XCTAssertEqual(output.frames, [
            "1234/1875 ━━━━━━━━━━━━━━━━━━━━ 1s 2ms/step - accuracy: 0.8812 - loss: 0.3312",
        ])
    }

    func testLiveBarShowsEstimatedTimeLeftDuringTheEpoch() {
        let output = RecordingOutput(isTerminal: true)
        let clock = ManualClock()
        let bar = ProgressBar(totalSteps: 100, verbosity: .progressBar, output: output, clock: clock.read)
        clock.now += 1.0
        bar.update(step: 10, metrics: [])  // 0.1 s per step, 90 steps left
        XCTAssertEqual(output.frames, [" 10/100 ━━━━━━━━━━━━━━━━━━━━ 9s 100ms/step"])
    }

    func testFinishShowsTotalTimeAndValidationMetricsThenEndsTheLine() {
        let output = RecordingOutput(isTerminal: true)
        let clock = ManualClock()
        let bar = ProgressBar(totalSteps: 100, epoch: 1, epochs: 2, verbosity: .progressBar,
                              output: output, clock: clock.read)
        clock.now += 5
        bar.update(step: 100, metrics: [("loss", 0.5)])
        clock.now += 0.01
        bar.finish(metrics: [("loss", 0.5), ("val_loss", 0.25)])

        XCTAssertTrue(output.text.hasSuffix("\n"))
        XCTAssertEqual(output.frames.last,
                       "100/100 ━━━━━━━━━━━━━━━━━━━━ 5s 50ms/step - loss: 0.5000 - val_loss: 0.2500")
        XCTAssertEqual(output.textWithoutEscapes.components(separatedBy: "Epoch 1/2").count, 2,
                       "the epoch title is written once")
    }

    func testLiveBarWithUnknownTotalShowsStepCount() {
        let output = RecordingOutput(isTerminal: true)
        let clock = ManualClock()
        let bar = ProgressBar(totalSteps: nil, verbosity: .progressBar, output: output, clock: clock.read)
        clock.now += 0.37
        bar.update(step: 37, metrics: [("loss", 2)])
        XCTAssertEqual(output.frames, ["37/Unknown 0s 10ms/step - loss: 2.0000"])
    }

    // MARK: Plain lines

    func testNonTerminalWritesExactlyOnePlainLinePerEpoch() {
        let output = RecordingOutput(isTerminal: false)
        let clock = ManualClock()
        for epoch in 1...3 {
            let bar = ProgressBar(totalSteps: 50, epoch: epoch, epochs: 3, verbosity: .progressBar,
                                  output: output, clock: clock.read)
            for step in 1...50 {
                clock.now += 0.082
                bar.update(step: step, metrics: [("accuracy", 0.88123), ("loss", 0.33118)])
            }
            bar.finish(metrics: [("accuracy", 0.88123), ("loss", 0.33118),
                                 ("val_accuracy", 0.9), ("val_loss", 0.25)])
        }
        XCTAssertFalse(output.text.contains("\r"))
        XCTAssertFalse(output.text.contains("\u{1B}"))
        let lines = output.text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 4, "three lines, each ending in a newline")
        XCTAssertEqual(lines[1],
            "Epoch 2/3 - 4.1s - 82ms/step - accuracy: 0.8812 - loss: 0.3312 - val_accuracy: 0.9000 - val_loss: 0.2500")
    }

    func testOneLinePerEpochVerbosityWritesLinesEvenOnATerminal() {
        let output = RecordingOutput(isTerminal: true)
        let clock = ManualClock()
        let bar = ProgressBar(totalSteps: 10, epoch: 1, epochs: 1, verbosity: .oneLinePerEpoch,
                              output: output, clock: clock.read)
        for step in 1...10 {
            clock.now += 0.2
            bar.update(step: step, metrics: [("loss", 0.1)])
        }
        XCTAssertEqual(output.text, "", "nothing before the epoch ends")
        bar.finish(metrics: [("loss", 0.1)])
        XCTAssertEqual(output.text, "Epoch 1/1 - 2.0s - 200ms/step - loss: 0.1000\n")
    }

    func testEvaluationWithoutEpochWritesStepCount() {
        let output = RecordingOutput(isTerminal: false)
        let clock = ManualClock()
        let bar = ProgressBar(totalSteps: 157, verbosity: .progressBar, output: output, clock: clock.read)
        clock.now += 1.2
        bar.update(step: 157, metrics: [("loss", 0.3)])
        bar.finish(metrics: [("loss", 0.3)])
        XCTAssertEqual(output.text, "157/157 - 1.2s - 8ms/step - loss: 0.3000\n")
    }

    func testSilentVerbosityWritesNothing() {
        let output = RecordingOutput(isTerminal: true)
        let bar = ProgressBar(totalSteps: 10, epoch: 1, epochs: 1, verbosity: .silent,
                              output: output, clock: ManualClock().read)
        for step in 1...10 { bar.update(step: step, metrics: [("loss", 1)]) }
        bar.finish(metrics: [("loss", 1)])
        XCTAssertEqual(output.writeCount, 0)
        XCTAssertEqual(output.text, "")
    }

    func testCallsAfterFinishAreIgnored() {
        let output = RecordingOutput(isTerminal: false)
        let bar = ProgressBar(totalSteps: 2, epoch: 1, epochs: 1, verbosity: .progressBar,
                              output: output, clock: ManualClock().read)
        bar.update(step: 2, metrics: [])
        bar.finish(metrics: [])
        bar.update(step: 2, metrics: [])
        bar.finish(metrics: [])
        XCTAssertEqual(output.writeCount, 1)
    }

    func testVerbosityLevelsMatchKeras() {
        XCTAssertEqual(Verbosity(rawValue: 0), .silent)
        XCTAssertEqual(Verbosity(rawValue: 1), .progressBar)
        XCTAssertEqual(Verbosity(rawValue: 2), .oneLinePerEpoch)
        XCTAssertNil(Verbosity(rawValue: 3))
        XCTAssertEqual(Verbosity.auto, .progressBar)
    }
}
