import Foundation

extension LinePlot {
    /// The chart as an SVG document with real text, laid out as `image()`.
    public func svg() -> String {
        let f = frame
        var body: [String] = []
        func color(_ c: RGBColor) -> String { String(format: "#%02x%02x%02x", c.red, c.green, c.blue) }
        for tick in yAxis.ticks {
            let y = pixel(x: xAxis.lower, y: tick).y
            body.append("<line x1=\"\(f.left)\" y1=\"\(y)\" x2=\"\(f.right)\" y2=\"\(y)\" stroke=\"#e1e1e1\"/>")
            body.append("<text x=\"\(f.left - 4)\" y=\"\(y + 4)\" text-anchor=\"end\">\(SVG.escaped(yAxis.label(tick)))</text>")
        }
        for tick in xAxis.ticks {
            let x = pixel(x: tick, y: yAxis.lower).x
            body.append("<line x1=\"\(x)\" y1=\"\(f.top)\" x2=\"\(x)\" y2=\"\(f.bottom)\" stroke=\"#e1e1e1\"/>")
            body.append("<text x=\"\(x)\" y=\"\(f.bottom + 14)\" text-anchor=\"middle\">\(SVG.escaped(xAxis.label(tick)))</text>")
        }
        body.append("<polyline points=\"\(f.left),\(f.top) \(f.left),\(f.bottom) \(f.right),\(f.bottom)\" fill=\"none\" stroke=\"#000\"/>")
        for line in series {
            let points = line.points.map { pixel(x: $0.x, y: $0.y) }
            let list = points.map { "\($0.x),\($0.y)" }.joined(separator: " ")
            body.append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(color(line.color))\" stroke-width=\"2\"/>")
            for point in points {
                body.append("<circle cx=\"\(point.x)\" cy=\"\(point.y)\" r=\"2.5\" fill=\"\(color(line.color))\"/>")
            }
        }
        body.append("<text x=\"\(width / 2)\" y=\"16\" text-anchor=\"middle\" font-weight=\"bold\">\(SVG.escaped(title))</text>")
        body.append("<text x=\"\((f.left + f.right) / 2)\" y=\"\(f.bottom + 30)\" text-anchor=\"middle\">\(SVG.escaped(xLabel))</text>")
        body.append("<text x=\"4\" y=\"14\">\(SVG.escaped(yLabel))</text>")
        for (index, line) in series.enumerated() {
            let y = f.top + 6 + index * 14
            body.append("<rect x=\"\(f.right - 90)\" y=\"\(y + 2)\" width=\"14\" height=\"3\" fill=\"\(color(line.color))\"/>")
            body.append("<text x=\"\(f.right - 72)\" y=\"\(y + 7)\">\(SVG.escaped(line.name))</text>")
        }
        return SVG.document(width: width, height: height, body: body)
    }
}
