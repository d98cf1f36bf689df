/// Small helpers for writing SVG documents by hand.
public enum SVG {
    /// `text` with the five XML special characters escaped.
    public static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A whole SVG document of the given size around `body`'s elements, on
    /// a white background, in a sans-serif 11-pixel font.
    public static func document(width: Int, height: Int, body: [String]) -> String {
        (["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\" font-size=\"11\">",
          "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"] + body + ["</svg>"]).joined(separator: "\n") + "\n"
    }
}
