/// A confusion matrix drawn as a labelled heat map: rows are the true
/// classes, columns the predicted ones, each cell shaded by its share of
/// its row (so recall reads along the diagonal) and labelled with its count.
public struct ConfusionMatrixPlot: Sendable {
    /// `counts[actual][predicted]`.
    public let counts: [[Int]]
    /// Class names, indexed by class (numbers when nil).
    public let classNames: [String]?
    /// The side of one cell, in pixels.
    public let cellSize: Int

    /// A plot of `counts` (square, at least one class).
    public init(counts: [[Int]], classNames: [String]? = nil, cellSize: Int = 36) {
        precondition(!counts.isEmpty && counts.allSatisfy { $0.count == counts.count },
                     "ConfusionMatrixPlot: counts must be a square matrix, got \(counts.map(\.count))")
        self.counts = counts
        self.classNames = classNames
        self.cellSize = cellSize
    }

    /// The plot of a `ConfusionMatrix` metric's counts.
    public init(_ matrix: ConfusionMatrix, classNames: [String]? = nil) {
        self.init(counts: matrix.counts, classNames: classNames)
    }

    /// The name printed for class `index`.
    public func name(_ index: Int) -> String {
        guard let classNames, classNames.indices.contains(index) else { return String(index) }
        return classNames[index]
    }

    /// Each cell's share of its row (0 for an empty row).
    public var rowFractions: [[Double]] {
        counts.map { row in
            let total = row.reduce(0, +)
            return row.map { total > 0 ? Double($0) / Double(total) : 0 }
        }
    }

    /// Where the grid starts: room on the left for row names and on top for the title.
    var origin: (x: Int, y: Int) {
        let longest = (0 ..< counts.count).map { BitmapFont.size(of: name($0)).width }.max() ?? 0
        return (x: longest + 24, y: 34)
    }

    /// The picture: title, the shaded grid with counts, class names on both axes.
    public func image() -> RGBImage {
        let n = counts.count, o = origin
        let labelRows = (0 ..< n).map { BitmapFont.size(of: name($0)).width }.max() ?? 0
        var canvas = RGBImage(width: o.x + n * cellSize + 8, height: o.y + n * cellSize + labelRows + 30, fill: .white)
        BitmapFont.draw("true class (rows) vs predicted (columns)", on: &canvas, x: 4, y: 6, color: .black)
        let fractions = rowFractions
        for row in 0 ..< n {
            for column in 0 ..< n {
                let fraction = fractions[row][column]
                let x = o.x + column * cellSize, y = o.y + row * cellSize
                canvas.fill(x: x, y: y, width: cellSize - 1, height: cellSize - 1, with: Colormap.viridis.color(at: fraction))
                let text = String(counts[row][column])
                let size = BitmapFont.size(of: text)
                BitmapFont.draw(text, on: &canvas, x: x + (cellSize - size.width) / 2, y: y + (cellSize - 7) / 2,
                                color: fraction > 0.6 ? .black : .white)
            }
            let label = name(row)
            BitmapFont.draw(label, on: &canvas, x: o.x - 6 - BitmapFont.size(of: label).width,
                            y: o.y + row * cellSize + (cellSize - 7) / 2, color: .black)
        }
        for column in 0 ..< n {
            // Column names are written downwards, one character per line, to fit narrow cells.
            let label = name(column).map(String.init).joined(separator: "\n")
            BitmapFont.draw(label, on: &canvas, x: o.x + column * cellSize + (cellSize - 5) / 2,
                            y: o.y + n * cellSize + 6, color: .black)
        }
        return canvas
    }

    /// The same plot as SVG, with real text.
    public func svg() -> String {
        let n = counts.count, o = origin
        let fractions = rowFractions
        var body = ["<text x=\"4\" y=\"16\" font-weight=\"bold\">true class (rows) vs predicted (columns)</text>"]
        for row in 0 ..< n {
            for column in 0 ..< n {
                let c = Colormap.viridis.color(at: fractions[row][column])
                let x = o.x + column * cellSize, y = o.y + row * cellSize
                body.append("<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cellSize - 1)\" height=\"\(cellSize - 1)\" fill=\"rgb(\(c.red),\(c.green),\(c.blue))\"/>")
                body.append("<text x=\"\(x + cellSize / 2)\" y=\"\(y + cellSize / 2 + 4)\" text-anchor=\"middle\" fill=\"\(fractions[row][column] > 0.6 ? "#000" : "#fff")\">\(counts[row][column])</text>")
            }
            body.append("<text x=\"\(o.x - 6)\" y=\"\(o.y + row * cellSize + cellSize / 2 + 4)\" text-anchor=\"end\">\(SVG.escaped(name(row)))</text>")
        }
        for column in 0 ..< n {
            let x = o.x + column * cellSize + cellSize / 2, y = o.y + n * cellSize + 8
            body.append("<text x=\"\(x)\" y=\"\(y)\" transform=\"rotate(90 \(x) \(y))\">\(SVG.escaped(name(column)))</text>")
        }
        let longest = (0 ..< n).map { name($0).count }.max() ?? 0
        return SVG.document(width: o.x + n * cellSize + 8, height: o.y + n * cellSize + longest * 7 + 20, body: body)
    }
}
