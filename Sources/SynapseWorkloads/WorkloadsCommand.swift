import ArgumentParser
import CSynapseKernels
import Foundation
import Synapse

/// Runs the benchmark workloads (W1 MLP training, W2 convnet training, W3
/// inference, W4 peak RSS while training W1, W5 DP-SGD MLP training, W6
/// integrated gradients on the W2 convnet, W7 the spiking MLP of snnTorch's
/// tutorial 5; G1/G2, the character GPT's training iteration and sampling; R1,
/// an LSTM's forward and backward pass) on
/// Fashion-MNIST and Shakespeare with Synapse's
/// public API and prints one JSON line. `bench/compare` runs it beside the
/// Keras and PyTorch versions in `Benchmarks/`.
@main
struct WorkloadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synapse-workloads",
        abstract: "Times Synapse on the benchmark workloads and prints one JSON line.")

    @Option(help: "Directory with the Fashion-MNIST IDX files (default: the usual search).")
    var data: String?
    @Option(help: "Comma-separated workloads: mlp, convnet, dp (DP-SGD), dp-ratio (private against plain epochs, alternated), ig (integrated gradients on the convnet), snn (spiking MLP), gpt, lstm.")
    var workloads = "mlp,convnet,dp,ig,snn"
    @Option(help: "W1 epochs.") var mlpEpochs = 10
    @Option(help: "W2 epochs.") var convEpochs = 2
    @Option(help: "Train W1 on only the first N images (0: all).") var mlpTrainLimit = 0
    @Option(help: "Train W2 on only the first N images (0: all).") var convTrainLimit = 0
    @Option(help: "W7 (spiking MLP) epochs.") var snnEpochs = 1
    @Option(help: "Train W7 on only the first N images (0: all).") var snnTrainLimit = 0
    @Option(help: "Timed inference passes over the test set.") var inferPasses = 5
    @Option(help: "Use only the first N test images for inference throughput (0: all).") var inferLimit = 0
    @Option(help: "Timed batch-1 calls.") var latCalls = 1000
    @Option(help: "W5 (DP-SGD) epochs.") var dpEpochs = 10
    @Option(help: "Train W5 on only the first N images (0: all).") var dpTrainLimit = 0
    @Option(help: "W5's target ε at δ = 1e-5.") var dpTargetEpsilon = 3.0
    @Option(help: "W5's SGD learning rate.") var dpLearningRate: Float = 0.5
    @Option(help: "dp-ratio: private and plain epochs, each this many times.") var dpRatioRounds = 5
    @Option(help: "W6: test images explained by integrated gradients.") var igImages = 100
    @Option(help: "W6: path points run through the model at once.") var igBatchSize = 256
    @Option(help: "Random seed.") var seed: UInt64 = 0
    @Option(help: "fit verbosity: 0 or 2.") var verbose = 0

    func run() throws {
        let started = Interval()
        Synapse.seed(seed)
        let options = data.map { DatasetLoadOptions(directory: URL(fileURLWithPath: $0), allowsDownload: false) }
            ?? DatasetLoadOptions(allowsDownload: false)
        let chosen = Set(workloads.split(separator: ",").map(String.init))
        // Only the image workloads read Fashion-MNIST.
        let needsImages = !chosen.isDisjoint(with: ["mlp", "convnet", "dp", "dp-ratio", "ig", "snn"])
        let dataset = needsImages ? try FashionMNIST.load(options) : nil
        let verbosity: Verbosity = verbose == 2 ? .oneLinePerEpoch : .silent
        var result: [String: Any] = ["framework": "synapse", "rss_after_load_mib": peakRSSMiB()]

        if let dataset, chosen.contains("mlp") {
            let train = dataset.splits.train, test = dataset.splits.test
            let model = ArticleMLP()
            var mlp = try trainAndEvaluate(model, train: limited(train, to: mlpTrainLimit), test: test,
                                           epochs: mlpEpochs, batchSize: 32, verbose: verbosity)
            // W4: nothing but loading and W1 has run so far.
            mlp["peak_rss_mib"] = peakRSSMiB()
            mlp["infer_b1000"] = directThroughput(model, batches: inputBatches(test, batchSize: 1000, count: inferLimit),
                                                  passes: inferPasses)
            mlp["infer_b1000_predict_img_s"] = try predictThroughput(
                model, images: inputBatches(test, batchSize: inferLimit > 0 ? inferLimit : test.count, count: inferLimit)[0],
                batchSize: 1000, passes: inferPasses)
            mlp["latency_b1"] = batchOneLatency(model, images: inputBatches(test, batchSize: 1000, count: 1000)[0],
                                                calls: latCalls)
            result["mlp"] = mlp
        }
        var convnet: Sequential?
        if let dataset, chosen.contains("convnet") {
            let train = dataset.splits.train, test = dataset.splits.test
            let model = Sequential.simpleConvNet()
            convnet = model
            let images = test.withChannelAxis()
            var conv = try trainAndEvaluate(model, train: limited(train.withChannelAxis(), to: convTrainLimit),
                                            test: images, epochs: convEpochs, batchSize: 128, verbose: verbosity)
            conv["infer_b1000"] = directThroughput(model, batches: inputBatches(images, batchSize: 1000, count: inferLimit),
                                                   passes: inferPasses)
            result["convnet"] = conv
        }
        if let dataset {
            let train = dataset.splits.train, test = dataset.splits.test
            if chosen.contains("dp") {
                result["dp"] = try trainPrivatelyAndEvaluate(
                    train: limited(train, to: dpTrainLimit), test: test, epochs: dpEpochs, plainEpochs: 2,
                    targetEpsilon: dpTargetEpsilon, learningRate: dpLearningRate, verbose: verbosity)
            }
            if chosen.contains("dp-ratio") {
                result["dp_ratio"] = try privateEpochRatio(train: limited(train, to: dpTrainLimit), rounds: dpRatioRounds,
                                                           learningRate: dpLearningRate)
            }
            if chosen.contains("ig") {
                let model = convnet ?? Sequential.simpleConvNet()
                if convnet == nil {
                    _ = try trainAndEvaluate(model, train: limited(train.withChannelAxis(), to: convTrainLimit),
                                         test: test.withChannelAxis(), epochs: convEpochs, batchSize: 128, verbose: verbosity)
                }
                result["ig"] = try integratedGradientsTiming(model, test: test.withChannelAxis(), images: igImages,
                                                             passes: 3, batchSize: igBatchSize)
            }
            if chosen.contains("snn") {
                result["snn"] = try trainAndEvaluate(try Sequential.spikingMLP(), train: limited(train, to: snnTrainLimit), test: test,
                                                     epochs: snnEpochs, batchSize: 128, verbose: verbosity, learningRate: 5e-4,
                                                     loss: StepwiseCrossEntropy(), accuracy: SpikeCountAccuracy(name: "accuracy"))
            }
        }
        if chosen.contains("gpt") { result["gpt"] = try gptWorkloads(seed: seed) }
        if chosen.contains("lstm") { result["lstm"] = lstmWorkloads(seed: seed) }
        result["peak_rss_mib"] = peakRSSMiB()
        result["wall_s"] = started.finish().wall
        result["foreign_frac"] = started.finish().foreign ?? Double.nan
        result["versions"] = ["synapse": Synapse.version, "gemm_kernel": String(cString: syn_gemm_kernel_name())]
        result["threads"] = ["syn_num_threads": Int(syn_num_threads()),
                             "SYNAPSE_NUM_THREADS": ProcessInfo.processInfo.environment["SYNAPSE_NUM_THREADS"] ?? "unset",
                             "os_threads": osThreadCount()]
        result["cpus"] = onlineCPUCount()
        let json = try JSONSerialization.data(withJSONObject: sanitized(result), options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }
}

/// The number of threads in this process (from /proc/self/status), or -1 where unknown.
func osThreadCount() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Threads:") }) else { return -1 }
    return Int(line.dropFirst("Threads:".count).trimmingCharacters(in: .whitespaces)) ?? -1
}

/// `value` with every non-finite number replaced by NSNull, which JSON can hold.
func sanitized(_ value: Any) -> Any {
    switch value {
    case let number as Double: return number.isFinite ? number : NSNull()
    case let numbers as [Double]: return numbers.map { $0.isFinite ? $0 as Any : NSNull() }
    case let dictionary as [String: Any]: return dictionary.mapValues(sanitized)
    default: return value
    }
}
