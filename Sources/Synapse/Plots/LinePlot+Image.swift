extension LinePlot {
    /// The chart as a picture: white background, grey grid at the ticks,
    /// black axes and labels, each series a 2-pixel line, and the legend in
    /// the top-right corner.
    public func image() -> RGBImage {
        var canvas = RGBImage(width: width, height: height, fill: .white)
        let f = frame
        let grid = RGBColor(grey: 225), ink = RGBColor.black
        for tick in yAxis.ticks {
            let y = pixel(x: xAxis.lower, y: tick).y
            canvas.drawLine(from: (f.left, y), to: (f.right, y), color: grid)
            let label = yAxis.label(tick)
            let size = BitmapFont.size(of: label)
            BitmapFont.draw(label, on: &canvas, x: f.left - 4 - size.width, y: y - 3, color: ink)
        }
        for tick in xAxis.ticks {
            let x = pixel(x: tick, y: yAxis.lower).x
            canvas.drawLine(from: (x, f.top), to: (x, f.bottom), color: grid)
            let label = xAxis.label(tick)
            BitmapFont.draw(label, on: &canvas, x: x - BitmapFont.size(of: label).width / 2, y: f.bottom + 4, color: ink)
        }
        canvas.drawLine(from: (f.left, f.bottom), to: (f.right, f.bottom), color: ink)
        canvas.drawLine(from: (f.left, f.top), to: (f.left, f.bottom), color: ink)
        for line in series {
            let points = line.points.map { pixel(x: $0.x, y: $0.y) }
            for (a, b) in zip(points, points.dropFirst()) {
                canvas.drawLine(from: (a.x, a.y), to: (b.x, b.y), color: line.color, thickness: 2)
            }
            for point in points { canvas.fill(x: point.x - 2, y: point.y - 2, width: 5, height: 5, with: line.color) }
        }
        BitmapFont.draw(title, on: &canvas, x: (width - BitmapFont.size(of: title).width) / 2, y: 6, color: ink)
        BitmapFont.draw(xLabel, on: &canvas, x: (f.left + f.right - BitmapFont.size(of: xLabel).width) / 2,
                        y: f.bottom + 18, color: ink)
        BitmapFont.draw(yLabel, on: &canvas, x: 4, y: 6, color: ink)
        for (index, line) in series.enumerated() {
            let y = f.top + 6 + index * 12
            let x = f.right - 8 - BitmapFont.size(of: line.name).width - 18
            canvas.fill(x: x, y: y + 2, width: 14, height: 3, with: line.color)
            BitmapFont.draw(line.name, on: &canvas, x: x + 18, y: y, color: ink)
        }
        return canvas
    }
}
