/// How much a model gives away about which examples it was trained on,
/// measured by the loss-threshold membership-inference attack (Yeom et al.
/// 2018): the attacker guesses "member" when an example's loss is below a
/// threshold, since training drives the members' losses down.
///
/// ```swift
/// let audit = try MembershipInference.lossThresholdAttack(
///     model, loss: SparseCategoricalCrossentropy(), members: (trainX, trainY), nonMembers: (testX, testY))
/// print(audit.auc, audit.advantage)   // 0.5 and 0: nothing leaks
/// ```
public enum MembershipInference {
    /// The attack's result on members (training examples) against
    /// non-members (held-out examples of the same distribution).
    public struct Result: Equatable, Sendable {
        /// The area under the ROC curve of the score −loss: the probability
        /// that a random member has a lower loss than a random non-member
        /// (ties count half). 0.5 means the attack does no better than chance.
        public let auc: Double
        /// The membership advantage: the largest true-positive rate minus
        /// false-positive rate over all thresholds (0: no leak, 1: total).
        public let advantage: Double
        /// The loss threshold that achieves `advantage`.
        public let threshold: Double
        /// The members' mean loss.
        public let memberMeanLoss: Double
        /// The non-members' mean loss.
        public let nonMemberMeanLoss: Double
        /// How many members and non-members were scored.
        public let memberCount: Int, nonMemberCount: Int
    }

    /// Runs the attack with `model`'s per-example `loss`.
    public static func lossThresholdAttack(_ model: Model, loss: Loss, members: (Tensor, Tensor),
                                           nonMembers: (Tensor, Tensor), batchSize: Int = 256) throws -> Result {
        let memberLosses = try perExampleLosses(model, loss: loss, inputs: members.0, targets: members.1, batchSize: batchSize)
        let nonMemberLosses = try perExampleLosses(model, loss: loss, inputs: nonMembers.0, targets: nonMembers.1,
                                                   batchSize: batchSize)
        return attack(memberLosses: memberLosses, nonMemberLosses: nonMemberLosses)
    }

    /// The attack on losses already computed.
    public static func attack(memberLosses: [Double], nonMemberLosses: [Double]) -> Result {
        precondition(!memberLosses.isEmpty && !nonMemberLosses.isEmpty,
                     "MembershipInference.attack: needs at least one member and one non-member")
        // Sweep the threshold up through all losses, in order; ties move together.
        let scored = (memberLosses.map { ($0, true) } + nonMemberLosses.map { ($0, false) }).sorted { $0.0 < $1.0 }
        let members = Double(memberLosses.count), nonMembers = Double(nonMemberLosses.count)
        var belowMembers = 0.0, belowNonMembers = 0.0
        var aucSum = 0.0
        var best = (advantage: 0.0, threshold: scored[0].0)
        var index = 0
        while index < scored.count {
            var end = index, tiedMembers = 0.0, tiedNonMembers = 0.0
            while end < scored.count, scored[end].0 == scored[index].0 {
                if scored[end].1 { tiedMembers += 1 } else { tiedNonMembers += 1 }
                end += 1
            }
            // Each member here beats every non-member with a larger loss, and half the tied ones.
            aucSum += tiedMembers * (nonMembers - belowNonMembers - tiedNonMembers) + 0.5 * tiedMembers * tiedNonMembers
            belowMembers += tiedMembers
            belowNonMembers += tiedNonMembers
            let advantage = belowMembers / members - belowNonMembers / nonMembers
            if advantage > best.advantage { best = (advantage, scored[index].0) }
            index = end
        }
        return Result(auc: aucSum / (members * nonMembers), advantage: best.advantage, threshold: best.threshold,
                      memberMeanLoss: memberLosses.reduce(0, +) / members,
                      nonMemberMeanLoss: nonMemberLosses.reduce(0, +) / nonMembers,
                      memberCount: memberLosses.count, nonMemberCount: nonMemberLosses.count)
    }

    /// Each example's loss under `model`.
    public static func perExampleLosses(_ model: Model, loss: Loss, inputs: Tensor, targets: Tensor,
                                        batchSize: Int = 256) throws -> [Double] {
        let predictions = try model.predict(inputs, batchSize: batchSize)
        let count = predictions.shape[0]
        let predictionSize = predictions.count / max(count, 1), targetSize = targets.count / max(count, 1)
        let predictionValues = predictions.scalars, targetValues = targets.scalars
        return withoutGradients {
            (0 ..< count).map { example in
                let prediction = Tensor(shape: [1] + predictions.shape.dropFirst(),
                                        scalars: Array(predictionValues[example * predictionSize ..< (example + 1) * predictionSize]))
                let target = Tensor(shape: [1] + targets.shape.dropFirst(),
                                    scalars: Array(targetValues[example * targetSize ..< (example + 1) * targetSize]))
                return Double(loss(predictions: prediction, targets: target).scalar)
            }
        }
    }
}
