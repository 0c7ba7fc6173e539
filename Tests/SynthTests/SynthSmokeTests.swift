import Testing

@testable import Synth

@Suite struct SynthSmokeTests {
  @Test func moduleLinks() { #expect(!String(describing: SynthModule.self).isEmpty) }
}
