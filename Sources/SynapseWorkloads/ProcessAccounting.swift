#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

#if canImport(Glibc)
/// `RUSAGE_SELF` (Glibc imports it as an enum case).
private let rusageSelf = RUSAGE_SELF.rawValue
#else
private let rusageSelf = RUSAGE_SELF
#endif

/// Monotonic wall-clock seconds.
func wallSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// CPU seconds (user + system) this process has used so far.
func ownCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(rusageSelf, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// Peak resident set size of this process so far, in MiB.
func peakRSSMiB() -> Double {
    var usage = rusage()
    getrusage(rusageSelf, &usage)
    #if canImport(Darwin)
    return Double(usage.ru_maxrss) / 1_048_576  // bytes on macOS
    #else
    return Double(usage.ru_maxrss) / 1024  // KiB on Linux
    #endif
}

/// Busy CPU seconds of the whole machine (all processes) from `/proc/stat`,
/// or nil where there is no such file.
func machineBusyCPUSeconds() -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else { return nil }
    let fields = line.split(separator: " ").dropFirst().compactMap { Double($0) }
    guard fields.count >= 8 else { return nil }
    // user nice system idle iowait irq softirq steal: busy = all but idle and iowait.
    let busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7]
    return busy / Double(sysconf(Int32(_SC_CLK_TCK)))
}

/// The number of online CPUs.
func onlineCPUCount() -> Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

/// Measures an interval: wall time, this process's CPU time, and the share of
/// the machine's CPU capacity that other processes used meanwhile.
struct Interval {
    private let wallStart = wallSeconds()
    private let cpuStart = ownCPUSeconds()
    private let busyStart = machineBusyCPUSeconds()

    /// Wall seconds, own CPU seconds and the foreign CPU fraction (nil without /proc/stat) since creation.
    func finish() -> (wall: Double, cpu: Double, foreign: Double?) {
        let wall = wallSeconds() - wallStart
        let cpu = ownCPUSeconds() - cpuStart
        var foreign: Double?
        if let start = busyStart, let end = machineBusyCPUSeconds(), wall > 0 {
            foreign = max(0, (end - start - cpu) / (wall * Double(onlineCPUCount())))
        }
        return (wall, cpu, foreign)
    }
}
