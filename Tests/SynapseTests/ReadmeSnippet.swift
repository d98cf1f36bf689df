import Foundation
import XCTest

/// Checks that README.md shows, in a Swift code block, exactly the lines of
/// the test file `testFile` between the comment lines `// <begin>` and
/// `// <end>` (indented by 8 spaces, inside a test method), and returns them.
@discardableResult
func assertReadmeShowsSnippet(of testFile: String, begin: String, end: String,
                              file: StaticString = #filePath, line: UInt = #line) throws -> String {
    let url = URL(fileURLWithPath: testFile)
    let root = url.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let source = try String(contentsOf: url, encoding: .utf8)
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    guard let start = source.range(of: "// \(begin)\n"),
          let stop = source.range(of: "        // \(end)", range: start.upperBound..<source.endIndex) else {
        XCTFail("the README markers '\(begin)' and '\(end)' are missing from \(testFile)", file: file, line: line)
        return ""
    }
    let printed = source[start.upperBound..<stop.lowerBound]
        .split(separator: "\n", omittingEmptySubsequences: false)
        .map { $0.hasPrefix("        ") ? String($0.dropFirst(8)) : String($0) }
        .joined(separator: "\n")
    XCTAssertTrue(readme.contains("```swift\n" + printed + "```"),
                  "README.md must show the snippet of \(url.lastPathComponent) exactly:\n\(printed)", file: file, line: line)
    return printed
}
