import Testing

@testable import EmoCorpus

@Suite struct EmoCorpusSmokeTests {
  @Test func moduleLinks() { #expect(!String(describing: EmoCorpusModule.self).isEmpty) }
}
