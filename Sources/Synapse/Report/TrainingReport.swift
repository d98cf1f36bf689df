import Foundation

/// A training report as one self-contained HTML page (pictures embedded,
/// no network needed, readable on a phone and a laptop): the model summary,
/// the training curves, the test accuracy, the confusion matrix, each
/// class's precision, recall and F1, the misclassified examples, and any
/// further pictures (attribution maps, for example).
///
/// ```swift
/// let report = TrainingReport(title: "MNIST MLP", modelSummary: model.summaryText(),
///                             history: history, confusion: matrix)
/// try report.write(to: URL(fileURLWithPath: "report.html"))
/// ```
public struct TrainingReport {
    /// The page's title and heading.
    public var title: String
    /// The model's layers, as `Model.summaryText()` prints them.
    public var modelSummary: String
    /// The per-epoch metrics, drawn as curves.
    public var history: History?
    /// Test results: true (row) against predicted (column) classes.
    public var confusion: ConfusionMatrix?
    /// Class names, indexed by class.
    public var classNames: [String]?
    /// Misclassified test examples.
    public var misclassified: ExampleGrid?
    /// Further sections: a heading and a picture each.
    public var figures: [(title: String, image: RGBImage)]
    /// Lines of facts shown near the top (dataset, options, …).
    public var facts: [(name: String, value: String)]

    /// A report; every part but the title and summary is optional.
    public init(title: String, modelSummary: String, history: History? = nil, confusion: ConfusionMatrix? = nil,
                classNames: [String]? = nil, misclassified: ExampleGrid? = nil,
                figures: [(title: String, image: RGBImage)] = [], facts: [(name: String, value: String)] = []) {
        self.title = title
        self.modelSummary = modelSummary
        self.history = history
        self.confusion = confusion
        self.classNames = classNames
        self.misclassified = misclassified
        self.figures = figures
        self.facts = facts
    }

    private func className(_ index: Int) -> String {
        guard let classNames, classNames.indices.contains(index) else { return String(index) }
        return classNames[index]
    }

    /// The page.
    public func html() -> String {
        var sections: [String] = []
        if !facts.isEmpty || confusion != nil {
            var rows = facts.map { "<tr><th>\(HTML.escaped($0.name))</th><td>\(HTML.escaped($0.value))</td></tr>" }
            if let confusion {
                rows.insert("<tr><th>test accuracy</th><td>\(String(format: "%.4f", confusion.result)) (\(confusion.correct) of \(confusion.total))</td></tr>", at: 0)
            }
            sections.append("<section><h2>Run</h2><table>\(rows.joined())</table></section>")
        }
        sections.append("<section><h2>Model</h2><pre>\(HTML.escaped(modelSummary))</pre></section>")
        if let history {
            let plots = TrainingPlots.curves(history).map { "<figure>\(HTML.image($0.plot.image(), alt: "\($0.name) by epoch"))<figcaption>\(HTML.escaped($0.name))</figcaption></figure>" }
            sections.append("<section><h2>Training curves</h2><div class=\"figures\">\(plots.joined())</div></section>")
        }
        if let confusion {
            let plot = ConfusionMatrixPlot(confusion, classNames: classNames)
            sections.append("<section><h2>Confusion matrix</h2><figure>\(HTML.image(plot.image(), alt: "confusion matrix"))</figure></section>")
            let rows = (0 ..< confusion.classes).map { index -> String in
                let precision = confusion.precision(ofClass: index), recall = confusion.recall(ofClass: index)
                let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
                let support = confusion.counts[index].reduce(0, +)
                return "<tr><td>\(HTML.escaped(className(index)))</td><td>\(String(format: "%.3f", precision))</td><td>\(String(format: "%.3f", recall))</td><td>\(String(format: "%.3f", f1))</td><td>\(support)</td></tr>"
            }
            sections.append("<section><h2>Per class</h2><table><thead><tr><th>class</th><th>precision</th><th>recall</th><th>F1</th><th>test images</th></tr></thead><tbody>\(rows.joined())</tbody></table></section>")
        }
        if let misclassified {
            sections.append("<section><h2>Misclassified test images</h2><figure>\(HTML.image(misclassified.image(), alt: "misclassified test images"))</figure></section>")
        }
        for figure in figures {
            sections.append("<section><h2>\(HTML.escaped(figure.title))</h2><figure>\(HTML.image(figure.image, alt: figure.title))</figure></section>")
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escaped(title))</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 0 auto; padding: 1rem; max-width: 60rem; color: #222; }
            h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
            pre { overflow-x: auto; background: #f6f6f6; padding: .6rem; font-size: .8rem; }
            table { border-collapse: collapse; font-size: .9rem; } th, td { padding: .25rem .6rem; border-bottom: 1px solid #eee; text-align: left; }
            img { max-width: 100%; height: auto; image-rendering: pixelated; }
            .figures { display: flex; flex-wrap: wrap; gap: 1rem; } figure { margin: 0; } figcaption { font-size: .85rem; color: #555; }
            </style>
            </head>
            <body>
            <h1>\(HTML.escaped(title))</h1>
            \(sections.joined(separator: "\n"))
            <footer><p>Written by Synapse.</p></footer>
            </body>
            </html>

            """
    }

    /// Writes the page to `url`, atomically.
    public func write(to url: URL) throws {
        try AtomicWrite.write(Data(html().utf8), to: url)
    }
}
