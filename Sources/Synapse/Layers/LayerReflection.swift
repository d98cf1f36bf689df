/// Finds a layer's parameters and sublayers by walking its stored properties
/// with `Mirror`, so layers need no registration code.
enum LayerReflection {
    /// The parameters and layers stored directly in `layer`'s properties
    /// (subclass properties included), named by property.
    static func children(of layer: Layer) -> (parameters: [(String, Parameter)], layers: [(String, Layer)]) {
        var parameters: [(String, Parameter)] = []
        var layers: [(String, Layer)] = []
        var mirror: Mirror? = Mirror(reflecting: layer)
        var levels: [Mirror] = []
        while let current = mirror, current.subjectType != Layer.self {
            levels.append(current)
            mirror = current.superclassMirror
        }
        // Base-class properties first, as they were declared first.
        for level in levels.reversed() {
            for child in level.children {
                guard let label = child.label.map(cleaned) else { continue }
                collect(child.value, label: label, parameters: &parameters, layers: &layers)
            }
        }
        return (parameters, layers)
    }

    private static func collect(_ value: Any, label: String,
                                parameters: inout [(String, Parameter)], layers: inout [(String, Layer)]) {
        switch value {
        case let parameter as Parameter:
            parameters.append((label, parameter))
        case let layer as Layer:
            layers.append((label, layer))
        case let list as [Layer]:
            for (index, layer) in list.enumerated() { layers.append(("\(label).\(index)", layer)) }
        case let list as [Parameter]:
            for (index, parameter) in list.enumerated() { parameters.append(("\(label).\(index)", parameter)) }
        default:
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional, let wrapped = mirror.children.first {
                collect(wrapped.value, label: label, parameters: &parameters, layers: &layers)
            }
        }
    }

    /// Property labels of `lazy var`s carry a storage prefix; drop it.
    private static func cleaned(_ label: String) -> String {
        label.hasPrefix("$__lazy_storage_$_") ? String(label.dropFirst("$__lazy_storage_$_".count)) : label
    }
}

/// Runs layers on shapes alone while a model is built, turning the first
/// shape error into a thrown `LayerError` instead of a trap.
///
/// The context is per thread, so building a model on one thread never turns
/// another thread's layer calls into shape propagation.
final class ShapeInference {
    private static let perThread = ThreadLocal<ShapeInference?> { nil }

    /// The context of the build running on this thread, if any.
    static var current: ShapeInference? {
        get { perThread.value }
        set { perThread.value = newValue }
    }
    private(set) var error: Error?
    /// Every non-container layer call, in order, with the tensors it read and
    /// wrote (to recognise a plain chain of layers).
    private(set) var calls: [(layer: Layer, input: Tensor, output: Tensor)] = []
    /// Whether `calls` is kept; a functional graph being loaded turns it off,
    /// so that its probe tensors are freed node by node.
    var recordsCalls = true
    /// The size limits of a model being loaded from a file, if any.
    private let limits = ModelSizeLimits.active
    /// Parameters the layers built so far have planned (checked against `limits`).
    private var plannedParameters = 0

    /// Builds `layer` for `input`'s shape and returns zeros of its output
    /// shape; after an error, passes inputs through untouched.
    func propagate(_ input: Tensor, through layer: Layer) -> Tensor {
        guard error == nil else { return input }
        let exampleShape = Array(input.shape.dropFirst())
        do {
            if let limits, !layer.isBuilt { try checkParameters(of: layer, inputShape: exampleShape, limits: limits) }
            try layer.buildOnce(inputShape: exampleShape)
            let outputShape: [Int]
            if layer.isContainer {
                outputShape = Array(layer.call(input).shape.dropFirst())
            } else {
                outputShape = try ShapeInference.suspended { try layer.outputShape(forInputShape: exampleShape) }
            }
            try limits?.checkActivation(outputShape, layer: layer.name)
            layer.outputShape = outputShape
            let output = Tensor.zeros([input.shape.first ?? 1] + outputShape)
            if !layer.isContainer && recordsCalls { calls.append((layer, input, output)) }
            return output
        } catch {
            self.error = error
            return input
        }
    }

    /// As `propagate(_:through:)`, for a merge layer's list of inputs.
    func propagate(_ inputs: [Tensor], merging layer: MergeLayer) -> Tensor {
        guard error == nil, let first = inputs.first else { return inputs.first ?? Tensor(0) }
        let shapes = inputs.map { Array($0.shape.dropFirst()) }
        do {
            let outputShape = try layer.outputShape(forInputShapes: shapes)
            try layer.buildOnce(inputShape: shapes[0])
            try limits?.checkActivation(outputShape, layer: layer.name)
            layer.outputShape = outputShape
            return Tensor.zeros([first.shape.first ?? 1] + outputShape)
        } catch {
            self.error = error
            return first
        }
    }

    /// Adds the parameters `layer` will make for `inputShape` to the total,
    /// and throws `ModelSizeError.tooManyParameters` if that passes the limit.
    private func checkParameters(of layer: Layer, inputShape: [Int], limits: ModelSizeLimits) throws {
        guard let planning = layer as? any PlansParameters else { return }
        guard let count = planning.plannedParameterCount(forInputShape: inputShape),
              case let (total, overflow) = plannedParameters.addingReportingOverflow(count), !overflow,
              total <= limits.maximumParameterCount else {
            throw ModelSizeError.tooManyParameters(layer: layer.name, limit: limits.maximumParameterCount)
        }
        plannedParameters = total
    }

    /// Runs `body` with shape inference switched off (to compute for real).
    static func suspended<R>(_ body: () throws -> R) rethrows -> R {
        let saved = current
        current = nil
        defer { current = saved }
        return try body()
    }

    /// Runs `body` (a model's forward pass) with shape inference on, and
    /// throws the first error any layer reported.
    @discardableResult
    static func run(_ body: () -> Void) throws -> ShapeInference {
        let context = ShapeInference()
        let saved = current
        current = context
        defer { current = saved }
        withoutGradients { body() }
        if let error = context.error { throw error }
        return context
    }
}
