import Foundation
import TestSupport
import Testing

@testable import Synth

@Suite struct TableLayoutTests {
  /// RFC 4180 fields of one line (quotes, doubled quotes).
  static func fields(_ line: Substring) -> [String] {
    var result: [String] = []
    var current = ""
    var quoted = false
    var chars = Array(line)[...]
    while let c = chars.popFirst() {
      if quoted {
        if c == "\"" {
          if chars.first == "\"" {
            current.append("\"")
            chars.removeFirst()
          } else {
            quoted = false
          }
        } else {
          current.append(c)
        }
      } else if c == "\"" {
        quoted = true
      } else if c == "," {
        result.append(current)
        current = ""
      } else {
        current.append(c)
      }
    }
    result.append(current)
    return result
  }

  @Test func csvHasTheSpecColumnsAndMatchesTheReport() throws {
    let dir = try TemporaryDirectory("synth-table")
    defer { dir.remove() }
    let root = dir.path + "/t"
    let report = try CorpusSynthesizer.generate(
      SynthOptions(layout: .table, outputDirectory: root, speakers: 4, dialogs: 3))
    let text = try String(contentsOfFile: root + "/corpus.csv", encoding: .utf8)
    let lines = text.split(separator: "\n")
    #expect(lines.first == "id,path,speaker,gender,dialog,start,end,coder,label,arousal,valence")
    #expect(text.contains("\"studio, take 2\""))
    let rows = lines.dropFirst().map(Self.fields)
    #expect(rows.allSatisfy { $0.count == 11 })
    #expect(rows.count == report.annotations)
    let segments = Dictionary(grouping: rows, by: { $0[0] })
    #expect(segments.count == report.segments)
    #expect(segments.values.contains { $0.count == 2 })
    #expect(Set(rows.map { $0[8] }).isSubset(of: ["neu", "sad", "ang", "hap"]))
    var task: [String: Int] = [:]
    var ties = 0
    for (_, group) in segments {
      let labels = Set(group.map { $0[8] })
      if labels.count == 1 {
        task[IEMOCAPCode(rawValue: labels.first!)!.taskClass!, default: 0] += 1
      } else {
        ties += 1
      }
    }
    #expect(task == report.taskClassCounts)
    #expect(ties == report.noConsensus)
    for path in Set(rows.map { $0[1] }) {
      let wav = try TestWAV(path: root + "/" + path)
      #expect(wav.sampleRate == 16000 && wav.channels == 1)
      let lastEnd = rows.filter { $0[1] == path }.map { Double($0[6])! }.max()!
      #expect(wav.seconds >= lastEnd)
    }
  }
}
