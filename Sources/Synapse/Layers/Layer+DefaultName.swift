extension Layer {
    /// Gives the layer Keras's default name for its type (`conv2d`,
    /// `max_pooling2d`), still counted as a default that `Sequential` may
    /// number (`conv2d_1`) and a model may replace with a property name.
    func useDefaultName(_ kerasName: String) {
        name = kerasName
        hasCustomName = false
    }
}
