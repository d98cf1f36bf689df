import Foundation

/// The training curves of a run: one chart per metric (loss, accuracy, …),
/// training against validation by epoch, written as PNG and SVG.
public enum TrainingPlots {
    /// One `LinePlot` per metric in `history` (validation values joined to
    /// their training metric), in name order with the loss first.
    public static func curves(_ history: History) -> [(name: String, plot: LinePlot)] {
        let names = history.values.keys.filter { !$0.hasPrefix("val_") }
            .sorted { ($0 == "loss" ? "" : $0) < ($1 == "loss" ? "" : $1) }
        let epochs = history.epochs.isEmpty ? Array(0 ..< (history.values.values.map(\.count).max() ?? 0)) : history.epochs
        return names.map { name in
            func points(_ key: String) -> [(x: Double, y: Double)] {
                zip(epochs, history[key]).map { (x: Double($0 + 1), y: $1) }
            }
            var series = [LinePlot.Series(name: "training", points: points(name))]
            if !history["val_" + name].isEmpty { series.append(.init(name: "validation", points: points("val_" + name))) }
            let title = series.count > 1 ? "\(name): training and validation" : name
            return (name, LinePlot(title: title, xLabel: "epoch", yLabel: name, series: series))
        }
    }

    /// Writes `<metric>.png` and `<metric>.svg` for each curve into
    /// `directory` (created if missing), atomically; returns the files written.
    @discardableResult
    public static func write(_ history: History, to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var written: [URL] = []
        for (name, plot) in curves(history) {
            let stem = name.replacingOccurrences(of: "/", with: "_")
            let png = directory.appendingPathComponent("\(stem).png"), svg = directory.appendingPathComponent("\(stem).svg")
            try plot.image().writePNG(to: png)
            try AtomicWrite.write(Data(plot.svg().utf8), to: svg)
            written += [png, svg]
        }
        return written
    }
}
