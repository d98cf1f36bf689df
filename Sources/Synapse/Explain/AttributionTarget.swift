/// Which class an attribution explains, for each input.
public enum AttributionTarget: Sendable, Equatable {
    /// The class the model predicts for each input (the default).
    case predicted
    /// The same class for every input.
    case index(Int)
    /// One class per input.
    case indices([Int])
}

/// Which number of the model's output an attribution explains.
public enum ScoreSource: Sendable, Equatable {
    /// The class's logit: a final softmax is seen through, as most
    /// attribution papers do (probabilities saturate, so their gradients
    /// vanish for confident predictions). A model without a final softmax
    /// is used as it is.
    case logits
    /// The model's output as it is (a probability after a softmax), as
    /// Captum attributes a PyTorch module's output.
    case output
}
