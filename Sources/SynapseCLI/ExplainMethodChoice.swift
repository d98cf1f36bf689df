import ArgumentParser
import Synapse

/// The attribution methods `synapse explain --method` knows.
enum ExplainMethodChoice: String, CaseIterable, ExpressibleByArgument {
    case saliency, gradxinput, ig, smoothgrad, gradcam, guidedgradcam, occlusion

    /// Whether the method's maps are signed (shown on a diverging colormap).
    var isSigned: Bool {
        switch self {
        case .gradxinput, .ig, .occlusion, .guidedgradcam: return true
        case .saliency, .smoothgrad, .gradcam: return false
        }
    }

    /// Whether the method needs a convolution layer.
    var needsConvolution: Bool { self == .gradcam || self == .guidedgradcam }

    /// The method, configured by the command's options.
    func method(steps: Int, baseline: Tensor?, layer: String?) -> any AttributionMethod {
        switch self {
        case .saliency: return Saliency()
        case .gradxinput: return GradientTimesInput()
        case .ig: return IntegratedGradients(steps: steps, baseline: baseline)
        case .smoothgrad: return SmoothGrad(Saliency())
        case .gradcam: return GradCAM(layer: layer)
        case .guidedgradcam: return GuidedGradCAM(layer: layer)
        case .occlusion: return Occlusion()
        }
    }
}

/// The baselines `synapse explain --baseline` takes: `zeros`, `blur`, or an image file.
enum BaselineChoice: ExpressibleByArgument, Equatable {
    case zeros, blur
    case file(path: String)

    init?(argument: String) {
        switch argument {
        case "zeros": self = .zeros
        case "blur": self = .blur
        default: self = .file(path: argument)
        }
    }
}
