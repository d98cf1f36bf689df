/// Keras's class names for the pooling layers, which are also the type
/// names a saved `config.json` uses. Synapse's shorter names
/// (`MaxPool2D`, …) are the same types.
///
/// Keras's `Activation` layer is `ActivationLayer` here: `Activation` names
/// the activation functions (`.relu`, `.softmax`) that `Dense` and `Conv2D` take.

/// Keras's `MaxPooling2D`: `MaxPool2D`.
public typealias MaxPooling2D = MaxPool2D
/// Keras's `AveragePooling2D`: `AveragePool2D`.
public typealias AveragePooling2D = AveragePool2D
/// Keras's `GlobalAveragePooling2D`: `GlobalAveragePool2D`.
public typealias GlobalAveragePooling2D = GlobalAveragePool2D
/// Keras's `MaxPooling1D`: `MaxPool1D`.
public typealias MaxPooling1D = MaxPool1D
/// Keras's `GlobalAveragePooling1D`: `GlobalAveragePool1D`.
public typealias GlobalAveragePooling1D = GlobalAveragePool1D
/// Keras's `GlobalMaxPooling1D`: `GlobalMaxPool1D`.
public typealias GlobalMaxPooling1D = GlobalMaxPool1D
