import Foundation
import TestSupport
import Testing

@testable import Synth

@Suite struct SynthOptionsTests {
  static let cases: [(SynthOptions, String?)] = [
    (SynthOptions(layout: .cemo, outputDirectory: "x"), nil),
    (
      SynthOptions(layout: .cemo, outputDirectory: "x", disagreement: 1.5),
      "--disagreement must be between 0 and 1 (got 1.5)"
    ),
    (
      SynthOptions(layout: .iemocap, outputDirectory: "x", preset: .cemoPaper),
      "--preset cemo-paper is for --layout cemo, not iemocap"
    ),
    (
      SynthOptions(layout: .cemo, outputDirectory: "x", speakers: 10, preset: .cemoPaper),
      "--preset cemo-paper fixes the corpus size: leave out --speakers and --dialogs"
    ),
    (
      SynthOptions(layout: .iemocap, outputDirectory: "x", speakers: 3),
      "--speakers for --layout iemocap must be 2, 4, 6, 8 or 10 (two actors per session)"
    ),
    (
      SynthOptions(layout: .iemocap, outputDirectory: "x", speakers: 4, dialogs: 1),
      "--dialogs for --layout iemocap must be at least one per session (2)"
    ),
    (
      SynthOptions(layout: .cemo, outputDirectory: "x", speakers: 10, dialogs: 11),
      "--dialogs for --layout cemo must be between half the callers and the callers (5…10)"
    ),
    (
      SynthOptions(layout: .cemo, outputDirectory: "x", speakers: 2),
      "--speakers for --layout cemo must be at least 3 callers"
    ),
    (
      SynthOptions(layout: .table, outputDirectory: "x", speakers: 8, dialogs: 3),
      "--dialogs for --layout table must be at least half the speakers (two speakers per recording)"
    ),
    (SynthOptions(layout: .table, outputDirectory: "x", dialogs: 0), "--dialogs must be at least 1"),
  ]

  @Test(arguments: 0..<SynthOptionsTests.cases.count)
  func problemMessagesAreExact(index: Int) {
    let (options, message) = Self.cases[index]
    #expect(options.problem == message)
  }

  @Test func refusesANonEmptyOutputFolder() throws {
    let dir = try TemporaryDirectory("synth-options")
    defer { dir.remove() }
    try dir.write("out/keep.txt", "x")
    #expect(throws: (any Error).self) {
      try CorpusSynthesizer.generate(SynthOptions(layout: .table, outputDirectory: dir.path + "/out"))
    }
    do {
      _ = try CorpusSynthesizer.generate(SynthOptions(layout: .table, outputDirectory: dir.path + "/out"))
    } catch {
      #expect("\(error)" == "\(dir.path)/out: output folder is not empty (expected a new or empty folder)")
    }
  }
}
