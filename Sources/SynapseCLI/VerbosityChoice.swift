import ArgumentParser
import Synapse

/// The spellings `--verbose` accepts, as in Keras: `auto`, `0`, `1` or `2`.
enum VerbosityChoice: String, CaseIterable, ExpressibleByArgument {
    /// A progress bar on a terminal, one line per epoch elsewhere.
    case auto
    /// Print nothing.
    case silent = "0"
    /// A progress bar on a terminal, one line per epoch elsewhere.
    case progressBar = "1"
    /// One line per epoch.
    case oneLinePerEpoch = "2"

    /// The library verbosity this spelling stands for.
    var verbosity: Verbosity {
        switch self {
        case .auto: return .auto
        case .silent: return .silent
        case .progressBar: return .progressBar
        case .oneLinePerEpoch: return .oneLinePerEpoch
        }
    }
}
