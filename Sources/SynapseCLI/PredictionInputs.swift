import Foundation
import Synapse

/// One image to classify and the name it is reported under.
struct NamedImage {
    /// The file, or `file[index]` for an image inside an IDX file.
    var name: String
    var image: GreyscaleImage
}

/// The images `synapse predict` reads from `path`: every image of an IDX
/// file (gzip-compressed or not), a PGM or PNG file, or the files of those
/// kinds in a folder (by extension: .png, .pgm, .idx, .ubyte, .gz, or a
/// name ending in `-ubyte` as MNIST's files have), in name order.
func predictionImages(at path: String) throws -> [NamedImage] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw CLIError("\(path) does not exist; give an image file (PNG, PGM, IDX) or a folder of them")
    }
    guard isDirectory.boolValue else { return try images(inFile: URL(fileURLWithPath: path)) }
    let folder = URL(fileURLWithPath: path)
    let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    let imageExtensions: Set<String> = ["png", "pgm", "idx", "ubyte", "gz"]
    let files = names.filter { name in
        !name.hasPrefix(".")
            && (imageExtensions.contains((name as NSString).pathExtension.lowercased()) || name.lowercased().hasSuffix("-ubyte"))
    }
    guard !files.isEmpty else {
        throw CLIError("\(path) holds no .png, .pgm, .idx, .ubyte, -ubyte or .gz files")
    }
    return try files.flatMap { try images(inFile: folder.appendingPathComponent($0)) }
}

/// The images in one file, whose format is told by its first bytes.
private func images(inFile url: URL) throws -> [NamedImage] {
    let data: Data
    do {
        data = try Data(contentsOf: url)
    } catch {
        throw ImageDecodingError.unreadable(file: url.path, reason: error.localizedDescription)
    }
    let bytes = [UInt8](data)
    // A gzip file is an IDX file here; IDXFile inflates it no further than its header allows.
    if Gzip.isGzip(bytes) || (bytes.count >= 4 && bytes[0] == 0 && bytes[1] == 0) {
        let idx = try IDXFile(bytes: bytes, fileName: url.path)
        try idx.expect(.uint8, rank: 3, fileName: url.path)
        let (count, height, width) = (idx.dimensions[0], idx.dimensions[1], idx.dimensions[2])
        guard height > 0, width > 0 else {
            throw DatasetError.badImageShape(file: url.path, dimensions: idx.dimensions)
        }
        let size = height * width
        return (0 ..< count).map { index in
            NamedImage(name: "\(url.path)[\(index)]",
                       image: GreyscaleImage(width: width, height: height, pixels: Array(idx.payload[index * size ..< (index + 1) * size])))
        }
    }
    return [NamedImage(name: url.path, image: try GreyscaleImage(decoding: bytes, file: url.path))]
}
