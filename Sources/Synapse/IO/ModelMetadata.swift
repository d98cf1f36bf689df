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
    /// The metrics of each epoch the model was trained for, when the trainer
    /// recorded them (`synapse train` does), so the curves can be plotted later.
    public var history: History?
    /// How recordings became inputs, for a model trained on audio (`synapse predict` prepares WAV files with it).
    public var audioFeatures: LogMelFeatures?
    /// For a model trained with differential privacy: ε, δ, σ, C, q and the steps.
    public var privacy: PrivacyRecord?
    /// A text model's vocabulary: the token each id stands for (`vocabulary[7]`
    /// is token 7), one character each for a `CharacterVocabulary`.
    public var vocabulary: [String]?

    /// A record with the given fields; all default to absent.
    public init(dataset: DatasetRecord? = nil, classNames: [String]? = nil,
                preprocessing: InputPreprocessing? = nil, trainingOptions: [String: String]? = nil,
                history: History? = nil, privacy: PrivacyRecord? = nil, vocabulary: [String]? = nil,
                audioFeatures: LogMelFeatures? = nil) {
        self.dataset = dataset
        self.classNames = classNames
        self.preprocessing = preprocessing
        self.trainingOptions = trainingOptions
        self.history = history
        self.privacy = privacy
        self.vocabulary = vocabulary
        self.audioFeatures = audioFeatures
    }

    /// Whether nothing is recorded (no `metadata.json` is written then).
    public var isEmpty: Bool { self == ModelMetadata() }

    enum CodingKeys: String, CodingKey {
        case dataset, classNames = "class_names", preprocessing, trainingOptions = "training_options", history, privacy, vocabulary
        case audioFeatures = "audio_features"
    }
}
