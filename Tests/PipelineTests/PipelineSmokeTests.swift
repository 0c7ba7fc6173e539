import EmoCorpus
import Foundation
import Testing

@testable import Pipeline

@Suite struct PrepConfigTests {
  @Test func resolvedConfigRoundTripsThroughYAML() throws {
    var config = PrepConfig(source: .cemo, root: "/data/cemo", task: "cemo-4", out: "/tmp/out")
    config.roles = [.caller]
    config.excludeAllNeutral = true
    config.sessions = [1, 2]
    config.inputs = [InputFile(path: "/data/cemo/a.xml", sha256: String(repeating: "ab", count: 32))]
    let yaml = try config.yaml()
    #expect(yaml.contains("exclude_all_neutral: true"))
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString).yaml")
    try yaml.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    #expect(try PrepConfig.load(url.path) == config)
  }

  @Test func cemoDefaultsToTheTelephoneRate() {
    #expect(PrepConfig(source: .cemo, root: "/r", task: "t", out: "/o").audio.rate == 8000)
    #expect(PrepConfig(source: .iemocap, root: "/r", task: "t", out: "/o").audio.rate == 16000)
  }
}
