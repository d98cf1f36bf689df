import ArgumentParser

/// The data `synapse train` learns from (and `synapse evaluate` tests on): a built-in dataset or a directory.
enum DatasetChoice: Equatable, ExpressibleByArgument, CustomStringConvertible {
    /// MNIST handwritten digits (28×28 grey images, 10 classes).
    case mnist
    /// The 4,000 training and 1,000 test MNIST images built into the
    /// library: no files or network needed.
    case mnistSample
    /// Fashion-MNIST clothing images (28×28 grey images, 10 classes).
    case fashionMNIST
    /// The Free Spoken Digit Dataset (8 kHz WAV recordings of 0–9, 10 classes), for `--model audio-cnn`.
    case fsdd
    /// A directory holding a dataset in IDX files, as MNIST is distributed (or WAV class folders, for `--model audio-cnn`).
    case directory(path: String)

    /// Reads `mnist`, `mnist-sample`, `fashion-mnist` or `fsdd`; anything else is taken as a directory path.
    init(argument: String) {
        switch argument {
        case "mnist": self = .mnist
        case "mnist-sample": self = .mnistSample
        case "fashion-mnist": self = .fashionMNIST
        case "fsdd": self = .fsdd
        default: self = .directory(path: argument)
        }
    }

    /// The spelling used on the command line.
    var description: String {
        switch self {
        case .mnist: return "mnist"
        case .mnistSample: return "mnist-sample"
        case .fashionMNIST: return "fashion-mnist"
        case .fsdd: return "fsdd"
        case .directory(let path): return path
        }
    }

    /// Shown as the default in help.
    var defaultValueDescription: String { description }
}
