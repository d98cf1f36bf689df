import Dispatch
import Foundation

/// Turns Ctrl-C (SIGINT) into a flag that the training loop polls between
/// steps, so a step is never cut in half and a checkpoint can be written.
///
/// While started, the default SIGINT action (terminate at once) is ignored
/// and a dispatch signal source, on a background queue, records the
/// interrupt. A second Ctrl-C calls `onSecondInterrupt` (the CLI exits
/// with status 130 without saving), so a slow save can still be abandoned.
final class InterruptMonitor: @unchecked Sendable {
    private let lock = NSLock()
    private var interruptCount = 0
    private var source: DispatchSourceSignal?
    private let onFirstInterrupt: @Sendable () -> Void
    private let onSecondInterrupt: @Sendable () -> Void

    /// A monitor calling `onFirstInterrupt` and then `onSecondInterrupt` on
    /// its background queue as interrupts arrive.
    init(onFirstInterrupt: @escaping @Sendable () -> Void = {},
         onSecondInterrupt: @escaping @Sendable () -> Void) {
        self.onFirstInterrupt = onFirstInterrupt
        self.onSecondInterrupt = onSecondInterrupt
    }

    /// Whether Ctrl-C has been pressed since `start()`.
    var isInterrupted: Bool {
        lock.lock(); defer { lock.unlock() }
        return interruptCount > 0
    }

    /// Starts catching SIGINT.
    func start() {
        lock.lock(); defer { lock.unlock() }
        guard source == nil else { return }
        interruptCount = 0
        // A signal source only sees signals the process does not act on itself.
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue.global(qos: .userInitiated))
        source.setEventHandler { [weak self] in self?.received() }
        source.resume()
        self.source = source
    }

    /// Stops catching SIGINT; Ctrl-C terminates the process again.
    func stop() {
        lock.lock(); defer { lock.unlock() }
        source?.cancel()
        source = nil
        signal(SIGINT, SIG_DFL)
    }

    /// Records an interrupt as if SIGINT had arrived (for tests).
    func received() {
        lock.lock()
        interruptCount += 1
        let count = interruptCount
        lock.unlock()
        if count == 1 { onFirstInterrupt() } else { onSecondInterrupt() }
    }
}
