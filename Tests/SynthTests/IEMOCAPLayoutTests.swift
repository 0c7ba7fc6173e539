import Foundation
import TestSupport
import Testing

@testable import Synth

@Suite struct IEMOCAPLayoutTests {
  struct Turn {
    var name: String
    var start, end: Double
    var code: String
    var lines: [String]
  }

  /// Turn blocks of an EmoEvaluation file (a minimal independent parse).
  static func turns(_ text: String) -> [Turn] {
    var result: [Turn] = []
    for line in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n") {
      if line.hasPrefix("[") {
        let fields = line.split(separator: "\t")
        let times = fields[0].dropFirst().dropLast().split(separator: "-").map {
          Double($0.trimmingCharacters(in: .whitespaces))!
        }
        result.append(Turn(name: String(fields[1]), start: times[0], end: times[1], code: String(fields[2]), lines: []))
      } else if !line.hasPrefix("%"), !result.isEmpty {
        result[result.count - 1].lines.append(String(line))
      }
    }
    return result
  }

  @Test func releaseTreeHasTheQuirksOfTheRealOne() throws {
    let dir = try TemporaryDirectory("synth-iemocap")
    defer { dir.remove() }
    let root = dir.path + "/i"
    let report = try CorpusSynthesizer.generate(
      SynthOptions(layout: .iemocap, outputDirectory: root, writeAudio: false))
    var names: [String] = []
    var allTurns: [(dialog: String, turn: Turn)] = []
    var crlf = 0
    var text = ""
    for session in 1...5 {
      let folder = "\(root)/Session\(session)/dialog/EmoEvaluation"
      let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".txt") }
      #expect(!(try FileManager.default.contentsOfDirectory(atPath: folder + "/Categorical")).isEmpty)
      for file in files {
        let content = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
        text += content
        if content.contains("\r\n") { crlf += 1 }
        #expect(content.hasPrefix("% [START_TIME - END_TIME] TURN_NAME EMOTION [V, A, D]"))
        let dialog = String(file.dropLast(4))
        names.append(dialog)
        let turns = Self.turns(content)
        // All of the female actor's turns first, then the male's; numbered in time order.
        let genders = turns.map { $0.name.split(separator: "_").last!.first! }
        #expect(genders == genders.sorted())
        #expect(Set(genders) == ["F", "M"])
        for turn in turns {
          #expect(turn.name.hasPrefix(dialog + "_"))
          #expect(turn.end > turn.start)
          allTurns.append((dialog, turn))
        }
      }
    }
    #expect(names.contains("Ses03M_impro05a") || names.contains("Ses03F_impro05a"))
    #expect(names.contains { $0.hasPrefix("Ses05") && $0.hasSuffix("_script01_1b") })
    #expect(names.contains { $0.hasPrefix("Ses01F_") } && names.contains { $0.hasPrefix("Ses01M_") })
    #expect(crlf > 0 && crlf < names.count)
    #expect(text.contains("dom ;") && text.contains("dom  ") && text.contains("C-F1:") && text.contains("C-M1:"))
    #expect(text.contains("Other;") && text.contains("Neutral state;"))
    #expect(text.range(of: #"C-E\d:\t\w[\w ]*;  ?\w"#, options: .regularExpression) != nil)  // several labels
    let codes = Set(allTurns.map(\.turn.code))
    #expect(codes.isSubset(of: Set(IEMOCAPCode.allCases.map(\.rawValue) + ["xxx"])) && codes.contains("xxx"))
    #expect(allTurns.allSatisfy { $0.turn.lines.filter { $0.hasPrefix("C-E") }.count == 3 })

    // Counts read back equal the report's.
    #expect(allTurns.count == report.segments)
    #expect(allTurns.filter { $0.turn.code == "xxx" }.count == report.noConsensus)
    #expect(allTurns.reduce(0) { $0 + $1.turn.lines.count } == report.annotations)
    var task: [String: Int] = [:]
    for (dialog, turn) in allTurns where dialog.contains("_impro") {
      if let name = IEMOCAPCode(rawValue: turn.code)?.taskClass { task[name, default: 0] += 1 }
    }
    #expect(task == report.taskClassCounts)
    // Speaker from the last field: both actors of every session hold task turns.
    #expect(report.taskSpeakers == 10)
  }

  @Test func turnWAVsAre16kHzAndAsLongAsTheTurn() throws {
    let dir = try TemporaryDirectory("synth-iemocap")
    defer { dir.remove() }
    let root = dir.path + "/i"
    let report = try CorpusSynthesizer.generate(
      SynthOptions(layout: .iemocap, outputDirectory: root, speakers: 2, dialogs: 2))
    var files = 0
    var seconds = 0.0
    for file in try FileManager.default.contentsOfDirectory(atPath: root + "/Session1/dialog/EmoEvaluation")
    where file.hasSuffix(".txt") {
      let dialog = String(file.dropLast(4))
      let content = try String(contentsOfFile: root + "/Session1/dialog/EmoEvaluation/" + file, encoding: .utf8)
      for turn in Self.turns(content) {
        let wav = try TestWAV(path: "\(root)/Session1/sentences/wav/\(dialog)/\(turn.name).wav")
        #expect(wav.sampleRate == 16000 && wav.channels == 1 && wav.bitsPerSample == 16)
        #expect(abs(wav.seconds - (turn.end - turn.start)) <= 1.0 / 16000)
        #expect(wav.samples.contains { abs($0) > 1000 })
        files += 1
        seconds += wav.seconds
      }
    }
    #expect(files == report.audioFiles)
    #expect(abs(seconds - report.audioSeconds) < 1e-6)
  }
}
