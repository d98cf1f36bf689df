#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Saves the input being run when the process traps, hangs or runs out of
/// memory: signal handlers write it to a file with `write(2)` alone, then
/// exit with a code the runner reports.
enum CrashRecorder {
    /// Exit status after a trap (SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE).
    static let crashStatus: Int32 = 70
    /// Exit status after an input ran past the time limit (SIGALRM).
    static let hangStatus: Int32 = 71

    /// The input being run and the files it goes to; read only by the signal
    /// handlers of the one thread that runs inputs. Set once per input by
    /// `running(_:)`, so it needs no lock (a signal handler cannot take one).
    private nonisolated(unsafe) static var input: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0)
    private nonisolated(unsafe) static var crashPath: [CChar] = []
    private nonisolated(unsafe) static var hangPath: [CChar] = []

    /// Installs the handlers; a crash is saved as `crashFile`, a hang as `hangFile`.
    static func install(crashFile: String, hangFile: String) {
        crashPath = Array(crashFile.utf8CString)
        hangPath = Array(hangFile.utf8CString)
        for number in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] {
            _ = signal(number) { _ in CrashRecorder.save(CrashRecorder.crashPath, status: CrashRecorder.crashStatus) }
        }
        _ = signal(SIGALRM) { _ in CrashRecorder.save(CrashRecorder.hangPath, status: CrashRecorder.hangStatus) }
    }

    /// Runs `body` on `bytes` with them recorded, under a time limit of `seconds`.
    static func running<R>(_ bytes: [UInt8], timeLimit seconds: UInt32, _ body: () -> R) -> R {
        bytes.withUnsafeBufferPointer { buffer in
            input = buffer
            alarm(seconds)
            defer {
                alarm(0)
                input = UnsafeBufferPointer(start: nil, count: 0)
            }
            return body()
        }
    }

    /// Writes the recorded input to `path` and exits (async-signal-safe calls only).
    private static func save(_ path: [CChar], status: Int32) {
        path.withUnsafeBufferPointer { name in
            let descriptor = open(name.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            if descriptor >= 0, let base = input.baseAddress {
                _ = write(descriptor, base, input.count)
            }
            if descriptor >= 0 { close(descriptor) }
        }
        _exit(status)
    }
}
