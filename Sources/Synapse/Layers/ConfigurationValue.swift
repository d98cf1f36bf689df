/// A JSON-like value in a layer's configuration (its constructor arguments).
public enum ConfigurationValue: Codable, Equatable, CustomStringConvertible, Sendable {
    /// An integer.
    case int(Int)
    /// A real number.
    case double(Double)
    /// A string.
    case string(String)
    /// A Boolean.
    case bool(Bool)
    /// A list of integers (shapes, kernel sizes).
    case ints([Int])

    /// Decodes whichever case the JSON holds.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .int(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else { self = .ints(try container.decode([Int].self)) }
    }

    /// Encodes the plain JSON value.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .int(value): try container.encode(value)
        case let .double(value): try container.encode(value)
        case let .string(value): try container.encode(value)
        case let .bool(value): try container.encode(value)
        case let .ints(value): try container.encode(value)
        }
    }

    /// The value as it would appear in JSON.
    public var description: String {
        switch self {
        case let .int(value): return "\(value)"
        case let .double(value): return "\(value)"
        case let .string(value): return "\"\(value)\""
        case let .bool(value): return "\(value)"
        case let .ints(value): return "\(value)"
        }
    }

    /// The integer, if this is one.
    public var intValue: Int? { if case let .int(v) = self { return v }; if case let .double(v) = self { return Int(exactly: v) }; return nil }
    /// The number, if this is one.
    public var doubleValue: Double? { if case let .double(v) = self { return v }; if case let .int(v) = self { return Double(v) }; return nil }
    /// The string, if this is one.
    public var stringValue: String? { if case let .string(v) = self { return v }; return nil }
    /// The Boolean, if this is one.
    public var boolValue: Bool? { if case let .bool(v) = self { return v }; return nil }
    /// The integer list, if this is one.
    public var intsValue: [Int]? { if case let .ints(v) = self { return v }; if case let .int(v) = self { return [v] }; return nil }
}
