import EmoCorpus
import Foundation
import Synth
import TestSupport
import Testing

@testable import Pipeline

@Suite struct AuditPipelineTests {
  /// Agreement is scoped by the selection's attributes (role), not by why a segment lost its label:
  /// with `--roles caller` no agent segment counts, even one dropped as `no_consensus` first.
  @Test func rolesScopeTheAgreementWhateverTheLabel() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    _ = try CorpusSynthesizer.generate(
      SynthOptions(layout: .cemo, outputDirectory: tmp.path + "/c", speakers: 20, dialogs: 14, writeAudio: false))
    var request = CorpusRequest(source: .cemo, root: tmp.path + "/c")
    let all = try AuditPipeline.run(request, task: "cemo-4", out: tmp.path + "/a")
    #expect(all.kappa.strict.agent.n > 0)
    request.roles = [.caller]
    let callers = try AuditPipeline.run(request, task: "cemo-4", out: tmp.path + "/a")
    #expect(callers.kappa.strict.agent.n == 0)
    #expect(callers.kappa.strict.caller.n == all.kappa.strict.caller.n)
    #expect(callers.kappa.strict.all.n == callers.kappa.strict.caller.n)
  }

  @Test func withoutTaskEveryClassOfTheMappingIsKept() throws {
    let task = try AuditPipeline.defaultTask(for: .cemo)
    #expect(task.classNames == ["Fear", "Anger", "Sadness", "Pain", "Positive", "Surprise", "Neutral"])
    #expect(task.neutral == "Neutral")
    #expect(try AuditPipeline.defaultTask(for: .iemocap).neutral == "neu")
  }
}
