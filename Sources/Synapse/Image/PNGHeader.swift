/// A PNG's IHDR chunk, and the conversion of its samples to grey.
struct PNGHeader {
    /// IHDR colour types.
    enum ColorType: UInt8 {
        case grey = 0, rgb = 2, palette = 3, greyAlpha = 4, rgba = 6

        var channels: Int {
            switch self {
            case .grey, .palette: return 1
            case .greyAlpha: return 2
            case .rgb: return 3
            case .rgba: return 4
            }
        }

        var allowedBitDepths: [Int] {
            switch self {
            case .grey: return [1, 2, 4, 8, 16]
            case .palette: return [1, 2, 4, 8]
            case .rgb, .greyAlpha, .rgba: return [8, 16]
            }
        }
    }

    let width: Int
    let height: Int
    let bitDepth: Int
    let colorType: ColorType

    /// Bits per pixel, all channels together.
    var bitsPerPixel: Int { bitDepth * colorType.channels }
    /// Bytes per scanline, without the filter byte.
    var rowBytes: Int { (width * bitsPerPixel + 7) / 8 }
    /// Bytes of the decompressed image data: each scanline and its filter byte.
    var filteredByteCount: Int { height * (rowBytes + 1) }

    init(_ chunk: [UInt8], file: String) throws {
        func malformed(_ reason: String) -> ImageDecodingError { .malformed(file: file, format: "PNG", reason: reason) }
        guard chunk.count == 13 else { throw malformed("IHDR has \(chunk.count) bytes, not 13") }
        width = chunk[0 ..< 4].reduce(0) { $0 << 8 | Int($1) }
        height = chunk[4 ..< 8].reduce(0) { $0 << 8 | Int($1) }
        bitDepth = Int(chunk[8])
        guard GreyscaleImage.isAcceptedSize(width: width, height: height) else {
            throw malformed("size \(width)×\(height) is not valid (at most \(GreyscaleImage.maximumPixelCount) pixels)")
        }
        guard let colorType = ColorType(rawValue: chunk[9]) else { throw malformed("colour type \(chunk[9]) does not exist") }
        self.colorType = colorType
        guard colorType.allowedBitDepths.contains(bitDepth) else {
            throw malformed("bit depth \(bitDepth) is not allowed for colour type \(colorType.rawValue)")
        }
        guard chunk[10] == 0, chunk[11] == 0 else { throw malformed("compression \(chunk[10]) or filter method \(chunk[11]) is not 0") }
        guard chunk[12] == 0 else {
            throw ImageDecodingError.unsupported(file: file, format: "PNG", feature: "interlacing (Adam7)")
        }
    }

    /// Converts unfiltered scanlines (`rowBytes` each) to grey pixels.
    func greyscale(from scanlines: [UInt8], palette: [UInt8]?, file: String) throws -> GreyscaleImage {
        var pixels = [UInt8](repeating: 0, count: width * height)
        if colorType == .palette {
            guard let palette, palette.count % 3 == 0, !palette.isEmpty else {
                throw ImageDecodingError.malformed(file: file, format: "PNG", reason: "a palette image needs a PLTE chunk of RGB triples")
            }
            for row in 0 ..< height {
                for column in 0 ..< width {
                    let index = sample(scanlines, row: row, column: column, channel: 0)
                    guard index * 3 + 2 < palette.count else {
                        throw ImageDecodingError.malformed(file: file, format: "PNG",
                                                           reason: "pixel (\(column), \(row)) uses palette entry \(index) of \(palette.count / 3)")
                    }
                    pixels[row * width + column] = Self.luma(Int(palette[index * 3]), Int(palette[index * 3 + 1]), Int(palette[index * 3 + 2]))
                }
            }
            return GreyscaleImage(width: width, height: height, pixels: pixels)
        }
        let maximum = (1 << min(bitDepth, 8)) - 1
        for row in 0 ..< height {
            for column in 0 ..< width {
                // Samples reduced to 8 bits (high byte of 16-bit ones, low depths scaled).
                func value(_ channel: Int) -> Int {
                    let raw = sample(scanlines, row: row, column: column, channel: channel)
                    return bitDepth == 16 ? raw >> 8 : raw * 255 / maximum
                }
                let grey: Int
                switch colorType {
                case .grey: grey = value(0)
                case .greyAlpha: grey = (value(0) * value(1) + 127) / 255
                case .rgb: grey = Int(Self.luma(value(0), value(1), value(2)))
                case .rgba: grey = (Int(Self.luma(value(0), value(1), value(2))) * value(3) + 127) / 255
                case .palette: preconditionFailure("palette images are handled above")
                }
                pixels[row * width + column] = UInt8(grey)
            }
        }
        return GreyscaleImage(width: width, height: height, pixels: pixels)
    }

    /// The raw value of one channel of one pixel (up to 16 bits).
    private func sample(_ scanlines: [UInt8], row: Int, column: Int, channel: Int) -> Int {
        let rowStart = row * rowBytes
        switch bitDepth {
        case 8: return Int(scanlines[rowStart + column * colorType.channels + channel])
        case 16:
            let offset = rowStart + (column * colorType.channels + channel) * 2
            return Int(scanlines[offset]) << 8 | Int(scanlines[offset + 1])
        default:
            // Sub-byte depths have one channel; the leftmost pixel is in the high bits.
            let bit = column * bitDepth
            let byte = scanlines[rowStart + bit / 8]
            let shift = 8 - bitDepth - bit % 8
            return Int(byte >> UInt8(shift)) & ((1 << bitDepth) - 1)
        }
    }

    /// ITU-R BT.601 luma, with PIL's rounding: (299 R + 587 G + 114 B) / 1000.
    static func luma(_ red: Int, _ green: Int, _ blue: Int) -> UInt8 {
        UInt8((red * 299 + green * 587 + blue * 114 + 500) / 1000)
    }
}
