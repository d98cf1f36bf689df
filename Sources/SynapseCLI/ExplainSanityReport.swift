import Foundation
import Synapse

/// The sanity-check table `synapse explain --sanity-check` prints: per
/// method, the rank correlation and SSIM with the original maps after each
/// layer is randomised (top down), whether the method is flagged, and the
/// deletion and insertion areas beside a random order's.
func sanityReport(methods: [any AttributionMethod], results: [Tensor], inputs: Tensor, classes: [Int],
                  score: ClassScore) throws -> String {
    let reports = try ModelRandomizationCheck().run(methods, inputs: inputs, classes: classes, score: score)
    var lines = ["Model randomization (layers re-initialised from the top; Spearman / SSIM of |maps| with the original):"]
    let layers = reports.first?.steps.map(\.layer) ?? []
    lines.append(row(["method"] + layers + ["verdict"]))
    for report in reports {
        let cells = report.steps.map { String(format: "%.2f / %.2f", $0.spearman, $0.ssim) }
        lines.append(row([report.method] + cells + [report.isFlagged ? "FLAGGED: barely changes" : "changes"]))
    }
    lines.append("")
    lines.append("Deletion / insertion (area under the class probability; deletion: lower is better, insertion: higher):")
    lines.append(row(["method", "deletion", "random", "insertion", "random"]))
    for (method, attributions) in zip(methods, results) {
        let curves = try FaithfulnessCurves.measure(attributions: attributions, inputs: inputs, classes: classes, score: score)
        func mean(_ value: (FaithfulnessCurves) -> Float) -> String {
            String(format: "%.3f", curves.map(value).reduce(0, +) / Float(curves.count))
        }
        lines.append(row([method.name, mean(\.deletionAUC), mean(\.randomDeletionAUC), mean(\.insertionAUC),
                          mean(\.randomInsertionAUC)]))
    }
    return lines.joined(separator: "\n")
}

/// A markdown table row.
private func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
