/// Trains the model `options` describe.
///
/// For now this only reports the options it was given; the training run
/// itself comes with the model API.
func runTraining(_ options: TrainOptions) throws {
    print("train \(options.summary)")
}
