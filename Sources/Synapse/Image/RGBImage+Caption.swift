extension RGBImage {
    /// The image enlarged so that it is at least `minimumWidth` wide (by a
    /// whole factor), on a white card with `caption` written below it.
    public func captioned(_ caption: String, minimumWidth: Int = 112) -> RGBImage {
        let factor = max(1, (minimumWidth + width - 1) / width)
        let picture = scaled(by: factor)
        let text = BitmapFont.size(of: caption)
        let margin = 2
        var card = RGBImage(width: max(picture.width, text.width + 2 * margin),
                            height: picture.height + text.height + 2 * margin, fill: .white)
        card.paste(picture, x: (card.width - picture.width) / 2, y: 0)
        BitmapFont.draw(caption, on: &card, x: margin, y: picture.height + margin, color: .black)
        return card
    }
}
