/// A line chart: one or more named series of (x, y) points over shared
/// axes, with a title, axis labels, tick labels and a legend. It draws into
/// an `RGBImage` (`image()`, for PNG) or writes SVG (`svg()`), with the same
/// layout, so both files show the same picture.
///
/// ```swift
/// let plot = LinePlot(title: "loss", xLabel: "epoch", yLabel: "loss",
///                     series: [.init(name: "train", points: [(1, 0.9), (2, 0.5)])])
/// try plot.image().writePNG(to: URL(fileURLWithPath: "loss.png"))
/// ```
public struct LinePlot: Sendable {
    /// One line.
    public struct Series: Sendable {
        /// Its name in the legend.
        public let name: String
        /// Its points, in drawing order.
        public let points: [(x: Double, y: Double)]
        /// Its colour.
        public let color: RGBColor

        /// A series; the colour defaults to the plot palette's entry for its place.
        public init(name: String, points: [(x: Double, y: Double)], color: RGBColor? = nil) {
            self.name = name
            self.points = points
            self.color = color ?? .black
        }
    }

    /// The title above the chart.
    public let title: String
    /// The label under the x axis.
    public let xLabel: String
    /// The label beside the y axis.
    public let yLabel: String
    /// The lines, coloured from `palette` unless given a colour.
    public let series: [Series]
    /// The picture's size in pixels.
    public let width: Int, height: Int
    /// The x axis (over all series' x values).
    public let xAxis: PlotAxis
    /// The y axis (over all series' y values).
    public let yAxis: PlotAxis

    /// Distinct colours for series without their own (matplotlib's first four).
    public static let palette = [RGBColor(red: 31, green: 119, blue: 180), RGBColor(red: 255, green: 127, blue: 14),
                                 RGBColor(red: 44, green: 160, blue: 44), RGBColor(red: 214, green: 39, blue: 40)]

    /// A chart of `series` in a `width × height` picture.
    public init(title: String, xLabel: String, yLabel: String, series: [Series], width: Int = 480, height: Int = 320) {
        precondition(width >= 160 && height >= 120, "LinePlot: \(width)×\(height) is too small for a chart (at least 160×120)")
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series.enumerated().map { index, line in
            line.color == .black ? Series(name: line.name, points: line.points, color: LinePlot.palette[index % LinePlot.palette.count]) : line
        }
        self.width = width
        self.height = height
        xAxis = PlotAxis(covering: series.flatMap { $0.points.map(\.x) })
        yAxis = PlotAxis(covering: series.flatMap { $0.points.map(\.y) })
    }

    /// The rectangle the data is drawn in: left, top, right, bottom pixel edges.
    public var frame: (left: Int, top: Int, right: Int, bottom: Int) {
        (left: 56, top: 24, right: width - 16, bottom: height - 36)
    }

    /// The pixel a data point lands on (rounded to the nearest).
    public func pixel(x: Double, y: Double) -> (x: Int, y: Int) {
        let f = frame
        let px = Double(f.left) + xAxis.fraction(of: x) * Double(f.right - f.left)
        let py = Double(f.bottom) - yAxis.fraction(of: y) * Double(f.bottom - f.top)
        return (Int(px.rounded()), Int(py.rounded()))
    }
}
