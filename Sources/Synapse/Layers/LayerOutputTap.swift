/// A per-thread hook on layer outputs, for methods that look inside a model
/// without changing its code: Grad-CAM reads one layer's activations and
/// guided backpropagation gates the gradient after each ReLU.
///
/// While a tap is installed on a thread (`LayerOutputTap.run`), every layer
/// call on that thread passes its output through `transform`, and
/// `Conv2D(_:pooledBy:)` runs the two layers one after the other so that the
/// convolution's output exists. Other threads are not affected.
final class LayerOutputTap {
    private static let perThread = ThreadLocal<LayerOutputTap?> { nil }

    /// The tap installed on this thread, if any.
    static var current: LayerOutputTap? {
        get { perThread.value }
        set { perThread.value = newValue }
    }

    /// Maps a layer and its output to the output the caller sees.
    let transform: (Layer, Tensor) -> Tensor

    private init(transform: @escaping (Layer, Tensor) -> Tensor) {
        self.transform = transform
    }

    /// Runs `body` with `transform` applied to every layer output on this thread.
    static func run<R>(_ transform: @escaping (Layer, Tensor) -> Tensor, _ body: () throws -> R) rethrows -> R {
        let saved = current
        current = LayerOutputTap(transform: transform)
        defer { current = saved }
        return try body()
    }
}
