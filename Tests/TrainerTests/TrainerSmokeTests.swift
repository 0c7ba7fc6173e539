import Testing

@testable import Trainer

@Suite struct TrainerSmokeTests {
  @Test func moduleLinks() { #expect(!String(describing: TrainerModule.self).isEmpty) }
}
