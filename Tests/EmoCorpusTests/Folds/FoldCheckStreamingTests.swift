import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import EmoCorpus
@testable import Folds

/// The fold-by-fold inspection (what check-folds and prep run) finds exactly what checking with
/// every fold in memory finds, in the same order, on folds broken in every way the checks know.
@Suite struct FoldCheckStreamingTests {
  typealias Lines = FoldCheckTests

  /// Each case breaks a fresh fold set; the name says how.
  static let breakages: [(String, @Sendable (String) throws -> Void)] = [
    ("untouched", { _ in }),
    (
      "test line copied into training",
      { folds in
        let test = Lines.lines(folds + "/fold-2/test.jsonl")
        try Lines.save(Lines.lines(folds + "/fold-2/train.jsonl") + [test[3]], folds + "/fold-2/train.jsonl")
      }
    ),
    (
      "line moved from test to train (tested nowhere) and a broken line",
      { folds in
        var test = Lines.lines(folds + "/fold-1/test.jsonl")
        let moved = test.removeFirst()
        try Lines.save(test, folds + "/fold-1/test.jsonl")
        try Lines.save((Lines.lines(folds + "/fold-1/train.jsonl") + [moved]).sorted(), folds + "/fold-1/train.jsonl")
        var val = Lines.lines(folds + "/fold-3/val.jsonl")
        val[1] = String(val[1].prefix(20))
        try Lines.save(val, folds + "/fold-3/val.jsonl")
      }
    ),
    (
      "segment tested twice, a missing split file, a fold gap",
      { folds in
        let test1 = Lines.lines(folds + "/fold-1/test.jsonl")
        try Lines.save(Lines.lines(folds + "/fold-2/test.jsonl") + [test1[0]], folds + "/fold-2/test.jsonl")
        try FileManager.default.removeItem(atPath: folds + "/fold-4/val.jsonl")
        try FileManager.default.moveItem(atPath: folds + "/fold-5", toPath: folds + "/fold-7")
      }
    ),
    (
      "soft labels on some lines, of the wrong length on one",
      { folds in
        let file = folds + "/fold-1/train.jsonl"
        var lines = Lines.lines(file).map { String($0.dropLast()) + ",\"soft_label\":[0.25,0.25,0.25,0.25]}" }
        lines[0] = lines[0].replacingOccurrences(of: "[0.25,0.25,0.25,0.25]", with: "[0.5,0.5]")
        try Lines.save(lines, file)
      }
    ),
    (
      "summary counts off and summary unreadable",
      { folds in
        let path = folds + "/summary.json"
        var summary = try JSONDecoder().decode(FoldSummary.self, from: FileManager.default.contents(atPath: path)!)
        summary.perFold[3].val.classes["Fear"]!.windows += 1
        summary.kept.segments += 2
        try JSONEncoder().encode(summary).write(to: URL(fileURLWithPath: path))
      }
    ),
    ("summary missing", { folds in try FileManager.default.removeItem(atPath: folds + "/summary.json") }),
    (
      "a line twice in one split and a third time in another split of its fold",
      { folds in
        let val = Lines.lines(folds + "/fold-3/val.jsonl")
        try Lines.save(val + [val[2]], folds + "/fold-3/val.jsonl")
        try Lines.save(Lines.lines(folds + "/fold-3/train.jsonl") + [val[2]], folds + "/fold-3/train.jsonl")
      }
    ),
  ]

  @Test(arguments: 0..<breakages.count)
  func streamingFindsWhatLoadingEveryFoldFinds(_ index: Int) throws {
    let (dir, _) = try ManifestWriterTests.written()
    defer { dir.remove() }
    let folds = dir.path + "/folds"
    try Self.breakages[index].1(folds)
    let reference = try FoldCheck.inspectLoadingAll(foldsDir: folds)
    var handed: [Int] = []
    let streamed = try FoldCheck.inspect(foldsDir: folds, keepingFolds: false) { handed.append($0.index) }
    #expect(streamed.typed == reference.typed, "\(Self.breakages[index].0)")
    #expect(streamed.leaks == reference.leaks)
    #expect(streamed.integrity == reference.integrity)
    #expect(streamed.folds.isEmpty)
    #expect(handed == reference.folds.map(\.index))
    if index > 0 { #expect(!reference.findings.isEmpty, "\(Self.breakages[index].0) breaks nothing") }
    let kept = try FoldCheck.inspect(foldsDir: folds)
    #expect(kept.folds == reference.folds)
    #expect(kept.findings == reference.findings)
  }

  @Test func contentReportFoldByFoldEqualsTheReportOfLoadedFolds() throws {
    let (dir, _) = try ManifestWriterTests.written()
    defer { dir.remove() }
    let loaded = FoldManifests.load(foldsDir: dir.path + "/folds").folds
    let reference = try ContentLeakageReport.make(prepDir: dir.path, manifests: loaded, minWords: 3)
    let (findings, streamed) = try FoldCheck.checkWithContent(prepDir: dir.path, minWords: 3)
    #expect(findings.isEmpty)
    #expect(streamed == reference)
    #expect(streamed.folds.map(\.fold) == [1, 2, 3, 4, 5])
  }
}
