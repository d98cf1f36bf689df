import Dispatch

/// A Keras-style progress display for one epoch of training, or for an
/// evaluation or prediction pass over a number of steps.
///
/// On a terminal (with ``Verbosity/progressBar``) it draws a live bar,
/// redrawn in place at most every ``redrawInterval`` seconds:
///
///     Epoch 3/10
///     1234/1875 ━━━━━━━━━━━━━━━━━━━━ 4s 2ms/step - accuracy: 0.8812 - loss: 0.3312
///
/// Anywhere else, or with ``Verbosity/oneLinePerEpoch``, it writes one plain
/// line when ``finish(metrics:)`` is called, without `\r` or escape codes:
///
///     Epoch 3/10 - 4.1s - 2ms/step - accuracy: 0.8812 - loss: 0.3312
///
/// Create one bar per epoch; call ``update(step:metrics:)`` after each step
/// and ``finish(metrics:)`` once at the end, passing any validation metrics.
public final class ProgressBar {
    /// The shortest time, in seconds, between two redraws of the live bar.
    /// The last step and ``finish(metrics:)`` are always drawn.
    public static let redrawInterval = 0.1

    /// The number of cells in the drawn bar.
    public static let barWidth = 20

    private enum Style { case silent, liveBar, summaryLine }

    private let totalSteps: Int?
    private let epoch: Int?
    private let epochs: Int?
    private let style: Style
    private let output: any ProgressOutput
    private let clock: () -> Double
    private let startTime: Double
    private var stepsDone = 0
    private var lastDrawTime: Double?
    private var isFinished = false

    /// Creates a progress display and starts its timer.
    ///
    /// - Parameters:
    ///   - totalSteps: The number of steps in the pass, or `nil` if unknown.
    ///   - epoch: The 1-based epoch number, or `nil` outside training.
    ///   - epochs: The total number of epochs, or `nil` if not shown.
    ///   - verbosity: How much to print.
    ///   - output: Where to write; standard output by default.
    ///   - clock: Returns the current time in seconds; monotonic by default.
    public init(
        totalSteps: Int?,
        epoch: Int? = nil,
        epochs: Int? = nil,
        verbosity: Verbosity = .auto,
        output: some ProgressOutput = StandardOutput(),
        clock: @escaping () -> Double = ProgressBar.monotonicSeconds
    ) {
        self.totalSteps = totalSteps
        self.epoch = epoch
        self.epochs = epochs
        self.output = output
        self.clock = clock
        switch verbosity {
        case .silent: style = .silent
        case .progressBar: style = output.isTerminal ? .liveBar : .summaryLine
        case .oneLinePerEpoch: style = .summaryLine
        }
        startTime = clock()
    }

    /// Records that `step` steps (1-based) are done, with the metrics so far
    /// in display order, and redraws the live bar if enough time has passed.
    public func update(step: Int, metrics: [(String, Double)]) {
        guard !isFinished, style != .silent else { return }
        stepsDone = step
        guard style == .liveBar else { return }
        let now = clock()
        let isLastStep = totalSteps.map { step >= $0 } ?? false
        if let last = lastDrawTime, now - last < Self.redrawInterval, !isLastStep {
            return
        }
        drawLiveLine(now: now, metrics: metrics, isComplete: isLastStep, endsLine: false)
    }

    /// Ends the pass: draws the bar a last time (or writes the plain line)
    /// with the total time and the final metrics, including any validation
    /// metrics such as `val_loss`. Later calls do nothing.
    public func finish(metrics: [(String, Double)]) {
        guard !isFinished else { return }
        isFinished = true
        switch style {
        case .silent:
            return
        case .liveBar:
            drawLiveLine(now: clock(), metrics: metrics, isComplete: true, endsLine: true)
        case .summaryLine:
            writeSummaryLine(now: clock(), metrics: metrics)
        }
    }

    /// Seconds from an arbitrary fixed point, from a clock that never goes back.
    public static func monotonicSeconds() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }

    private var epochTitle: String? {
        guard let epoch else { return nil }
        return epochs.map { "Epoch \(epoch)/\($0)" } ?? "Epoch \(epoch)"
    }

    private func secondsPerStep(now: Double) -> Double {
        stepsDone > 0 ? (now - startTime) / Double(stepsDone) : 0
    }

    private func drawLiveLine(now: Double, metrics: [(String, Double)], isComplete: Bool, endsLine: Bool) {
        var text = ""
        if lastDrawTime == nil, let epochTitle {
            text += epochTitle + "\n"
        }
        let perStep = secondsPerStep(now: now)
        let time: Double
        if isComplete {
            time = now - startTime
        } else {
            time = perStep * Double(max((totalSteps ?? stepsDone) - stepsDone, 0))
        }
        text += "\r" + counterAndBar()
        text += " " + ProgressFormatting.duration(time)
        text += " " + ProgressFormatting.stepTime(perStep)
        text += ProgressFormatting.metrics(metrics)
        text += ANSI.clearToEndOfLine + (endsLine ? "\n" : "")
        lastDrawTime = now
        output.write(text)
        output.flush()
    }

    private func counterAndBar() -> String {
        guard let totalSteps, totalSteps > 0 else {
            return "\(stepsDone)/Unknown"
        }
        let digits = String(totalSteps).count
        let counter = String(repeating: " ", count: max(digits - String(stepsDone).count, 0))
            + "\(stepsDone)/\(totalSteps)"
        let fraction = min(max(Double(stepsDone) / Double(totalSteps), 0), 1)
        let filled = Int(fraction * Double(Self.barWidth))
        let done = String(repeating: "━", count: filled)
        let remaining = String(repeating: "━", count: Self.barWidth - filled)
        return counter + " " + ANSI.green + done + ANSI.gray + remaining + ANSI.reset
    }

    private func writeSummaryLine(now: Double, metrics: [(String, Double)]) {
        let title = epochTitle ?? "\(stepsDone)/\(totalSteps ?? stepsDone)"
        let line = title
            + " - " + ProgressFormatting.duration(now - startTime, tenths: true)
            + " - " + ProgressFormatting.stepTime(secondsPerStep(now: now))
            + ProgressFormatting.metrics(metrics) + "\n"
        output.write(line)
        output.flush()
    }
}

/// The few ANSI escape sequences the live bar uses.
private enum ANSI {
    static let green = "\u{1B}[32m"
    static let gray = "\u{1B}[90m"
    static let reset = "\u{1B}[0m"
    static let clearToEndOfLine = "\u{1B}[K"
}
