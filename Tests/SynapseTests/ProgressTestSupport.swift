@testable import Synapse

/// Captures everything a ``ProgressBar`` writes, for inspection in tests.
final class RecordingOutput: ProgressOutput {
    let isTerminal: Bool
    private(set) var text = ""
    private(set) var writeCount = 0
    private(set) var flushCount = 0

    init(isTerminal: Bool) {
        self.isTerminal = isTerminal
    }

    func write(_ text: String) {
        self.text += text
        writeCount += 1
    }

    func flush() {
        flushCount += 1
    }

    /// The text with ANSI escape sequences (ESC [ ... letter) removed.
    var textWithoutEscapes: String {
        var result = ""
        var inEscape = false
        for character in text {
            if character == "\u{1B}" {
                inEscape = true
            } else if inEscape {
                if character.isLetter { inEscape = false }
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// The redrawn frames of the live bar, escapes removed: the pieces
    /// between carriage returns and line feeds that start with a counter.
    var frames: [String] {
        textWithoutEscapes
            .split(whereSeparator: { $0 == "\r" || $0 == "\n" })
            .map(String.init)
            .filter { !$0.hasPrefix("Epoch") }
    }
}

/// A clock the test moves by hand.
final class ManualClock {
    var now: Double

    init(start: Double = 100) {
        now = start
    }

    func read() -> Double { now }
}
