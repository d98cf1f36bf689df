/// A small built-in pixel font for labels in pictures (image grids, plots,
/// raster plots): 5 × 7 glyphs with two rows of descender, drawn on a 6 × 10
/// cell. It covers printable ASCII letters, digits and common punctuation,
/// and a few symbols (×, ε, β, σ, μ, ≤, ≥); any other character draws as a box.
public enum BitmapFont {
    /// Glyph width in pixels, before scaling.
    public static let glyphWidth = 5
    /// Rows above the baseline (capitals and digits fill them).
    public static let glyphHeight = 7
    /// Horizontal distance from one character to the next.
    public static let advance = 6
    /// Vertical distance from one line to the next (room for descenders).
    public static let lineHeight = 10

    /// Draws `text` with its top-left corner at (`x`, `y`), each font pixel a
    /// `scale × scale` square; "\n" starts a new line. Pixels outside the
    /// image are left out.
    public static func draw(_ text: String, on image: inout RGBImage, x: Int, y: Int,
                            color: RGBColor, scale: Int = 1) {
        precondition(scale >= 1, "BitmapFont.draw: scale must be at least 1, not \(scale)")
        var penX = x, penY = y
        for character in text {
            if character == "\n" {
                penX = x
                penY += lineHeight * scale
                continue
            }
            for (row, bits) in rows(of: character).enumerated() {
                for column in 0 ..< glyphWidth where bits & (1 << (glyphWidth - 1 - column)) != 0 {
                    image.fill(x: penX + column * scale, y: penY + row * scale, width: scale, height: scale, with: color)
                }
            }
            penX += advance * scale
        }
    }

    /// The size `text` takes when drawn at `scale`: the widest line, and the
    /// lines' height including the last line's descender rows.
    public static func size(of text: String, scale: Int = 1) -> (width: Int, height: Int) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let longest = lines.map(\.count).max() ?? 0
        let width = longest == 0 ? 0 : (longest * advance - 1) * scale
        return (width, ((lines.count - 1) * lineHeight + glyphHeight + 2) * scale)
    }

    /// The glyph's rows, top first, as 5-bit masks (bit 4 is the left column).
    static func rows(of character: Character) -> [UInt8] {
        glyphs[character] ?? missingGlyph
    }

    private static let missingGlyph = parse("##### #...# #...# #...# #...# #...# #####")

    /// Parses rows written as five `#`/`.` characters, separated by spaces.
    static func parse(_ picture: String) -> [UInt8] {
        picture.split(separator: " ").map { row in
            row.reduce(UInt8(0)) { $0 << 1 | ($1 == "#" ? 1 : 0) }
        }
    }

    private static let glyphs: [Character: [UInt8]] = glyphPictures.mapValues(parse)
}
