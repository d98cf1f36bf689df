/// Why training cannot continue from a checkpoint as asked.
public enum ResumeError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The checkpoint already holds more epochs than the run asks for in
    /// total, so there is nothing the run could train without throwing
    /// epochs away.
    case epochsBelowCheckpoint(checkpoint: String, completed: Int, requested: Int)

    /// A one-line explanation that says what to do.
    public var description: String {
        switch self {
        case let .epochsBelowCheckpoint(checkpoint, completed, requested):
            return "checkpoint \(checkpoint) already holds \(completed) epochs, more than the \(requested) asked for in total; "
                + "ask for at least \(completed) epochs (epochs counts the whole run, not the epochs still to do)"
        }
    }
}
