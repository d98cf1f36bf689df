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
    /// A directory holding a dataset in IDX files, as MNIST is distributed.
    case directory(path: String)

    /// Reads `mnist`, `mnist-sample` or `fashion-mnist`; anything else is taken as a directory path.
    init(argument: String) {
        switch argument {
        case "mnist": self = .mnist
        case "mnist-sample": self = .mnistSample
        case "fashion-mnist": self = .fashionMNIST
        default: self = .directory(path: argument)
        }
    }

    /// The spelling used on the command line.
    var description: String {
        switch self {
        case .mnist: return "mnist"
        case .mnistSample: return "mnist-sample"
        case .fashionMNIST: return "fashion-mnist"
        case .directory(let path): return path
        }
    }

    /// Shown as the default in help.
    var defaultValueDescription: String { description }
}
