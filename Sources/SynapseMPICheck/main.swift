// synapse-mpi-check: the distributed tests' programs, run under mpirun by
// DistributedTests (and by hand):
//   synapse-mpi-check collectives
//       allreduce (sum, mean, max), broadcast and allgather checked on every rank
//   synapse-mpi-check train --model mlp|cnn --steps K --out FILE [--pid-dir DIR]
//       K data-parallel steps at a global batch of 32 from seed 0; rank 0 saves the weights
import Foundation
import Synapse

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("synapse-mpi-check: \(message)\n".utf8))
    exit(1)
}

func option(_ name: String, in arguments: [String]) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}

/// Each rank contributes rank + 1; the results must be the same on every rank.
func checkCollectives(_ group: Communicator) throws {
    let n = Float(group.size), rank = Float(group.rank)
    var sum: [Float] = [rank + 1, 2 * (rank + 1)]
    try group.allreduce(&sum, .sum)
    guard sum == [n * (n + 1) / 2, n * (n + 1)] else { fail("rank \(group.rank): allreduce sum gave \(sum)") }
    var mean: [Float] = [rank + 1]
    try group.allreduce(&mean, .mean)
    guard mean == [(n + 1) / 2] else { fail("rank \(group.rank): allreduce mean gave \(mean)") }
    var maximum: [Float] = [rank + 1]
    try group.allreduce(&maximum, .max)
    guard maximum == [n] else { fail("rank \(group.rank): allreduce max gave \(maximum)") }
    var broadcast: [Float] = group.isLeader ? [7, 8, 9] : [0, 0, 0]
    try group.broadcast(&broadcast, root: 0)
    guard broadcast == [7, 8, 9] else { fail("rank \(group.rank): broadcast gave \(broadcast)") }
    let gathered = try group.allgather([rank, rank + 0.5])
    let expected = (0 ..< group.size).flatMap { [Float($0), Float($0) + 0.5] }
    guard gathered == expected else { fail("rank \(group.rank): allgather gave \(gathered)") }
    var buffer: [Float] = [rank + 1]
    try buffer.withUnsafeMutableBufferPointer { pointer in try group.startAllreduceSum(pointer).wait() }
    guard buffer == [n * (n + 1) / 2] else { fail("rank \(group.rank): nonblocking allreduce gave \(buffer)") }
    print("rank \(group.rank) of \(group.size): collectives ok (allreduce sum \(sum[0]))")
}

/// The convnet of `synapse train --model cnn` without its Dropout, whose
/// random masks would differ between one process and several.
func convNet() -> Sequential {
    Sequential([Conv2D(32, kernelSize: 3, activation: .relu), MaxPool2D(poolSize: 2),
                Conv2D(64, kernelSize: 3, activation: .relu), MaxPool2D(poolSize: 2),
                Flatten(), Dense(10, activation: .softmax)])
}

func train(_ group: Communicator, arguments: [String]) throws {
    let model = option("--model", in: arguments) ?? "mlp"
    guard let steps = option("--steps", in: arguments).flatMap(Int.init), steps > 0 else { fail("--steps K is needed") }
    if let directory = option("--pid-dir", in: arguments) {
        try "\(getpid())".write(toFile: "\(directory)/rank-\(group.rank).pid", atomically: true, encoding: .utf8)
    }
    Synapse.seed(0)
    let images = try MNIST.embeddedSample().splits.train
    let count = min(images.count, 32 * steps)
    var source: any BatchSource = SubsetBatchSource(images, range: 0 ..< count)
    let network: Model
    switch model {
    case "mlp": network = Sequential([Flatten(), Dense(128, activation: .relu), Dense(10, activation: .softmax)])
    case "cnn":
        network = convNet()
        source = SubsetBatchSource(images.withChannelAxis(), range: 0 ..< count)
    default: fail("--model must be mlp or cnn")
    }
    network.compile(optimizer: .adam(), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
    network.distribute(DataParallel(group))
    let epochs = max(1, (32 * steps + count - 1) / count)
    try network.fit(source, epochs: epochs, batchSize: 32, verbose: .silent)
    if group.isLeader, let out = option("--out", in: arguments) {
        try network.saveWeights(to: URL(fileURLWithPath: out))
        print("rank 0 of \(group.size): \(model) trained \(epochs * (count / 32)) steps, weights in \(out)")
    }
    try group.barrier()
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    let group = try Distributed.communicator()
    switch arguments.first {
    case "collectives": try checkCollectives(group)
    case "train": try train(group, arguments: arguments)
    default: fail("usage: synapse-mpi-check collectives | train --model mlp|cnn --steps K --out FILE [--pid-dir DIR]")
    }
} catch {
    fail("\(error)")
}
