import Foundation
import TestSupport
import Testing

@testable import Synth

@Suite struct DeterminismTests {
  func generate(
    _ layout: SynthLayout, seed: UInt64, into dir: TemporaryDirectory, name: String, jobs: Int = 2
  ) throws -> [String: Data] {
    let speakers: Int
    let dialogs: Int
    switch layout {
    case .iemocap: (speakers, dialogs) = (2, 2)
    case .cemo: (speakers, dialogs) = (4, 3)
    case .table: (speakers, dialogs) = (2, 2)
    }
    _ = try CorpusSynthesizer.generate(
      SynthOptions(
        layout: layout, outputDirectory: dir.path + "/" + name, speakers: speakers, dialogs: dialogs, seed: seed,
        jobs: jobs))
    return try fileContents(under: dir.path + "/" + name)
  }

  @Test(arguments: SynthLayout.allCases)
  func sameSeedGivesByteIdenticalCorpus(layout: SynthLayout) throws {
    let dir = try TemporaryDirectory("synth-determinism")
    defer { dir.remove() }
    let first = try generate(layout, seed: 5, into: dir, name: "a")
    // One thread or two: the per-dialog streams make the bytes independent of scheduling.
    let second = try generate(layout, seed: 5, into: dir, name: "b", jobs: 1)
    #expect(!first.isEmpty)
    #expect(first.keys.sorted() == second.keys.sorted())
    for (path, data) in first { #expect(second[path] == data, "\(path) differs") }
    #expect(first.keys.contains { $0.hasSuffix(".wav") })
  }

  @Test func anotherSeedGivesAnotherCorpus() throws {
    let dir = try TemporaryDirectory("synth-determinism")
    defer { dir.remove() }
    let first = try generate(.cemo, seed: 1, into: dir, name: "a")
    let second = try generate(.cemo, seed: 2, into: dir, name: "b")
    #expect(first["audio/D0001.wav"] != second["audio/D0001.wav"])
  }

  @Test func labelsDoNotDependOnAudio() throws {
    let dir = try TemporaryDirectory("synth-determinism")
    defer { dir.remove() }
    let withAudio = try CorpusSynthesizer.generate(
      SynthOptions(layout: .cemo, outputDirectory: dir.path + "/a", speakers: 5, dialogs: 3))
    var labelsOnly = try CorpusSynthesizer.generate(
      SynthOptions(layout: .cemo, outputDirectory: dir.path + "/b", speakers: 5, dialogs: 3, writeAudio: false))
    let a = try fileContents(under: dir.path + "/a").filter { $0.key.hasSuffix(".xml") }
    let b = try fileContents(under: dir.path + "/b")
    #expect(a == b)
    #expect(labelsOnly.audioFiles == 0 && withAudio.audioFiles == withAudio.dialogs && withAudio.audioSeconds > 0)
    labelsOnly.root = withAudio.root
    labelsOnly.audioFiles = withAudio.audioFiles
    labelsOnly.audioSeconds = withAudio.audioSeconds
    #expect(labelsOnly == withAudio)
  }
}
