/// Synapse: neural networks in Swift, as easy as Keras and at native speed.
public enum Synapse {
    /// The library's version.
    public static let version = "0.1.0"
}
