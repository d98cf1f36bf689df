import Foundation
import XCTest
@testable import Synapse

/// A group of two ranks that hold the same values: a sum doubles them. It
/// lets the bucketing and averaging logic run in one process.
private final class TwinRanks: Communicator, @unchecked Sendable {
    let rank = 0
    let size = 2
    var reductions = 0
    func barrier() throws {}
    func broadcast(_ values: inout [Float], root: Int) throws {}
    func allreduce(_ values: inout [Float], _ operation: ReductionOperation) throws {
        if operation == .sum { values = values.map { 2 * $0 } }
    }
    func allgather(_ values: [Float]) throws -> [Float] { values + values }
    func startAllreduceSum(_ buffer: UnsafeMutableBufferPointer<Float>) throws -> ReductionRequest {
        reductions += 1
        for index in buffer.indices { buffer[index] *= 2 }
        return .completed()
    }
}

/// Data-parallel training: the pieces in one process, and (with an
/// MPI build, see `scripts/test`) the real thing under mpirun.
final class DistributedTests: XCTestCase {
    private func model() -> Sequential {
        Synapse.seed(3)
        let model = Sequential([Dense(6, activation: .relu), Dense(3)])
        try? model.build(inputShape: [4])
        return model
    }

    func testBucketedAveragesEqualTheLocalGradientsWhateverTheBucketSize() throws {
        let x = Tensor.randomUniform([8, 4]), y = Tensor.randomUniform([8, 3])
        let network = model()
        let plain = valueWithGradients(of: network) { meanSquaredError(predictions: $0(x), targets: y) }
        for capacity in [1, 5, 30, 1 << 20] {
            let twins = TwinRanks()
            let parallel = DataParallel(twins, bucketCapacity: capacity)
            let (loss, averaged) = try parallel.valueWithGradients(of: network) { meanSquaredError(predictions: $0(x), targets: y) }
            XCTAssertEqual(loss.scalar, plain.value.scalar)
            for (a, b) in zip(averaged.tensors, plain.gradients.tensors) { XCTAssertEqual(a.scalars, b.scalars, "capacity \(capacity)") }
            // Small buckets start several reductions during the pass; one big bucket starts one.
            XCTAssertEqual(twins.reductions > 1, capacity < 30, "capacity \(capacity): \(twins.reductions) reductions")
        }
    }

    func testGradientsArriveDuringTheBackwardPassLastLayerFirst() {
        let network = model()
        let x = Tensor.randomUniform([2, 4])
        var arrivals: [Int] = []
        _ = valueWithGradientsReporting(of: network, training: true, onReady: { index, _ in arrivals.append(index) }) { $0(x).sum() }
        // Parameters are kernel, bias of layer 0 then of layer 1: layer 1's come first.
        XCTAssertEqual(Set(arrivals), [0, 1, 2, 3])
        XCTAssertLessThan(arrivals.firstIndex(of: 2)!, arrivals.firstIndex(of: 0)!)
    }

    func testEachRankTakesItsEvenShareOfEveryGlobalBatch() {
        final class Rank: Communicator, @unchecked Sendable {
            let rank: Int, size: Int
            init(_ rank: Int, of size: Int) { self.rank = rank; self.size = size }
            func barrier() throws {}
            func broadcast(_ values: inout [Float], root: Int) throws {}
            func allreduce(_ values: inout [Float], _ operation: ReductionOperation) throws {}
            func allgather(_ values: [Float]) throws -> [Float] { values }
            func startAllreduceSum(_ buffer: UnsafeMutableBufferPointer<Float>) throws -> ReductionRequest { .completed() }
        }
        let order = Array((0 ..< 10).reversed())   // 9, 8, …, 0
        let first = DataParallel(Rank(0, of: 2)).localOrder(globalOrder: order, globalBatchSize: 4)
        let second = DataParallel(Rank(1, of: 2)).localOrder(globalOrder: order, globalBatchSize: 4)
        XCTAssertEqual(first, [9, 8, 5, 4])
        XCTAssertEqual(second, [7, 6, 3, 2])   // 1 and 0 are past the last whole global batch
        XCTAssertEqual(Rank(2, of: 3).shard(of: 10), 6 ..< 9)
    }

    func testAProcessStartedAloneTrainsAsOneRank() throws {
        XCTAssertTrue(try Distributed.communicator() is SingleProcess || Distributed.launchedRanks != nil)
        XCTAssertEqual(DistributedError.notBuiltWithMPI(ranks: 2).description.contains("swift build --traits MPI"), true)
    }

    func testMpirunWithoutAnMPIBuildIsOneClearError() throws {
        guard !Distributed.isAvailable else { throw XCTSkip("this build has MPI") }
        let directory = try makeTemporaryDirectory(self)
        let result = try SynapseExecutable(for: self).run(["train", "--distributed", "--dataset", "mnist-sample", "--epochs", "1"],
                                                          in: directory, environment: ["OMPI_COMM_WORLD_SIZE": "2"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("built without MPI") && result.stderr.contains("--traits MPI"), result.stderr)
    }
}
