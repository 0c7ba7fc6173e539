import Testing

@testable import Pipeline

@Suite struct PipelineSmokeTests {
  @Test func moduleLinks() { #expect(!String(describing: PipelineModule.self).isEmpty) }
}
