import Synapse

/// Refuses a model whose recorded preprocessing is not what the tool feeds
/// it: pixels divided by 255 (image sizes are checked against the model's
/// input shape). A model without a record is taken to want that.
func requireMatchingPreprocessing(_ model: Model) throws {
    guard let recorded = model.metadata.preprocessing,
          !recorded.isEquivalent(to: .unitInterval(imageShape: recorded.imageShape)) else { return }
    throw CLIError("the model was trained on inputs pixel × \(recorded.scale) + \(recorded.offset), but this tool feeds pixel / 255; prepare the inputs in code with the recorded preprocessing")
}

/// Refuses outputs that hold NaN or infinity: scores from broken weights
/// would print as "probability nan" or a meaningless class.
func requireFiniteOutputs(_ outputs: Tensor) throws {
    let scalars = outputs.scalars
    let bad = scalars.reduce(0) { $0 + ($1.isFinite ? 0 : 1) }
    guard bad == 0 else {
        throw CLIError("the model's outputs hold \(bad) non-finite values (NaN or infinity) of \(scalars.count); its weights are probably NaN or infinite (training diverged) — retrain it, for example with a lower --learning-rate")
    }
}
