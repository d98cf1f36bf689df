import Foundation
import XCTest
@testable import Synapse

/// Data-parallel training under a real `mpirun`: the programs come from an
/// MPI build (`swift build --traits MPI`), which `scripts/test` makes and
/// names in `SYNAPSE_MPI_BIN`; without it these tests skip and say why.
final class DistributedMPITests: XCTestCase {
    private struct Launcher {
        let binaries: URL
        let mpirun: URL

        /// mpirun with the settings a root user on one machine needs:
        /// shared memory between ranks, loopback only, oversubscription allowed.
        func run(ranks: Int, _ program: String, _ arguments: [String], seconds: Double = 240,
                 whileRunning: ((Process) throws -> Void)? = nil) throws -> (status: Int32, output: String, seconds: Double) {
            let process = Process()
            process.executableURL = mpirun
            process.arguments = ["--oversubscribe", "-np", String(ranks), binaries.appendingPathComponent(program).path] + arguments
            var environment = ProcessInfo.processInfo.environment
            for (key, value) in ["OMPI_ALLOW_RUN_AS_ROOT": "1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1", "OMPI_MCA_pml": "ob1",
                                 "OMPI_MCA_btl": "self,vader", "OMPI_MCA_oob_tcp_if_include": "lo",
                                 "OMPI_MCA_btl_tcp_if_include": "lo", "MPIEXEC_TIMEOUT": String(Int(seconds))] {
                environment[key] = value
            }
            process.environment = environment
            let log = FileManager.default.temporaryDirectory.appendingPathComponent("mpirun-\(UUID().uuidString).log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            process.standardOutput = handle
            process.standardError = handle
            let started = Date()
            try process.run()
            try whileRunning?(process)
            process.waitUntilExit()
            try handle.close()
            let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(at: log)
            return (process.terminationStatus, output, Date().timeIntervalSince(started))
        }
    }

    private func launcher() throws -> Launcher {
        guard let directory = ProcessInfo.processInfo.environment["SYNAPSE_MPI_BIN"] else {
            throw XCTSkip("set SYNAPSE_MPI_BIN to the products of `swift build --traits MPI` (scripts/test does when Open MPI is installed)")
        }
        let mpirun = ["/usr/bin/mpirun", "/usr/local/bin/mpirun"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let mpirun else { throw XCTSkip("mpirun is not installed (apt-get install openmpi-bin libopenmpi-dev)") }
        return Launcher(binaries: URL(fileURLWithPath: directory), mpirun: URL(fileURLWithPath: mpirun))
    }

    func testCollectivesGiveTheSameAnswerOnEveryRank() throws {
        let mpi = try launcher()
        for ranks in [2, 3, 4] {
            let result = try mpi.run(ranks: ranks, "synapse-mpi-check", ["collectives"])
            XCTAssertEqual(result.status, 0, result.output)
            let total = ranks * (ranks + 1) / 2
            XCTAssertEqual(result.output.components(separatedBy: "collectives ok (allreduce sum \(total).0)").count - 1, ranks, result.output)
        }
    }

    private func assertTwoRanksEqualOne(model: String) throws {
        let mpi = try launcher()
        let directory = try makeTemporaryDirectory(self)
        let one = directory.appendingPathComponent("one.safetensors"), two = directory.appendingPathComponent("two.safetensors")
        let single = try mpi.run(ranks: 1, "synapse-mpi-check", ["train", "--model", model, "--steps", "10", "--out", one.path])
        XCTAssertEqual(single.status, 0, single.output)
        let pair = try mpi.run(ranks: 2, "synapse-mpi-check", ["train", "--model", model, "--steps", "10", "--out", two.path])
        XCTAssertEqual(pair.status, 0, pair.output)
        let a = try SafetensorsFile(contentsOf: one), b = try SafetensorsFile(contentsOf: two)
        XCTAssertEqual(a.names, b.names)
        for name in a.names {
            let x = try XCTUnwrap(a[name]).scalars, y = try XCTUnwrap(b[name]).scalars
            let scale = x.map(abs).max() ?? 1
            let difference = zip(x, y).map { abs($0 - $1) }.max() ?? 0
            XCTAssertLessThanOrEqual(difference, 1e-5 * scale, "\(model) \(name): 2 ranks differ from 1 by \(difference)")
        }
    }

    func testTwoRanksAtAGlobalBatchOf32GiveOneRanksWeightsForTheMLP() throws {
        try assertTwoRanksEqualOne(model: "mlp")
    }

    func testTwoRanksAtAGlobalBatchOf32GiveOneRanksWeightsForTheConvnet() throws {
        try assertTwoRanksEqualOne(model: "cnn")
    }

    func testKillingARankEndsTheOthersWithAMessageNamingIt() throws {
        let mpi = try launcher()
        let directory = try makeTemporaryDirectory(self)
        let pidFile = directory.appendingPathComponent("rank-1.pid")
        let result = try mpi.run(ranks: 2, "synapse-mpi-check", ["train", "--model", "mlp", "--steps", "1000000", "--pid-dir", directory.path],
                                 seconds: 120) { _ in
            let deadline = Date().addingTimeInterval(60)
            while !FileManager.default.fileExists(atPath: pidFile.path), Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
            Thread.sleep(forTimeInterval: 1)   // mid-epoch
            let pid = try XCTUnwrap(Int32(String(contentsOf: pidFile, encoding: .utf8)))
            kill(pid, SIGKILL)
        }
        XCTAssertNotEqual(result.status, 0, result.output)
        XCTAssertLessThan(result.seconds, 70, "the job took \(result.seconds) s to end after a rank died")
        XCTAssertTrue(result.output.contains("rank 1"), result.output)
    }

    func testSynapseTrainDistributedPrintsOnceAndSavesOnce() throws {
        let mpi = try launcher()
        let directory = try makeTemporaryDirectory(self)
        let save = directory.appendingPathComponent("model.synapse")
        let result = try mpi.run(ranks: 2, "synapse", ["train", "--distributed", "--dataset", "mnist-sample", "--epochs", "1",
                                                       "--save", save.path, "--verbose", "2"])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(result.output.components(separatedBy: "Test accuracy:").count - 1, 1, result.output)
        XCTAssertTrue(result.output.contains("Data-parallel over 2 ranks"), result.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: save.appendingPathComponent("config.json").path))
    }

    func testAResumedRunOnTheSameRanksContinuesAsIfUninterrupted() throws {
        let mpi = try launcher()
        let directory = try makeTemporaryDirectory(self)
        let save = directory.appendingPathComponent("model.synapse").path
        let common = ["train", "--distributed", "--dataset", "mnist-sample", "--verbose", "2"]
        let whole = try mpi.run(ranks: 2, "synapse", common + ["--epochs", "2"])
        let first = try mpi.run(ranks: 2, "synapse", common + ["--epochs", "1", "--save", save])
        let rest = try mpi.run(ranks: 2, "synapse", ["train", "--distributed", "--resume", save + ".checkpoint", "--epochs", "2", "--verbose", "2"])
        for result in [whole, first, rest] { XCTAssertEqual(result.status, 0, result.output) }
        XCTAssertTrue(rest.output.contains("Resuming from"), rest.output)
        func secondEpoch(_ output: String) -> Substring? {
            output.split(separator: "\n").first { $0.hasPrefix("Epoch 2/2") }.map { $0.drop { $0 != "a" } }
        }
        XCTAssertNotNil(secondEpoch(whole.output), whole.output)
        XCTAssertEqual(secondEpoch(rest.output), secondEpoch(whole.output), "epoch 2's metrics after resuming")
    }
}
