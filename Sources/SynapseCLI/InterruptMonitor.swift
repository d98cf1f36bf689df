import Dispatch
import Foundation

/// Turns Ctrl-C (SIGINT) into a flag that the training loop polls between
/// steps, so a step is never cut in half and a checkpoint can be written.
///
/// The default SIGINT action (terminate at once) is ignored, once per
/// process, and while started a dispatch signal source, on a background
/// queue, records each interrupt. The first calls `onFirstInterrupt` and
/// sets `isInterrupted`; a second one, or any while `quitsOnInterrupt` is
/// set (outside the training loop), calls `onQuit` (the CLI exits with
/// status 130 at once), so a slow save can still be abandoned.
///
/// `@unchecked Sendable`: the counters and the source are touched only under
/// `lock`; the callbacks are immutable and `@Sendable`.
final class InterruptMonitor: @unchecked Sendable {
    private let lock = NSLock()
    private var interruptCount = 0
    private var quits = false
    private var source: DispatchSourceSignal?
    private let onFirstInterrupt: @Sendable () -> Void
    private let onQuit: @Sendable () -> Void

    /// Set once: resetting the disposition later would remove the handler
    /// that libdispatch installs on Linux for its signal sources.
    private static let defaultActionIgnored: Void = { _ = signal(SIGINT, SIG_IGN) }()

    /// A monitor calling `onFirstInterrupt` and then `onQuit` on its
    /// background queue as interrupts arrive.
    init(onFirstInterrupt: @escaping @Sendable () -> Void = {},
         onQuit: @escaping @Sendable () -> Void) {
        self.onFirstInterrupt = onFirstInterrupt
        self.onQuit = onQuit
    }

    /// Whether an interrupt quits at once instead of asking training to stop
    /// (set it outside the training loop, where there is no step to finish).
    var quitsOnInterrupt: Bool {
        get { lock.lock(); defer { lock.unlock() }; return quits }
        set { lock.lock(); quits = newValue; lock.unlock() }
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
        Self.defaultActionIgnored
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue.global(qos: .userInitiated))
        source.setEventHandler { [weak self] in self?.received() }
        source.resume()
        self.source = source
    }

    /// Stops watching for SIGINT (which the process then ignores).
    func stop() {
        lock.lock(); defer { lock.unlock() }
        source?.cancel()
        source = nil
    }

    /// Records an interrupt as if SIGINT had arrived (for tests).
    func received() {
        lock.lock()
        interruptCount += 1
        let first = interruptCount == 1 && !quits
        lock.unlock()
        if first { onFirstInterrupt() } else { onQuit() }
    }
}
