import ArgumentParser
import Foundation
import Synapse

/// `synapse audit`: how much a saved model leaks about its training set,
/// by the loss-threshold membership-inference attack.
struct Audit: ParsableCommand {
    /// The subcommand's name and help.
    static let configuration = CommandConfiguration(
        abstract: "Measure how much a saved model leaks about its training examples (membership inference).",
        discussion: """
            Runs the loss-threshold attack (Yeom et al. 2018): the attacker \
            guesses that an image was in the training set when the model's \
            loss on it is low. It scores --examples training images (members) \
            against as many test images (non-members) and prints the attack's \
            AUC (0.5: no better than chance) and its advantage (the best true \
            positive rate minus false positive rate; 0: nothing leaks). A \
            model trained with --dp prints its ε too.
            """
    )

    @Argument(help: ArgumentHelp("The model directory written by `synapse train --save`.", valueName: "model"))
    var modelPath: String

    @Option(help: ArgumentHelp(
        "The data the model was trained on: mnist, mnist-sample, fashion-mnist, or a directory holding IDX files. (default: the data recorded in the model)",
        valueName: "mnist|mnist-sample|fashion-mnist|directory"))
    var dataset: DatasetChoice?

    @Option(parsing: .unconditional, help: "How many members and how many non-members to score (at least 1; capped by the smaller split).")
    var examples = 10_000

    /// Rejects a bad count or a missing dataset directory before anything runs.
    func validate() throws {
        guard examples >= 1 else { throw ValidationError("--examples must be at least 1 (got \(examples)).") }
        try requireExistingDirectory(dataset)
    }

    /// Attacks and prints the report.
    func run() throws {
        try reportingFailures {
            let model = try loadModel(at: modelPath)
            let data = try loadDataset(dataset, orTheDataOf: model)
            print(data.loaded.summary)
            try requireMatchingPreprocessing(model)
            let count = min(examples, data.loaded.splits.train.count, data.loaded.splits.test.count)
            let members = try firstImages(data.loaded.splits.train, count: count, model: model)
            let nonMembers = try firstImages(data.loaded.splits.test, count: count, model: model)
            let loss = model.compiled?.loss ?? .sparseCategoricalCrossentropy
            let result = try MembershipInference.lossThresholdAttack(model, loss: loss, members: members,
                                                                     nonMembers: nonMembers, batchSize: 1000)
            print(auditReport(result, privacy: model.metadata.privacy))
        }
    }

    /// The first `count` images of `images` as the model's inputs and their labels.
    private func firstImages(_ images: LabeledImages, count: Int, model: Model) throws -> (Tensor, Tensor) {
        let subset = try LabeledImages(images: Array(images.images.prefix(count * images.pixelsPerImage)),
                                       labels: Array(images.labels.prefix(count)), height: images.height,
                                       width: images.width, classCount: images.classCount)
        return (try modelInputs(subset.imageTensor, for: model, source: "the dataset"), subset.labelTensor)
    }
}

/// The attack's figures as `synapse audit` prints them.
func auditReport(_ result: MembershipInference.Result, privacy: PrivacyRecord?) -> String {
    var lines = [
        "Membership inference (loss threshold), \(result.memberCount) training images against \(result.nonMemberCount) test images:",
        "  AUC: \(String(format: "%.4f", result.auc)) (0.5 = chance)",
        "  Advantage: \(String(format: "%.4f", result.advantage)) (at loss ≤ \(String(format: "%.4f", result.threshold)))",
        "  Mean loss: \(String(format: "%.4f", result.memberMeanLoss)) on members, \(String(format: "%.4f", result.nonMemberMeanLoss)) on non-members",
    ]
    lines.append(privacy.map { "  Trained privately: " + privacyReport($0) } ?? "  Trained without differential privacy")
    return lines.joined(separator: "\n")
}
