import Testing

@testable import AudioFeatures

@Suite struct AudioFeaturesSmokeTests {
  @Test func moduleLinks() { #expect(!String(describing: AudioFeaturesModule.self).isEmpty) }
}
