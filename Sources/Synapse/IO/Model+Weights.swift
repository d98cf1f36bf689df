import Foundation

/// Saving and loading a model's parameters as safetensors.
///
/// Tensor names are the model's `namedParameters`: the dotted path of
/// property (or layer) names to each parameter, so they are stable as long
/// as the architecture is. A subclassed model with `let dense1 = Dense(…)`
/// saves `dense1.kernel` and `dense1.bias`; a `Sequential` uses its layers'
/// names, Keras-style: `dense.kernel`, `dense_1.kernel`, `conv2d.bias`.
/// Frozen parameters (such as batch-norm running statistics) are saved too.
extension Layer {
    /// Writes every parameter to a safetensors file at `url`, atomically.
    /// The model must be built (called once, or `build(inputShape:)`).
    public func saveWeights(to url: URL) throws {
        try weightsFile().write(to: url)
    }

    /// Loads parameters saved by `saveWeights(to:)` (or any safetensors file
    /// with the same names, shapes and `F32` data).
    ///
    /// Every name, shape and element type is checked before anything is
    /// assigned: on any mismatch a `WeightsMismatchError` lists all missing,
    /// unexpected and differing tensors and the model is left untouched.
    /// With `convertingPrecision`, F16/BF16/F64 tensors are accepted and
    /// converted. NaN values are reported through `IOWarnings`, not refused.
    public func loadWeights(from url: URL, convertingPrecision: Bool = false) throws {
        let file = try SafetensorsFile(contentsOf: url)
        try assignWeights(from: file, source: url.path, convertingPrecision: convertingPrecision)
    }

    /// The parameters as a safetensors file (in memory).
    func weightsFile() throws -> SafetensorsFile {
        try requireBuiltForWeights()
        return SafetensorsFile(tensors: namedParameters.map { (name: $0.name, tensor: $0.parameter.value.detached()) },
                               metadata: ["format": "synapse-weights"])
    }

    /// Checks `file` against the parameters, then assigns all of them.
    func assignWeights(from file: SafetensorsFile, source: String, convertingPrecision: Bool = false) throws {
        let assignments = try validatedAssignments(from: file, source: source, convertingPrecision: convertingPrecision)
        for (parameter, value) in assignments { parameter.value = value }
    }

    /// The (parameter, new value) pairs for `file`, or the full mismatch error.
    func validatedAssignments(from file: SafetensorsFile, source: String,
                              convertingPrecision: Bool = false) throws -> [(Parameter, Tensor)] {
        try requireBuiltForWeights()
        let named = namedParameters
        var byName: [String: SafetensorsFile.Entry] = [:]
        for entry in file.entries { byName[entry.name] = entry }
        var missing: [String] = [], differing: [WeightsMismatchError.Difference] = []
        var assignments: [(Parameter, Tensor)] = []
        for (name, parameter) in named {
            guard let entry = byName[name] else { missing.append(name); continue }
            let typeOK = entry.storedDType == .f32 || convertingPrecision
            if entry.tensor.shape != parameter.shape || !typeOK {
                differing.append(.init(name: name, expectedShape: parameter.shape, foundShape: entry.tensor.shape,
                                       foundDType: entry.storedDType.rawValue))
                continue
            }
            assignments.append((parameter, entry.tensor))
        }
        let known = Set(named.map(\.name))
        let unexpected = file.names.filter { !known.contains($0) }
        guard missing.isEmpty, unexpected.isEmpty, differing.isEmpty else {
            throw WeightsMismatchError(file: source, missing: missing, unexpected: unexpected, differing: differing)
        }
        let withNaN = assignments.enumerated().compactMap { index, pair in
            pair.1.withUnsafeBufferPointer { $0.contains { $0.isNaN } } ? named.first { $0.parameter === pair.0 }?.name : nil
        }
        if !withNaN.isEmpty {
            IOWarnings.emit("weights file \(source): NaN values in \(withNaN.joined(separator: ", ")); the model will predict NaN")
        }
        return assignments
    }

    private func requireBuiltForWeights() throws {
        guard isBuilt else {
            throw LayerError.notBuilt(model: name,
                                      hint: "call build(inputShape:) or run it once on an input before saving or loading weights")
        }
    }
}
