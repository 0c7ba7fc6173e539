import Foundation
import TestSupport
import Testing

@testable import Synth

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// What a minimal XML pass finds in the CEMO files (independent of the product's reader).
final class CEMOScan: NSObject, XMLParserDelegate {
  struct Segment {
    var id, speaker, dialog, file: String
    var start, end: Double
    var labels: [(major: String, minor: String?)] = []
  }
  var speakers: [String: (role: String, file: String)] = [:]
  var duplicateIDs: [String] = []
  var coders: [String: Set<String>] = [:]
  var dialogs: [String: String] = [:]
  var segments: [Segment] = []
  var undeclared: [String] = []
  private var file = ""
  private var dialog = ""

  func scan(_ path: String) throws {
    file = (path as NSString).lastPathComponent
    let parser = XMLParser(data: try Data(contentsOf: URL(fileURLWithPath: path)))
    parser.delegate = self
    guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes a: [String: String] = [:]
  ) {
    switch name {
    case "coder": coders[file, default: []].insert(a["id"] ?? "")
    case "speaker":
      if speakers[a["id"] ?? ""] != nil { duplicateIDs.append(a["id"] ?? "") }
      speakers[a["id"] ?? ""] = (a["role"] ?? "", file)
    case "dialog":
      dialog = a["id"] ?? ""
      if dialogs[dialog] != nil { duplicateIDs.append(dialog) }
      dialogs[dialog] = a["audio"]
    case "segment":
      let speaker = a["speaker"] ?? ""
      if speakers[speaker]?.file != file { undeclared.append(speaker) }
      segments.append(
        Segment(
          id: a["id"] ?? "", speaker: speaker, dialog: dialog, file: file, start: Double(a["start"] ?? "") ?? -1,
          end: Double(a["end"] ?? "") ?? -1))
    case "annotation":
      if coders[file]?.contains(a["coder"] ?? "") != true { undeclared.append(a["coder"] ?? "") }
      segments[segments.count - 1].labels.append((a["major"] ?? "", a["minor"]))
    default: break
    }
  }
}

@Suite struct CEMOLayoutTests {
  /// Macro-class of a label as written (French aliases and case variants undone).
  static func macro(_ written: String) -> MacroClass? {
    let english = CEMOWriter.frenchAliases.first { $0.value == written }?.key ?? written
    return MacroClass.allCases.compactMap { m in
      m.fineLabels.first { $0.label.lowercased() == english.lowercased() }.map { _ in m }
    }.first
  }

  @Test func demoCorpusIsWellFormedAndMatchesItsReport() throws {
    let dir = try TemporaryDirectory("synth-cemo")
    defer { dir.remove() }
    let root = dir.path + "/c"
    let report = try CorpusSynthesizer.generate(SynthOptions(layout: .cemo, outputDirectory: root))
    let files = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasSuffix(".xml") }.sorted()
    #expect(files == ["cemo-part1.xml", "cemo-part2.xml", "cemo-part3.xml"])
    let latin1 = try Data(contentsOf: URL(fileURLWithPath: root + "/cemo-part2.xml"))
    #expect(String(data: latin1, encoding: .utf8) == nil)  // é as one byte: really ISO-8859-1
    let text = String(data: latin1, encoding: .isoLatin1) ?? ""
    #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"))
    #expect(CEMOWriter.frenchAliases.values.contains { text.contains("\"\($0)\"") })

    let scan = CEMOScan()
    for file in files { try scan.scan(root + "/" + file) }
    #expect(scan.duplicateIDs.isEmpty && scan.undeclared.isEmpty)
    #expect(scan.segments.count == report.segments)
    #expect(scan.speakers.count == report.speakers)
    #expect(scan.dialogs.count == report.dialogs)
    #expect(scan.segments.reduce(0) { $0 + $1.labels.count } == report.annotations)
    #expect(Set(scan.segments.map(\.id)).count == scan.segments.count)

    // Soft consensus recomputed from the written labels gives the reported task counts.
    var taskCounts: [String: Int] = [:]
    var callersClasses: [String: Set<MacroClass>] = [:]
    for segment in scan.segments where scan.speakers[segment.speaker]?.role == "caller" {
      let judgements = segment.labels.map {
        CoderJudgement(
          coder: "", major: Self.macro($0.major)!.fineLabels[0].label,
          minor: $0.minor.map { Self.macro($0)!.fineLabels[0].label })
      }
      guard let consensus = softConsensus(judgements), CEMOPlan.taskClasses.contains(consensus) else { continue }
      taskCounts[consensus.rawValue, default: 0] += 1
      callersClasses[segment.speaker, default: []].insert(consensus)
    }
    #expect(taskCounts == report.taskClassCounts)
    #expect(callersClasses.count == report.taskSpeakers)
    #expect(callersClasses.values.filter { $0 == [.neutral] }.count == report.taskSpeakersOnlyNeutral)

    // Recurring agents, dialogs with two callers, overlaps only between different speakers.
    let byDialog = Dictionary(grouping: scan.segments, by: \.dialog)
    let agentDialogs = Dictionary(grouping: scan.segments.filter { scan.speakers[$0.speaker]?.role == "agent" }) {
      $0.speaker
    }.mapValues { Set($0.map(\.dialog)).count }
    #expect(agentDialogs.values.contains { $0 >= 3 })
    #expect(
      byDialog.values.contains {
        Set($0.filter { scan.speakers[$0.speaker]?.role == "caller" }.map(\.speaker)).count == 2
      })
    var crossSpeakerOverlaps = 0
    for (_, segments) in byDialog {
      for (a, b) in zip(segments, segments.dropFirst()) {
        #expect(a.start < a.end && a.start < b.start)
        if b.start < a.end {
          crossSpeakerOverlaps += 1
          #expect(a.speaker != b.speaker)
        }
      }
      for (_, own) in Dictionary(grouping: segments, by: \.speaker) {
        for (a, b) in zip(own, own.dropFirst()) { #expect(a.end <= b.start) }
      }
      #expect(Set(segments.map(\.speaker)).count >= 2)
    }
    #expect(crossSpeakerOverlaps > 0)

    // 8 kHz dialog audio: speech where segments are, quieter gaps between them.
    #expect(report.audioFiles == report.dialogs)
    let dialog = byDialog["D0001"]!
    let wav = try TestWAV(path: root + "/" + scan.dialogs["D0001"]!)
    #expect(wav.sampleRate == 8000 && wav.channels == 1 && wav.bitsPerSample == 16)
    #expect(wav.seconds >= dialog.last!.end)
    func rms(_ from: Double, _ to: Double) -> Double {
      let slice = wav.samples[Int(from * 8000)..<min(Int(to * 8000), wav.samples.count)]
      return (slice.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(max(slice.count, 1))).squareRoot()
    }
    let speech = dialog.map { rms($0.start, $0.end) }.reduce(0, +) / Double(dialog.count)
    let gaps = zip(dialog, dialog.dropFirst()).filter { $1.start - $0.end > 0.1 }.map { rms($0.end, $1.start) }
    #expect(!gaps.isEmpty)
    #expect(speech > 2 * gaps.reduce(0, +) / Double(gaps.count))
  }
}
