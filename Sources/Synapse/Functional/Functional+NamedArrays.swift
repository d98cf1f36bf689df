/// `fit`, `evaluate` and `predict` with arrays keyed by name, as Keras's
/// `fit(x={"a": xa, "b": xb}, y={"score": ya, "classes": yb})`: inputs by
/// their `Input` names, outputs by the names of the layers that make them.
extension Functional {
    /// Trains on one array per input and one per output, keyed by name;
    /// otherwise as `fit(_:_:epochs:…)` with lists.
    ///
    /// - Throws: `LayerError` for a missing or unknown name, and the errors
    ///   of the list form.
    @discardableResult
    public func fit(
        _ x: [String: Tensor], _ y: [String: Tensor], epochs: Int = 1, batchSize: Int = 32,
        validationSplit: Double = 0, validationData: ([String: Tensor], [String: Tensor])? = nil,
        shuffle: Bool = true, callbacks: [Callback] = [], verbose: Verbosity = .auto
    ) throws -> History {
        let validation = try validationData.map { (try inputArrays($0.0), try targetArrays($0.1)) }
        return try fit(try inputArrays(x), try targetArrays(y), epochs: epochs, batchSize: batchSize,
                       validationSplit: validationSplit, validationData: validation, shuffle: shuffle,
                       callbacks: callbacks, verbose: verbose)
    }

    /// The loss and metrics on arrays keyed by input and output name.
    public func evaluate(_ x: [String: Tensor], _ y: [String: Tensor], batchSize: Int = 32,
                         verbose: Verbosity = .auto) throws -> Evaluation {
        try evaluate(try inputArrays(x), try targetArrays(y), batchSize: batchSize, verbose: verbose)
    }

    /// The outputs for arrays keyed by input name, keyed by output name.
    public func predict(_ x: [String: Tensor], batchSize: Int = 32) throws -> [String: Tensor] {
        let predictions = try predict(try inputArrays(x), batchSize: batchSize)
        return Dictionary(uniqueKeysWithValues: zip(outputNames, predictions))
    }

    private func inputArrays(_ arrays: [String: Tensor]) throws -> [Tensor] {
        try ordered(arrays, names: inputs.map(\.name), kind: "input")
    }

    private func targetArrays(_ arrays: [String: Tensor]) throws -> [Tensor] {
        try ordered(arrays, names: outputNames, kind: "output")
    }

    /// The arrays in the order of `names`; throws for a name not among them
    /// or one missing.
    private func ordered(_ arrays: [String: Tensor], names: [String], kind: String) throws -> [Tensor] {
        let known = names.joined(separator: ", ")
        for key in arrays.keys.sorted() where !names.contains(key) {
            throw LayerError.mismatchedData("'\(key)' is not an \(kind) of model '\(name)'; its \(kind)s are \(known)")
        }
        return try names.map { key in
            guard let array = arrays[key] else {
                throw LayerError.mismatchedData("no array for the \(kind) '\(key)' of model '\(name)'; give one for each of \(known)")
            }
            return array
        }
    }
}
