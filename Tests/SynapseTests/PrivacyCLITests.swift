import ArgumentParser
import Foundation
import XCTest
@testable import Synapse
@testable import SynapseCLI

/// `synapse train --dp` and `synapse audit`: the flags' checks, and a short
/// private run audited end to end on the embedded MNIST sample.
final class PrivacyCLITests: XCTestCase {
    private func rejection(_ arguments: [String]) -> String? { trainRejection(arguments) }

    func testPrivacyFlagsParse() throws {
        let options = try Train.parse(["--dp", "--target-epsilon", "3", "--max-grad-norm", "0.5"]).makeOptions()
        XCTAssertEqual(options.privacy, try XCTUnwrap(PrivacyOptions(dp: true, noiseMultiplier: nil, targetEpsilon: 3,
                                                                     delta: nil, maxGradNorm: 0.5, resuming: false)))
        XCTAssertEqual(options.privacy?.delta, 1e-5)
        XCTAssertTrue(options.summary.hasSuffix(" dp=target-epsilon:3.0,delta:1e-05,max-grad-norm:0.5"))
        XCTAssertNil(try Train.parse([]).makeOptions().privacy)
        let pld = try Train.parse(["--dp", "--noise-multiplier", "1", "--accountant", "pld"]).makeOptions()
        XCTAssertEqual(pld.privacy?.settings.accountant, .pld)
        XCTAssertTrue(pld.summary.hasSuffix(",accountant:pld"), pld.summary)
        XCTAssertEqual(options.privacy?.settings.accountant, .rdp)
    }

    func testPrivacyReportGivesBothAccountants() {
        let record = PrivacyRecord(epsilon: 2.597, delta: 1e-5, noiseMultiplier: 1.1, maxGradNorm: 1,
                                   sampleRate: 256.0 / 60_000, steps: 14_063, sampling: "poisson", clipping: "flat",
                                   accountant: "rdp/balle2020")
        XCTAssertTrue(privacyReport(record).hasPrefix("Privacy: ε = 2.597 (RDP; PLD 2.38"), privacyReport(record))
    }

    func testBadPrivacyFlagsEachGetOneMessage() {
        XCTAssertEqual(rejection(["--dp", "--noise-multiplier", "0"]),
                       "--noise-multiplier must be a positive number (got 0.0); or pass --target-epsilon to have it computed.")
        XCTAssertEqual(rejection(["--dp", "--noise-multiplier", "1", "--max-grad-norm", "-1"]),
                       "--max-grad-norm must be a positive number (got -1.0); 1 is usual.")
        XCTAssertEqual(rejection(["--dp"]), "--dp needs --noise-multiplier σ or --target-epsilon ε.")
        XCTAssertEqual(rejection(["--dp", "--noise-multiplier", "1", "--target-epsilon", "3"]),
                       "--noise-multiplier and --target-epsilon exclude each other: give σ, or the ε to reach.")
        XCTAssertEqual(rejection(["--target-epsilon", "3"]),
                       "--noise-multiplier, --target-epsilon, --delta, --max-grad-norm and --accountant only apply to private training; add --dp.")
        XCTAssertNotNil(rejection(["--accountant", "pld"]))
        XCTAssertNotNil(rejection(["--dp", "--noise-multiplier", "1", "--accountant", "prv"]))
        XCTAssertNotNil(rejection(["--dp", "--noise-multiplier", "1", "--delta", "1"]))
        XCTAssertNotNil(rejection(["--dp", "--target-epsilon", "-2"]))
    }

    func testPrivateTrainingThenAudit() throws {
        let synapse = try SynapseExecutable(for: self)
        let directory = try makeTemporaryDirectory(self)
        let train = try synapse.run(["train", "--dataset", "mnist-sample", "--epochs", "1", "--dp", "--target-epsilon", "2",
                                     "--batch-size", "100", "--optimizer", "sgd", "--learning-rate", "0.2",
                                     "--save", "private.synapse", "--verbose", "2"], in: directory)
        XCTAssertEqual(train.status, 0, train.all)
        XCTAssertTrue(train.stdout.contains("epsilon: 1.9"), train.all)
        XCTAssertTrue(train.stdout.contains("Privacy: ε = 1.9"), train.all)
        let audit = try synapse.run(["audit", "private.synapse", "--examples", "500"], in: directory)
        XCTAssertEqual(audit.status, 0, audit.all)
        XCTAssertTrue(audit.stdout.contains("500 training images against 500 test images"), audit.all)
        XCTAssertTrue(audit.stdout.contains("Trained privately: Privacy: ε = 1.9"), audit.all)
        let tooLargeDelta = try synapse.run(["train", "--dataset", "mnist-sample", "--dp", "--noise-multiplier", "1",
                                             "--delta", "0.01", "--verbose", "0"], in: directory)
        XCTAssertEqual(tooLargeDelta.status, 1)
        XCTAssertTrue(tooLargeDelta.stderr.contains("δ = 0.01 is not below 1/N = 0.00025 for N = 4000"), tooLargeDelta.all)
    }
}
