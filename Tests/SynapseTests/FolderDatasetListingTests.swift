import Foundation
import XCTest
@testable import Synapse

/// `FolderListing`: classes from subfolders or file names, deterministic splits, and every layout error.
final class FolderDatasetListingTests: XCTestCase {
    /// Creates empty files at `paths` (relative to `root`).
    func touch(_ paths: [String], in root: URL) throws {
        for path in paths {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: Data()))
        }
    }

    func testSubfoldersNameTheClassesInSortedOrder() throws {
        let root = try makeTemporaryDirectory(self)
        try touch((0 ..< 10).flatMap { ["dog/\($0).png", "cat/\($0).PNG", "emu/\($0).pgm"] } + ["cat/notes.txt", "cat/.hidden.png"], in: root)
        let listing = try FolderListing(directory: root, extensions: ["png", "pgm"], split: .seeded(testFraction: 0.2, seed: 7))
        XCTAssertEqual(listing.classNames, ["cat", "dog", "emu"])
        XCTAssertEqual(listing.train.count, 24)
        XCTAssertEqual(listing.test.count, 6)
        XCTAssertEqual(Dictionary(grouping: listing.test, by: \.label).mapValues(\.count), [0: 2, 1: 2, 2: 2])
        XCTAssertTrue(listing.train.allSatisfy { listing.classNames[$0.label] == $0.url.deletingLastPathComponent().lastPathComponent })
        let again = try FolderListing(directory: root, extensions: ["png", "pgm"], split: .seeded(testFraction: 0.2, seed: 7))
        XCTAssertEqual(again.test, listing.test)
        let other = try FolderListing(directory: root, extensions: ["png", "pgm"], split: .seeded(testFraction: 0.2, seed: 8))
        XCTAssertNotEqual(other.test, listing.test)
    }

    func testFileNamePatternAndRuleSplitAsFSDD() throws {
        let root = try makeTemporaryDirectory(self)
        try touch((0 ..< 3).flatMap { digit in (0 ..< 8).map { "\(digit)_alice_\($0).wav" } }, in: root)
        let listing = try FolderListing(directory: root, extensions: ["wav"], labeling: .fileNamePattern(AudioFolder.fsddLabelPattern),
                                        split: AudioFolder.fsddSplit)
        XCTAssertEqual(listing.classNames, ["0", "1", "2"])
        XCTAssertEqual(listing.test.count, 15)
        XCTAssertEqual(listing.train.count, 9)
        func index(_ entry: FolderListing.Entry) -> Int { Int(entry.url.deletingPathExtension().lastPathComponent.split(separator: "_")[2])! }
        XCTAssertTrue(listing.test.allSatisfy { index($0) < 5 })
        XCTAssertTrue(listing.train.allSatisfy { index($0) >= 5 })
        XCTAssertTrue(listing.train.allSatisfy { $0.url.lastPathComponent.hasPrefix(listing.classNames[$0.label] + "_") })
    }

    func testLayoutErrors() throws {
        let root = try makeTemporaryDirectory(self)
        func error(_ body: () throws -> Void) -> FolderDatasetError? {
            do { try body(); return nil } catch { return error as? FolderDatasetError }
        }
        let one = root.appendingPathComponent("one")
        try touch(["one/only/a.png", "one/only/b.png"], in: root)
        XCTAssertEqual(error { _ = try FolderListing(directory: one, extensions: ["png"]) }, .oneClass(directory: one.path, className: "only"))
        let empty = root.appendingPathComponent("empty")
        try touch(["empty/a/1.png"], in: root)
        try FileManager.default.createDirectory(at: empty.appendingPathComponent("b"), withIntermediateDirectories: true)
        XCTAssertEqual(error { _ = try FolderListing(directory: empty, extensions: ["png"]) },
                       .emptyClass(directory: empty.appendingPathComponent("b").path, extensions: ["png"]))
        let named = root.appendingPathComponent("named")
        try touch(["named/1_bob_3.wav", "named/2_bob_3.wav", "named/recording.wav"], in: root)
        XCTAssertEqual(error { _ = try FolderListing(directory: named, extensions: ["wav"], labeling: .fileNamePattern(AudioFolder.fsddLabelPattern)) },
                       .unlabelledFile(file: named.appendingPathComponent("recording.wav").path, pattern: AudioFolder.fsddLabelPattern))
        XCTAssertEqual(error { _ = try FolderListing(directory: named, extensions: ["wav"], labeling: .fileNamePattern("bob")) },
                       .badPattern(pattern: "bob", reason: "it has no capture group for the label"))
        let missing = root.appendingPathComponent("missing")
        XCTAssertEqual(error { _ = try FolderListing(directory: missing, extensions: ["png"]) }, .notADirectory(path: missing.path))
        XCTAssertEqual(error { _ = try FolderListing(directory: named, extensions: ["png"]) }, .noFiles(directory: named.path, extensions: ["png"]))
        let two = root.appendingPathComponent("two")
        try touch(["two/a/1.png", "two/b/1.png"], in: root)
        XCTAssertEqual(error { _ = try FolderListing(directory: two, extensions: ["png"], split: .seeded(testFraction: 0.2, seed: 0)) },
                       .emptySplit(directory: two.path, part: "test"))
        XCTAssertTrue(FolderDatasetError.oneClass(directory: "/d", className: "x").description.contains("at least two"))
    }
}
