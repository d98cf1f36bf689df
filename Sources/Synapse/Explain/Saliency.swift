/// The gradient of the class score with respect to each input element
/// (Simonyan et al., 2014): which pixels the score is most sensitive to.
/// Absolute values by default, as Captum's `Saliency`.
public struct Saliency: AttributionMethod {
    /// Whether to return |gradient| (the default) or the signed gradient.
    public var absolute: Bool

    /// Saliency; `absolute: false` keeps the gradient's sign.
    public init(absolute: Bool = true) {
        self.absolute = absolute
    }

    /// `"saliency"`.
    public var name: String { "saliency" }

    /// The (absolute) gradients of the scores.
    public func attributions(for inputs: Tensor, classes: [Int], score: ClassScore) throws -> Tensor {
        let gradients = score.gradients(inputs, classes: classes).gradients
        return absolute ? withoutGradients { gradients.abs() } : gradients
    }
}

/// The gradient times the input (Shrikumar et al., 2016): a first-order
/// estimate of each element's contribution, exact for a linear model with a
/// zero baseline.
public struct GradientTimesInput: AttributionMethod {
    /// Gradient × input.
    public init() {}

    /// `"gradxinput"`.
    public var name: String { "gradxinput" }

    /// The gradients of the scores times the inputs.
    public func attributions(for inputs: Tensor, classes: [Int], score: ClassScore) throws -> Tensor {
        let gradients = score.gradients(inputs, classes: classes).gradients
        return withoutGradients { gradients * inputs.detached() }
    }
}
