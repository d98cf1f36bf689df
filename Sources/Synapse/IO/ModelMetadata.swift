/// What a model was trained on and how, saved beside its weights
/// (`metadata.json` in a model directory, and so in every checkpoint).
///
/// It lets a tool evaluate a model on its own data, name its classes, feed
/// it inputs prepared as in training, and continue an interrupted run with
/// the same settings. Every field is optional: a model directory written
/// before metadata existed loads with an empty record.
///
/// ```swift
/// model.metadata.classNames = FashionMNIST.classNames
/// model.metadata.dataset = DatasetRecord(name: "fashion-mnist")
/// try model.save(to: url)   // writes metadata.json too
/// ```
public struct ModelMetadata: Codable, Equatable, Sendable {
    /// The data the model was trained on.
    public var dataset: DatasetRecord?
    /// The name of each class, indexed by label (`classNames[3]` names label 3).
    public var classNames: [String]?
    /// How raw inputs were turned into the model's input values.
    public var preprocessing: InputPreprocessing?
    /// The options a tool needs to continue training, in its own spelling;
    /// the `synapse` tool records its `train` flags here (`"optimizer": "adam"`).
    public var trainingOptions: [String: String]?

    /// A record with the given fields; all default to absent.
    public init(dataset: DatasetRecord? = nil, classNames: [String]? = nil,
                preprocessing: InputPreprocessing? = nil, trainingOptions: [String: String]? = nil) {
        self.dataset = dataset
        self.classNames = classNames
        self.preprocessing = preprocessing
        self.trainingOptions = trainingOptions
    }

    /// Whether nothing is recorded (no `metadata.json` is written then).
    public var isEmpty: Bool { self == ModelMetadata() }

    enum CodingKeys: String, CodingKey {
        case dataset, classNames = "class_names", preprocessing, trainingOptions = "training_options"
    }
}

/// Which data a model was trained on: a dataset's name, or a directory and
/// a fingerprint of its files.
public struct DatasetRecord: Codable, Equatable, Sendable {
    /// The dataset's short name (`"mnist"`, `"mnist-sample"`,
    /// `"fashion-mnist"`), or a description of a directory's contents.
    public var name: String
    /// The directory the files were read from, when the user named one.
    public var path: String?
    /// A digest of the files' bytes (`"sha256:…"`), when they were read from a directory.
    public var fingerprint: String?

    /// Records a dataset.
    public init(name: String, path: String? = nil, fingerprint: String? = nil) {
        self.name = name
        self.path = path
        self.fingerprint = fingerprint
    }

    /// Whether `other` is the same data: the same fingerprint when both have
    /// one (wherever the files now are), else the same name.
    public func isSameData(as other: DatasetRecord) -> Bool {
        if let fingerprint, let otherFingerprint = other.fingerprint { return fingerprint == otherFingerprint }
        return name == other.name
    }
}

/// How images became the model's input values: each 8-bit pixel `p` becomes
/// `p × scale + offset`, and an image of `imageShape` is reshaped to the
/// model's input shape.
public struct InputPreprocessing: Codable, Equatable, Sendable {
    /// The images' shape before reshaping, e.g. `[28, 28]` (height, width).
    public var imageShape: [Int]
    /// The factor each pixel value is multiplied by.
    public var scale: Double
    /// The value added after scaling.
    public var offset: Double

    /// Records a preprocessing.
    public init(imageShape: [Int], scale: Double, offset: Double = 0) {
        self.imageShape = imageShape
        self.scale = scale
        self.offset = offset
    }

    /// Pixels divided by 255 into [0, 1], as Synapse's datasets and image
    /// readers give them.
    public static func unitInterval(imageShape: [Int]) -> InputPreprocessing {
        InputPreprocessing(imageShape: imageShape, scale: 1.0 / 255.0)
    }

    /// Whether `other` gives the same input values (scales equal to 1e-9).
    public func isEquivalent(to other: InputPreprocessing) -> Bool {
        imageShape == other.imageShape && abs(scale - other.scale) <= 1e-9 && abs(offset - other.offset) <= 1e-9
    }
}
