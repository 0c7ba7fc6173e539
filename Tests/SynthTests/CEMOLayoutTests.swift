import Foundation
import TestSupport
import Testing

@testable import Synth

@Suite struct CEMOLayoutTests {
  @Test func presetLabelsOnlyHasThePapersCounts() throws {
    let dir = try TemporaryDirectory("synth-preset")
    defer { dir.remove() }
    let report = try CorpusSynthesizer.generate(
      SynthOptions(layout: .cemo, outputDirectory: dir.path + "/c", writeAudio: false, preset: .cemoPaper))
    #expect(report.taskSpeakers == 807)
    #expect(report.taskSegments == 6931)
    #expect(report.taskSpeakersOnlyNeutral == 322)
    #expect(report.taskSegmentsAfterNeutralExclusion == 4825)
    #expect(report.taskDialogsAfterNeutralExclusion == 440)
    #expect(report.taskClassCounts == ["Anger": 672, "Fear": 312, "Positive": 459, "Neutral": 5488])
    #expect(abs(report.taskNonNeutralShare - 0.208) < 0.01)
  }
}
