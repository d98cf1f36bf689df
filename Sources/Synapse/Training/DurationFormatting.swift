import Foundation

/// Keras-style formatting of the numbers a ``ProgressBar`` shows.
public enum ProgressFormatting {
    /// Formats a duration in seconds: `4s`, `1m 12s`, `2h 5m 3s`.
    ///
    /// - Parameters:
    ///   - seconds: The duration; negative or non-finite values count as zero.
    ///   - tenths: Show tenths of a second below one minute (`4.1s`).
    public static func duration(_ seconds: Double, tenths: Bool = false) -> String {
        let seconds = seconds.isFinite ? max(seconds, 0) : 0
        if tenths && seconds < 59.95 {
            return String(format: "%.1fs", seconds)
        }
        let whole = Int(seconds.rounded())
        let hours = whole / 3600
        let minutes = whole % 3600 / 60
        let rest = whole % 60
        if hours > 0 { return "\(hours)h \(minutes)m \(rest)s" }
        if minutes > 0 { return "\(minutes)m \(rest)s" }
        return "\(rest)s"
    }

    /// Formats the time one step takes, choosing the unit as Keras does:
    /// `2s/step`, `2ms/step` or `350us/step`.
    public static func stepTime(_ seconds: Double, unit: String = "step") -> String {
        let seconds = seconds.isFinite ? max(seconds, 0) : 0
        // Thresholds sit just below 1 so that rounding never shows `1000ms`.
        if seconds >= 0.9995 || seconds == 0 {
            return String(format: "%.0f", seconds) + "s/\(unit)"
        }
        if seconds >= 0.9995e-3 {
            return String(format: "%.0f", seconds * 1e3) + "ms/\(unit)"
        }
        return String(format: "%.0f", seconds * 1e6) + "us/\(unit)"
    }

    /// Formats a metric value as Keras does: four decimals (`0.8812`), or
    /// scientific notation when tiny (`5.0000e-04`).
    public static func metricValue(_ value: Double) -> String {
        String(format: abs(value) > 1e-3 ? "%.4f" : "%.4e", value)
    }

    /// Formats metrics in the given order as ` - name: value` pairs.
    public static func metrics(_ metrics: [(String, Double)]) -> String {
        metrics.map { " - \($0.0): \(metricValue($0.1))" }.joined()
    }
}
