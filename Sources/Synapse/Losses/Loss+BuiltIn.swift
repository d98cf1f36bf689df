extension Loss {
    /// Categorical cross-entropy on probabilities, for one-hot targets.
    public static var categoricalCrossentropy: Loss { CategoricalCrossentropy() }
    /// Categorical cross-entropy on logits, for one-hot targets.
    public static var categoricalCrossentropyFromLogits: Loss { CategoricalCrossentropy(fromLogits: true) }
    /// Binary cross-entropy on probabilities, for 0/1 targets.
    public static var binaryCrossentropy: Loss { BinaryCrossentropy() }
    /// Binary cross-entropy on logits, for 0/1 targets.
    public static var binaryCrossentropyFromLogits: Loss { BinaryCrossentropy(fromLogits: true) }
    /// Mean squared error, for regression.
    public static var meanSquaredError: Loss { MeanSquaredError() }
    /// Mean absolute error, for regression.
    public static var meanAbsoluteError: Loss { MeanAbsoluteError() }
}
