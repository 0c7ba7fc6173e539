import EmoCorpus
import EmoSupport
import Folds
import Foundation

/// `BENCH check_folds_content_2m_s`: the content part of `check-folds` on 2,000,000 segments with
/// text (20,000 speakers, 5,000 sentences of 6 words, 5 stratified group folds): reading
/// `segment_content` from the catalog and counting shared sentences and audio in every fold. The
/// manifests are built in memory (reading them is the speaker check's cost, measured apart).
func benchContentCheck() throws {
  let n = 2_000_000
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("emobench-content-\(getpid())").path
  defer { try? FileManager.default.removeItem(atPath: folder) }
  try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  var random = SeededRandom(seed: 1, stream: "bench-content")
  var segments: [Segment] = []
  var entries: [ManifestEntry] = []
  segments.reserveCapacity(n)
  entries.reserveCapacity(n)
  for i in 0..<n {
    let speaker = "S\(i / 100)"
    let sentence = Int(random.uniform() * 5000)
    let text = "Word\(sentence) says, the \(sentence % 7) little words!"
    let id = "seg\(i)"
    segments.append(
      Segment(
        id: id, dialog: speaker, speaker: speaker, audio: AudioRef(path: "/audio/\(id).wav"), origin: Origin(file: "x"),
        extra: ["text": text]))
    entries.append(
      ManifestEntry(
        id: id, speaker: speaker, dialog: speaker, gender: .female, role: .speaker, label: i % 3 == 0 ? "a" : "b",
        path: "", start: 0, end: 1, duration: 1, windows: 0))
  }
  let corpus = Corpus(
    name: "bench", source: .files, root: "/audio", speakers: [], dialogs: [], segments: segments)
  let catalog = try Catalog(buildingIn: folder)
  try catalog.execute("PRAGMA foreign_keys = OFF;")
  try catalog.stage("content") { try $0.insert(content: corpus.segments, hashes: [:]) }
  try catalog.finish(to: folder + "/" + Catalog.fileName)
  let plan = try FoldPlanner.plan(entries, strategy: .stratifiedGroups(k: 5), seed: 1)
  let byID = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0) })
  let manifests = plan.folds.map { fold in
    FoldManifests(
      index: fold.index,
      splits: Dictionary(
        uniqueKeysWithValues: Split.allCases.map { split in
          (split, fold.ids(split).enumerated().map { ManifestLine(entry: byID[$1]!, file: "m", line: $0 + 1) })
        }))
  }
  let clock = ContinuousClock()
  let started = clock.now
  let report = try ContentLeakageReport.make(prepDir: folder, manifests: manifests, minWords: 3)
  let elapsed = clock.now - started
  precondition(report.segmentsWithSentence == n)
  let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
  print("BENCH check_folds_content_2m_s \(String(format: "%.2f", seconds)) s")
}
