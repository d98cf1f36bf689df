import Foundation

/// A set of named tensors in the safetensors format
/// (https://huggingface.co/docs/safetensors), readable by Python's
/// `safetensors` and PyTorch/JAX/TF tooling.
///
/// Layout: an 8-byte little-endian header length `n`; `n` bytes of JSON
/// `{"NAME": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, …}`
/// with an optional `"__metadata__"` object of strings; then the raw
/// little-endian data, offsets counted from the end of the header.
///
/// Synapse writes `F32` with tensors stored contiguously in the order given
/// and the header padded with spaces to a multiple of 8 bytes. On reading,
/// `F16`, `BF16` and `F64` are converted to `Float` (`storedDType` records
/// what the file held); other element types are rejected.
public struct SafetensorsFile {
    /// One stored tensor.
    public struct Entry {
        /// The tensor's name (`dense.kernel`).
        public var name: String
        /// The values, as `Float`.
        public var tensor: Tensor
        /// The element type in the file (`.f32` for tensors made in memory).
        public var storedDType: SafetensorsDType
    }

    /// The tensors, in file order (by data offset) or the order given.
    public var entries: [Entry]
    /// Free-form string metadata (`__metadata__`).
    public var metadata: [String: String]

    /// Tensors to write, in order, with optional metadata.
    public init(tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:]) {
        self.entries = tensors.map { Entry(name: $0.name, tensor: $0.tensor, storedDType: .f32) }
        self.metadata = metadata
    }

    /// The tensor called `name`, if present.
    public subscript(name: String) -> Tensor? { entries.first { $0.name == name }?.tensor }

    /// The tensor names, in order.
    public var names: [String] { entries.map(\.name) }

    // MARK: Writing

    /// The file's bytes.
    public func encoded(file: String = "<memory>") throws -> Data {
        var seen = Set<String>()
        var header = "{"
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }
            header += "\"__metadata__\":{\(pairs.joined(separator: ","))}"
        }
        var offset = 0
        for entry in entries {
            guard seen.insert(entry.name).inserted, entry.name != "__metadata__" else {
                throw SafetensorsError(file: file, problem: .duplicateName(entry.name))
            }
            let size = entry.tensor.count * 4
            if header.count > 1 { header += "," }
            header += "\(jsonString(entry.name)):{\"dtype\":\"F32\",\"shape\":[\(entry.tensor.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + size)]}"
            offset += size
        }
        header += "}"
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(UInt8(ascii: " ")) }

        var data = Data(capacity: 8 + headerBytes.count + offset)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: headerBytes)
        for entry in entries {
            entry.tensor.withUnsafeBufferPointer { values in
                #if _endian(little)
                data.append(UnsafeBufferPointer(start: UnsafeRawPointer(values.baseAddress!).assumingMemoryBound(to: UInt8.self),
                                                count: values.count * 4))
                #else
                for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
                #endif
            }
        }
        return data
    }

    /// Writes the file atomically (temporary file, fsync, rename).
    public func write(to url: URL) throws {
        try AtomicWrite.write(try encoded(file: url.path), to: url)
    }

    // MARK: Reading

    /// Reads and validates the file at `url`.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SafetensorsError(file: url.path, problem: .unreadable(error.localizedDescription))
        }
        try self.init(decoding: data, file: url.path)
    }

    /// Parses and validates safetensors bytes; `file` names the source in errors.
    public init(decoding data: Data, file: String = "<memory>") throws {
        func fail(_ problem: SafetensorsError.Problem) -> SafetensorsError {
            SafetensorsError(file: file, problem: problem)
        }
        guard data.count >= 8 else { throw fail(.tooShortForHeaderLength(size: data.count)) }
        let headerLength = data.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard headerLength <= UInt64(data.count - 8) else {
            throw fail(.headerLengthExceedsFile(declared: headerLength, available: data.count - 8))
        }
        let headerEnd = 8 + Int(headerLength)
        let headerData = data.subdata(in: data.startIndex + 8 ..< data.startIndex + headerEnd)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: headerData)
        } catch {
            throw fail(.invalidJSON("\(headerLength)-byte header does not parse: \(error.localizedDescription)"))
        }
        guard let header = json as? [String: Any] else { throw fail(.invalidHeader("the top level must be a JSON object")) }

        var metadata: [String: String] = [:]
        if let rawMetadata = header["__metadata__"] {
            guard let strings = rawMetadata as? [String: Any] else {
                throw fail(.invalidHeader("__metadata__ must be an object of strings"))
            }
            for (key, value) in strings {
                guard let string = value as? String else {
                    throw fail(.invalidHeader("__metadata__ value for '\(key)' must be a string"))
                }
                metadata[key] = string
            }
        }

        let dataSize = data.count - headerEnd
        var layouts: [(name: String, dtype: SafetensorsDType, shape: [Int], begin: Int, end: Int)] = []
        for (name, value) in header where name != "__metadata__" {
            guard let info = value as? [String: Any] else { throw fail(.invalidHeader("entry '\(name)' must be an object")) }
            guard let dtypeName = info["dtype"] as? String else { throw fail(.invalidHeader("entry '\(name)' has no string 'dtype'")) }
            guard let dtype = SafetensorsDType(rawValue: dtypeName) else {
                throw fail(.unsupportedDType(tensor: name, dtype: dtypeName))
            }
            guard let shape = Self.integers(info["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
                throw fail(.invalidHeader("entry '\(name)' needs 'shape', a list of non-negative integers"))
            }
            // Zero sizes aside, the sizes must multiply without overflow, or
            // later shape arithmetic on the (empty) tensor would trap.
            guard ModelSizeLimits.elementCount(shape.map { max($0, 1) }) != nil else {
                throw fail(.invalidHeader("entry '\(name)' has shape \(shape), whose sizes multiply past \(Int.max)"))
            }
            guard let offsets = Self.integers(info["data_offsets"]), offsets.count == 2 else {
                throw fail(.invalidHeader("entry '\(name)' needs 'data_offsets', two integers [begin, end]"))
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, begin <= end, end <= dataSize else {
                throw fail(.offsetsOutOfRange(tensor: name, begin: begin, end: end, dataSize: dataSize))
            }
            let (elements, overflow) = shape.reduce((1, false)) { partial, size in
                let product = partial.0.multipliedReportingOverflow(by: size)
                return (product.partialValue, partial.1 || product.overflow)
            }
            let expected = elements.multipliedReportingOverflow(by: dtype.byteSize)
            guard !overflow, !expected.overflow, expected.partialValue == end - begin else {
                throw fail(.sizeMismatch(tensor: name, expectedBytes: overflow ? Int.max : expected.partialValue, actualBytes: end - begin))
            }
            layouts.append((name, dtype, shape, begin, end))
        }
        layouts.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        for (previous, next) in zip(layouts, layouts.dropFirst()) where next.begin < previous.end {
            throw fail(.overlappingOffsets(first: previous.name, second: next.name))
        }

        var entries: [Entry] = []
        entries.reserveCapacity(layouts.count)
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            let base = bytes.baseAddress! + headerEnd
            for layout in layouts {
                var tensor = Tensor(uninitializedShape: layout.shape)
                tensor.withUnsafeMutableBufferPointer { values in
                    guard values.count > 0 else { return }
                    layout.dtype.decode(base + layout.begin, count: values.count, into: values.baseAddress!)
                }
                entries.append(Entry(name: layout.name, tensor: tensor, storedDType: layout.dtype))
            }
        }
        self.entries = entries
        self.metadata = metadata
    }

    /// A JSON list of integers (exact integers only), or nil.
    private static func integers(_ value: Any?) -> [Int]? {
        guard let list = value as? [Any] else { return nil }
        var result: [Int] = []
        for item in list {
            guard let number = item as? NSNumber, let integer = Int(exactly: number.doubleValue) else { return nil }
            result.append(integer)
        }
        return result
    }
}

/// `value` as a JSON string literal.
func jsonString(_ value: String) -> String {
    var result = "\""
    for scalar in value.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}
