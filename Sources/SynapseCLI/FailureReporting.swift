import ArgumentParser
import Foundation

/// The one line reporting a failed run: `error: ` and the error's description.
func errorLine(for error: Error) -> String {
    if let localized = error as? LocalizedError, let description = localized.errorDescription {
        return "error: \(description)"
    }
    return "error: \(error)"
}

/// Runs `body`; a thrown error is printed as one `error:` line on standard
/// error and becomes exit status 1.
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        writeToStandardError(errorLine(for: error))
        throw ExitCode.failure
    }
}
