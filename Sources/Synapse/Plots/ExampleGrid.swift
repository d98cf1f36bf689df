/// A grid of example pictures, each captioned: misclassified test images
/// with their true and predicted class, for instance.
public struct ExampleGrid: Sendable {
    /// The captioned pictures, in reading order.
    public let cards: [RGBImage]
    /// Cards per row.
    public let columns: Int

    /// A grid of `cards`, `columns` to a row.
    public init(cards: [RGBImage], columns: Int = 8) {
        precondition(columns >= 1, "ExampleGrid: columns must be at least 1, not \(columns)")
        self.cards = cards
        self.columns = columns
    }

    /// The misclassified examples among `inputs` (`[N, ...]`), at most
    /// `limit`, each captioned "true X / pred Y".
    public static func misclassified(inputs: Tensor, labels: [Int], predictions: [ClassPrediction],
                                     classNames: [String]?, limit: Int = 32) -> ExampleGrid {
        func name(_ index: Int) -> String {
            guard let classNames, classNames.indices.contains(index) else { return String(index) }
            return classNames[index]
        }
        var cards: [RGBImage] = []
        for (index, prediction) in predictions.enumerated() where prediction.label != labels[index] {
            guard cards.count < limit, let picture = RGBImage(picturing: inputs[index ..< index + 1]) else { continue }
            cards.append(picture.captioned("true \(name(labels[index]))\npred \(name(prediction.label))", minimumWidth: 84))
        }
        return ExampleGrid(cards: cards)
    }

    /// The grid as one picture (white, 4-pixel gaps); a one-line note when there are no cards.
    public func image() -> RGBImage {
        guard let first = cards.first else {
            var empty = RGBImage(width: 200, height: 20, fill: .white)
            BitmapFont.draw("no examples", on: &empty, x: 4, y: 6, color: .black)
            return empty
        }
        let cellWidth = cards.map(\.width).max() ?? first.width, cellHeight = cards.map(\.height).max() ?? first.height
        let used = min(columns, cards.count), rows = (cards.count + columns - 1) / columns
        var canvas = RGBImage(width: used * (cellWidth + 4) + 4, height: rows * (cellHeight + 4) + 4, fill: .white)
        for (index, card) in cards.enumerated() {
            canvas.paste(card, x: 4 + (index % columns) * (cellWidth + 4), y: 4 + (index / columns) * (cellHeight + 4))
        }
        return canvas
    }
}
