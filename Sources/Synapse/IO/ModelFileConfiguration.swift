/// The contents of a model directory's `config.json`.
///
/// ```json
/// {
///   "format": "synapse-model", "format_version": 1,
///   "model_class": "Sequential", "name": "sequential", "input_shape": [784],
///   "layers": [{"type": "Flatten", "name": "flatten", "configuration": {}},
///              {"type": "Dense", "name": "dense", "configuration": {"units": 128, "activation": "relu", …}}],
///   "compile": {"optimizer": {"name": "adam", "configuration": {"learning_rate": 0.001, …}},
///               "loss": {"name": "sparse_categorical_crossentropy", "configuration": {"from_logits": false}},
///               "metrics": ["accuracy"], "metric_arguments": [{"kind": "accuracy"}]}
/// }
/// ```
/// A model compiled with a loss per output also has `compile.outputs`, one
/// `{"loss": …, "loss_weight": …, "metrics": […], "metric_arguments": […]}`
/// per output.
/// `layers` is present for `Sequential` and `Functional` models; a
/// functional model also has a `graph` (its inputs, layer calls and outputs;
/// see `ModelFileConfiguration.Graph`). A subclassed model is rebuilt by the
/// factory registered for `model_class` in `ModelRegistry`.
struct ModelFileConfiguration: Codable, Equatable {
    /// The layout version this code writes and the newest it reads.
    static let currentVersion = 1
    static let formatName = "synapse-model"

    /// One layer of a `Sequential`.
    struct LayerEntry: Codable, Equatable {
        var type: String
        var name: String
        var configuration: [String: ConfigurationValue]
    }

    /// A named component with arguments.
    struct Component: Codable, Equatable {
        var name: String
        var configuration: [String: ConfigurationValue]
    }

    /// What `compile` set.
    struct Compile: Codable, Equatable {
        var optimizer: Component
        var loss: Component
        var metrics: [String]
        /// One entry per metric: a built-in metric's kind and arguments (see
        /// `BuiltInMetricArguments`), empty for others. Absent in files
        /// written before it existed, whose metrics load by name.
        var metricArguments: [[String: ConfigurationValue]]? = nil
        /// One entry per output, in the model's output order, for a model
        /// compiled with a loss per output (then `loss` is the first
        /// output's and `metrics` is empty); absent otherwise.
        var outputs: [OutputCompile]? = nil

        enum CodingKeys: String, CodingKey {
            case optimizer, loss, metrics, metricArguments = "metric_arguments", outputs
        }
    }

    /// What `compile` set for one output of a model with several.
    struct OutputCompile: Codable, Equatable {
        /// The output's loss; absent for an output that is not trained.
        var loss: Component?
        var lossWeight: Double
        var metrics: [String]
        var metricArguments: [[String: ConfigurationValue]]

        enum CodingKeys: String, CodingKey {
            case loss, lossWeight = "loss_weight", metrics, metricArguments = "metric_arguments"
        }
    }

    var format: String
    var formatVersion: Int
    var modelClass: String
    var name: String
    var inputShape: [Int]
    var layers: [LayerEntry]?
    var compile: Compile?
    /// The constructor arguments of a subclassed model that is a
    /// `ConfigurableLayer` (such as `GPT`), which then loads with no factory.
    var modelConfiguration: [String: ConfigurationValue]? = nil
    /// A `Functional` model's graph; absent for other models (and in files
    /// written before functional models existed).
    var graph: Graph? = nil

    enum CodingKeys: String, CodingKey {
        case format, formatVersion = "format_version", modelClass = "model_class", name
        case inputShape = "input_shape", layers, compile, modelConfiguration = "model_configuration", graph
    }
}
