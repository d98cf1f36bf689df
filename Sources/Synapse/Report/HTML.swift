import Foundation

/// Small helpers for writing HTML by hand.
public enum HTML {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped.
    public static func escaped(_ text: String) -> String {
        SVG.escaped(text)
    }

    /// An `<img>` element holding `image` as an embedded PNG (a data URL),
    /// so the page needs no other file.
    public static func image(_ image: RGBImage, alt: String) -> String {
        let encoded = Data(image.pngData()).base64EncodedString()
        return "<img src=\"data:image/png;base64,\(encoded)\" width=\"\(image.width)\" height=\"\(image.height)\" alt=\"\(escaped(alt))\">"
    }
}
