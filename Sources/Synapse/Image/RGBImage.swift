import Foundation

/// An 8-bit RGB image, row-major, three bytes per pixel: what Synapse draws
/// heat maps, plots and image grids into, and writes as PNG.
///
/// ```swift
/// var image = RGBImage(width: 64, height: 32, fill: .white)
/// image[x: 3, y: 4] = RGBColor(red: 255, green: 0, blue: 0)
/// BitmapFont.draw("7: 0.98", on: &image, x: 2, y: 20, color: .black)
/// try image.writePNG(to: URL(fileURLWithPath: "out.png"))
/// ```
public struct RGBImage: Equatable, Sendable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// `height × width × 3` bytes: red, green, blue for each pixel, row by row.
    public private(set) var pixels: [UInt8]

    /// An image of one colour.
    public init(width: Int, height: Int, fill: RGBColor = .black) {
        precondition(width > 0 && height > 0, "RGBImage: a \(width)×\(height) image has no pixels")
        self.width = width
        self.height = height
        pixels = [UInt8](unsafeUninitializedCapacity: width * height * 3) { buffer, count in
            for pixel in 0 ..< width * height {
                buffer[3 * pixel] = fill.red
                buffer[3 * pixel + 1] = fill.green
                buffer[3 * pixel + 2] = fill.blue
            }
            count = width * height * 3
        }
    }

    /// An image of `pixels`, which must hold `width × height × 3` bytes.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height * 3,
                     "RGBImage: \(pixels.count) bytes do not make a \(width)×\(height) RGB image")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// A greyscale image in colour (each grey level on all three channels).
    public init(_ grey: GreyscaleImage) {
        self.init(width: grey.width, height: grey.height, pixels: grey.pixels.flatMap { [$0, $0, $0] })
    }

    /// The pixel at column `x`, row `y` (both must be inside the image).
    public subscript(x x: Int, y y: Int) -> RGBColor {
        get {
            let i = index(x, y)
            return RGBColor(red: pixels[i], green: pixels[i + 1], blue: pixels[i + 2])
        }
        set {
            let i = index(x, y)
            pixels[i] = newValue.red
            pixels[i + 1] = newValue.green
            pixels[i + 2] = newValue.blue
        }
    }

    private func index(_ x: Int, _ y: Int) -> Int {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "RGBImage: pixel (\(x), \(y)) is outside the \(width)×\(height) image")
        return 3 * (y * width + x)
    }

    /// Whether (`x`, `y`) lies inside the image.
    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && x < width && y >= 0 && y < height
    }

    /// Copies `other` so that its top-left corner lands at (`x`, `y`); the
    /// parts that fall outside this image are left out.
    public mutating func paste(_ other: RGBImage, x: Int, y: Int) {
        let columns = max(0, x) ..< min(width, x + other.width)
        guard !columns.isEmpty else { return }
        for row in max(0, y) ..< min(height, y + other.height) {
            let source = 3 * ((row - y) * other.width + (columns.lowerBound - x))
            let destination = 3 * (row * width + columns.lowerBound)
            pixels.replaceSubrange(destination ..< destination + 3 * columns.count,
                                   with: other.pixels[source ..< source + 3 * columns.count])
        }
    }

    /// Fills the rectangle at (`x`, `y`) of the given size, clipped to the image.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, with color: RGBColor) {
        for row in max(0, y) ..< max(max(0, y), min(height, y + h)) {
            for column in max(0, x) ..< max(max(0, x), min(width, x + w)) {
                self[x: column, y: row] = color
            }
        }
    }

    /// The image enlarged `factor` times, each pixel becoming a square block.
    public func scaled(by factor: Int) -> RGBImage {
        precondition(factor >= 1, "RGBImage.scaled(by:): the factor must be at least 1, not \(factor)")
        var result = RGBImage(width: width * factor, height: height * factor)
        for y in 0 ..< result.height {
            for x in 0 ..< result.width {
                result[x: x, y: y] = self[x: x / factor, y: y / factor]
            }
        }
        return result
    }

    /// The image as the bytes of a PNG file (8-bit RGB).
    public func pngData() -> [UInt8] {
        PNGEncoder.encodeRGB(width: width, height: height, pixels: pixels)
    }

    /// Writes the image as a PNG file, atomically: a reader sees the old
    /// file or the whole new one, never part of it.
    public func writePNG(to url: URL) throws {
        try AtomicWrite.write(Data(pngData()), to: url)
    }
}
