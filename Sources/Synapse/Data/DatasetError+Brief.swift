extension DatasetError {
    /// A short reason, for a one-line message (`description` has every
    /// detail, such as each mirror's failure): "Fashion-MNIST unavailable
    /// offline (no mirror answered)".
    public var brief: String {
        switch self {
        case .downloadFailed(let dataset, _, let failures, _):
            let offline = failures.allSatisfy { failure in
                switch failure {
                case .unreachable, .timedOut: return true
                default: return false
                }
            }
            return offline ? "\(dataset) unavailable offline (no mirror answered)"
                : "\(dataset) could not be downloaded (\(failures.count) mirror\(failures.count == 1 ? "" : "s") failed)"
        case .notFound(let dataset, _, _):
            return "\(dataset) not found and downloading is off"
        default:
            return description
        }
    }
}
