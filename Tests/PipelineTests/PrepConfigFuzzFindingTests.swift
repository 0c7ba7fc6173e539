import EmoSupport
import Foundation
import Pipeline
import TestSupport
import Testing

/// Inputs the yaml-config fuzz target found (kept in Tests/Fuzz/yaml-config/ as seeds).
@Suite struct PrepConfigFuzzFindingTests {
  /// Yams quotes the offending line and a caret line under it: the error of `prep --config` must
  /// still be one line naming the file and the line.
  @Test func invalidYAMLGivesAOneLineError() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = try Data(contentsOf: repositoryFile("Tests/Fuzz/yaml-config/finding-multiline-yaml-error.yaml"))
    let path = dir.path + "/prep.yaml"
    try input.write(to: URL(fileURLWithPath: path))
    let error = #expect(throws: LocatedError.self) { try PrepConfig.load(path) }
    let found = try #require(error)
    let text = found.description
    #expect(!text.contains("\n") && !text.contains("\r"))
    #expect(text.hasPrefix(path + ":2: invalid YAML: "))
    #expect(text.contains("mapping values are not allowed"))
  }
}
