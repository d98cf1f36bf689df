import CSynapseKernels

/// Where a sliding window (convolution or pooling) falls on a batch of
/// channels-last images: output size and padding, computed by Keras's rules.
struct WindowGeometry {
    /// Why a window does not fit an image.
    struct Mismatch: Error {
        let reason: String
    }

    /// The geometry in the form the C kernels take.
    var raw: syn_window_geometry

    /// Output rows and columns.
    var outputHeight: Int { raw.out_h }
    var outputWidth: Int { raw.out_w }

    /// The geometry of `kernel` windows over `[batch, height, width, channels]`
    /// images; throws when a `valid` window is larger than the image.
    init(batch: Int, height: Int, width: Int, channels: Int,
         kernel: Size2D, strides: Size2D, dilation: Size2D, padding: Padding) throws {
        let rows = try WindowGeometry.axis(input: height, kernel: kernel.height, stride: strides.height,
                                           dilation: dilation.height, padding: padding, axisName: "height")
        let columns = try WindowGeometry.axis(input: width, kernel: kernel.width, stride: strides.width,
                                              dilation: dilation.width, padding: padding, axisName: "width")
        raw = syn_window_geometry(
            batch: batch, in_h: height, in_w: width, channels: channels,
            out_h: rows.output, out_w: columns.output, kernel_h: kernel.height, kernel_w: kernel.width,
            stride_h: strides.height, stride_w: strides.width,
            dilation_h: dilation.height, dilation_w: dilation.width,
            pad_top: rows.padBefore, pad_left: columns.padBefore)
    }

    /// A geometry given in full (for transposed convolutions, whose window
    /// runs over the output).
    init(raw: syn_window_geometry) { self.raw = raw }

    /// The output length and leading padding along one axis, by Keras's rules.
    static func axis(input: Int, kernel: Int, stride: Int, dilation: Int, padding: Padding,
                     axisName: String) throws -> (output: Int, padBefore: Int) {
        let extent = (kernel - 1) * dilation + 1
        switch padding {
        case .valid:
            guard input >= extent else {
                let dilated = dilation > 1 ? " (\(extent) with dilation \(dilation))" : ""
                throw Mismatch(reason: "the window of \(kernel)\(dilated) does not fit in the input \(axisName) \(input) with padding 'valid'; use padding: .same, a smaller window or a larger input")
            }
            return ((input - extent) / stride + 1, 0)
        case .same:
            guard input >= 1 else {
                throw Mismatch(reason: "the input \(axisName) is 0")
            }
            let output = (input + stride - 1) / stride
            let total = Swift.max((output - 1) * stride + extent - input, 0)
            return (output, total / 2)
        }
    }

    /// The output length of a transposed convolution along one axis (Keras's
    /// `deconv_output_length` without output padding).
    static func transposedOutputLength(input: Int, kernel: Int, stride: Int, dilation: Int,
                                       padding: Padding) -> Int {
        let extent = (kernel - 1) * dilation + 1
        switch padding {
        case .valid: return input * stride + Swift.max(extent - stride, 0)
        case .same: return input * stride
        }
    }
}

/// The `[height, width, channels]` of a per-example image shape, or a thrown
/// `LayerError.incompatibleInput` naming `layer`.
func imageDimensions(_ inputShape: [Int], layer: String) throws -> (height: Int, width: Int, channels: Int) {
    guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }) else {
        throw LayerError.incompatibleInput(
            layer: layer, inputShape: inputShape,
            reason: "expected channels-last images [height, width, channels] with every size positive; add Reshape([h, w, 1]) for single-channel images")
    }
    return (inputShape[0], inputShape[1], inputShape[2])
}

/// The window geometry for one example of `inputShape`, with a shape error
/// naming `layer` when the window does not fit.
func windowGeometry(for inputShape: [Int], layer: String, kernel: Size2D, strides: Size2D,
                    dilation: Size2D, padding: Padding) throws -> WindowGeometry {
    let image = try imageDimensions(inputShape, layer: layer)
    do {
        return try WindowGeometry(batch: 1, height: image.height, width: image.width, channels: image.channels,
                                  kernel: kernel, strides: strides, dilation: dilation, padding: padding)
    } catch let mismatch as WindowGeometry.Mismatch {
        throw LayerError.incompatibleInput(layer: layer, inputShape: inputShape, reason: mismatch.reason)
    }
}

extension Tensor {
    /// Checks that this is a rank-4 NHWC batch and returns its window geometry,
    /// stopping with `op`'s name when it is not or the window does not fit.
    func windowGeometry(op: String, kernel: Size2D, strides: Size2D, dilation: Size2D,
                        padding: Padding) -> WindowGeometry {
        precondition(rank == 4, "\(op): expected a [batch, height, width, channels] tensor, got shape \(shape)")
        precondition(kernel.isPositive && strides.isPositive && dilation.isPositive,
                     "\(op): kernel \(kernel), strides \(strides) and dilation \(dilation) must be positive")
        do {
            return try WindowGeometry(batch: shape[0], height: shape[1], width: shape[2], channels: shape[3],
                                      kernel: kernel, strides: strides, dilation: dilation, padding: padding)
        } catch {
            preconditionFailure("\(op): input \(shape): \((error as! WindowGeometry.Mismatch).reason)")
        }
    }
}
