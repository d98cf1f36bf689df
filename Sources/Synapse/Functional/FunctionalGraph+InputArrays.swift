extension FunctionalGraph {
    /// The outputs' names, as training logs show them: the name of the layer
    /// that makes each output (or of the input it is), made unique with
    /// `_1`, `_2`, … when one layer makes two outputs.
    var outputNames: [String] {
        var taken = Set<String>()
        return outputs.map { output in
            taken.claimUnique(output.node?.layer.name ?? (output as? Input)?.name ?? "output")
        }
    }

    /// Throws `LayerError`, naming the input, unless `shapes` holds one
    /// per-example shape per input and each is that input's.
    func checkInputArrays(shapes: [[Int]], model: String) throws {
        guard shapes.count == inputs.count else {
            let names = inputs.map(\.name).joined(separator: ", ")
            throw LayerError.mismatchedData(
                "Functional '\(model)' takes \(inputs.count) inputs (\(names)) but the data has \(shapes.count) input arrays; give one array per input, in that order")
        }
        for (index, (input, shape)) in zip(inputs, shapes).enumerated() where shape != input.shape {
            throw LayerError.incompatibleInput(
                layer: model, inputShape: shape,
                reason: "input \(index + 1) ('\(input.name)') takes examples of shape \(input.shape); reshape that array to [count] + \(input.shape), or check the order of the input arrays")
        }
    }
}
