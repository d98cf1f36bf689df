import Foundation
import XCTest
@testable import Synapse

/// Every place in Synapse that records an operation with a backward closure
/// (a `recording(` call) must have a finite-difference check that runs
/// through it. A new differentiable operation without one fails here.
final class GradientCoverageTests: XCTestCase {
    /// The classes whose `gradientCases` count; each runs them in its own
    /// `testGradientCases`.
    static var checkedClasses: [GradientChecked.Type] { [
        GradientCheckTests.self, ConvGradientTests.self, LossGradientTests.self,
        NormalizationGradientTests.self, ConvMaxPoolFusionTests.self, ExplainGradientTests.self, SpikingGradientTests.self,
        TextGradientTests.self, SequenceGradientTests.self, RecurrentGradientTests.self, MaskingGradientTests.self,
    ] }

    func testEveryRecordingSiteHasAGradientCheck() throws {
        let sites = try Self.recordingSitesInSource()
        XCTAssertGreaterThan(sites.count, 40, "the scan of Sources/Synapse found too few recording sites")
        var reached = Set<String>()
        for checked in Self.checkedClasses {
            for gradientCase in checked.gradientCases { reached.formUnion(gradientCase.recordingSites()) }
        }
        let unchecked = sites.subtracting(reached).sorted()
        XCTAssertEqual(unchecked, [], "these recording sites have no finite-difference check: add a GradientCase that runs through each")
        let unknown = reached.subtracting(sites).sorted()
        XCTAssertEqual(unknown, [], "the checks reached recording sites the source scan did not find: a `recording(` call must start on the line the scan sees")
    }

    /// `Synapse/<file>:<line>` for every line of Sources/Synapse that calls
    /// `recording(` (not its declarations in GradNode.swift).
    static func recordingSitesInSource() throws -> Set<String> {
        let sources = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Synapse")
        guard let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) else {
            throw CocoaError(.fileReadNoSuchFile)
        }
        let call = try NSRegularExpression(pattern: #"(^|[^A-Za-z0-9_])recording\("#)
        var sites = Set<String>()
        for case let url as URL in files where url.pathExtension == "swift" {
            let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
            for (index, line) in lines.enumerated() {
                let code = line.components(separatedBy: "//")[0]
                guard !code.contains("func recording("),
                      call.firstMatch(in: code, range: NSRange(code.startIndex..., in: code)) != nil else { continue }
                sites.insert("Synapse/\(url.lastPathComponent):\(index + 1)")
            }
        }
        return sites
    }
}
