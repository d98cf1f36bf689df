/// A grid picture comparing attribution methods: one row per input with the
/// input, its predicted class and probability, then one heat map per method,
/// under a header naming the methods.
public struct AttributionGrid {
    /// One row: the input's picture, its caption, and one map per method.
    public struct Row {
        /// The input as a picture.
        public let input: RGBImage
        /// The prediction as text, e.g. `"7 0.99"`.
        public let caption: String
        /// One map (pixel values, the input's size) per method.
        public let maps: [[Float]]
        /// Which maps are signed (diverging colours), per method.
        public let signed: [Bool]

        /// A row for `input` with `caption` and `maps` (one per method).
        public init(input: RGBImage, caption: String, maps: [[Float]], signed: [Bool]) {
            self.input = input
            self.caption = caption
            self.maps = maps
            self.signed = signed
        }
    }

    /// The methods' names, the columns after the input.
    public let methods: [String]
    /// The rows.
    public let rows: [Row]
    /// How much each cell is enlarged.
    public let scale: Int

    /// A grid of `rows` under a header of `methods`, cells enlarged `scale` times.
    public init(methods: [String], rows: [Row], scale: Int = 3) {
        self.methods = methods
        self.rows = rows
        self.scale = scale
    }

    /// The picture.
    public func image() -> RGBImage {
        guard let first = rows.first else { return RGBImage(width: 1, height: 1, fill: .white) }
        let cellWidth = first.input.width * scale, cellHeight = first.input.height * scale
        let gap = 4
        let captionWidth = max(rows.map { BitmapFont.size(of: $0.caption).width }.max() ?? 0,
                               BitmapFont.size(of: "class p").width) + 2 * gap
        let header = BitmapFont.lineHeight + 2 * gap
        let columnWidth = max(cellWidth, (methods.map { BitmapFont.size(of: $0).width }.max() ?? 0)) + gap
        let width = gap + cellWidth + gap + captionWidth + methods.count * columnWidth
        let height = header + rows.count * (cellHeight + gap)
        var picture = RGBImage(width: width, height: height, fill: .white)
        BitmapFont.draw("input", on: &picture, x: gap, y: gap, color: .black)
        BitmapFont.draw("class p", on: &picture, x: 2 * gap + cellWidth, y: gap, color: .black)
        let firstMap = 2 * gap + cellWidth + captionWidth
        for (index, method) in methods.enumerated() {
            BitmapFont.draw(method, on: &picture, x: firstMap + index * columnWidth, y: gap, color: .black)
        }
        for (rowIndex, row) in rows.enumerated() {
            let top = header + rowIndex * (cellHeight + gap)
            picture.paste(row.input.scaled(by: scale), x: gap, y: top)
            BitmapFont.draw(row.caption, on: &picture, x: 2 * gap + cellWidth, y: top + cellHeight / 2 - 4, color: .black)
            for (index, map) in row.maps.enumerated() {
                let heat = AttributionPicture.overlay(map, on: row.input, signed: row.signed[index])
                picture.paste(heat.scaled(by: scale), x: firstMap + index * columnWidth, y: top)
            }
        }
        return picture
    }
}
