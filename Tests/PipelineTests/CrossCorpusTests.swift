import EmoCorpus
import EmoSupport
import Foundation
import Synth
import TestSupport
import Testing

@testable import Pipeline

/// `train --test-prep OTHER` (SPEC §6): each fold's model tested on every kept segment of another
/// prep output with the same task classes; different classes are refused.
@Suite struct CrossCorpusTests {
  static func prep(_ tmp: TemporaryDirectory, _ name: String, seed: UInt64, task: String) throws -> String {
    _ = try CorpusSynthesizer.generate(
      SynthOptions(
        layout: .cemo, outputDirectory: "\(tmp.path)/\(name)-corpus", speakers: 14, dialogs: 10, seed: seed, jobs: 2))
    var c = PrepConfig(source: .cemo, root: "\(tmp.path)/\(name)-corpus", task: task, out: "\(tmp.path)/\(name)")
    c.roles = [.caller]
    c.folds = 3
    c.audit = false
    c.jobs = 2
    _ = try PrepPipeline.run(c, log: { _ in })
    return c.out
  }

  @Test func foldModelsAreTestedOnTheOtherCorpus() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let a = try Self.prep(tmp, "a", seed: 1, task: "cemo-anger-neutral")
    let b = try Self.prep(tmp, "b", seed: 2, task: "cemo-anger-neutral")
    var options = TrainPipeline.Options(prepDir: a, out: tmp.path + "/run")
    options.epochs = 1
    options.folds = [1]
    options.testPrep = b
    _ = try TrainPipeline.run(options, log: { _ in })
    let cross = try JSONDecoder().decode(
      CrossCorpusResult.self, from: Data(contentsOf: URL(fileURLWithPath: tmp.path + "/run/cross_corpus.json")))
    let kept = try JSONDecoder().decode(
      PrepSummary.self, from: Data(contentsOf: URL(fileURLWithPath: b + "/summary.json"))
    ).kept
    #expect(cross.segments == kept)
    #expect(cross.folds.map(\.fold) == [1])
    #expect((0...1).contains(cross.ua))
    #expect(cross.confusion.joined().reduce(0, +) == kept)
    let report = try String(contentsOfFile: tmp.path + "/run/report.html", encoding: .utf8)
    #expect(report.contains("Cross-corpus test on b"))

    let other = try Self.prep(tmp, "c", seed: 3, task: "cemo-4")
    options.testPrep = other
    options.out = tmp.path + "/run2"
    #expect(throws: LocatedError.self) { try TrainPipeline.run(options, log: { _ in }) }
    // Refused before any training: no fold folder was written.
    #expect(!FileManager.default.fileExists(atPath: tmp.path + "/run2/fold-1"))
  }
}
