import EmoCorpus
import EmoSupport
import Folds
import Foundation
import TestSupport
import Testing

/// synth → prep → audit → check-folds → train → predict → export through the real CLI binary
/// (issue 8): outputs exist, validate, and agree with each other.
@Suite(.serialized) struct EndToEndTests {
  static func json(_ path: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
  }

  static func expectSuccess(_ r: CLIRunner.Result, _ what: String) {
    #expect(r.status == 0, "\(what) failed: \(r.stderr.suffix(500))")
  }

  @Test func wholePipelineThroughTheCLI() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let c = tmp.path + "/corpus"
    let p = tmp.path + "/prep"
    let run = tmp.path + "/run"
    Self.expectSuccess(
      try CLIRunner.run(["synth", "--layout", "cemo", "--out", c, "--speakers", "16", "--dialogs", "12", "--quiet"]),
      "synth")
    let prep = try CLIRunner.run([
      "prep", "cemo", c, "--task", "cemo-4", "--roles", "caller", "--folds", "3", "--out", p, "--quiet",
    ])
    Self.expectSuccess(prep, "prep")
    #expect(prep.stdout.contains(" ok"))

    // summary.json agrees with the manifests: every kept segment in exactly one test fold.
    let summary = try Self.json(p + "/summary.json")
    let kept = summary["kept"] as! Int
    let read = summary["segments_read"] as! Int
    let dropped = summary["dropped"] as! Int
    #expect(kept + dropped == read)
    let (folds, findings) = FoldManifests.load(foldsDir: p + "/folds")
    #expect(findings.isEmpty)
    #expect(folds.count == 3)
    #expect(folds.map { $0[.test].count }.reduce(0, +) == kept)
    for fold in folds { #expect(Split.allCases.map { fold[$0].count }.reduce(0, +) == kept) }
    Self.expectSuccess(try CLIRunner.run(["check-folds", p]), "check-folds")

    // The catalog agrees with the summary.
    let catalog = try Catalog(opening: p + "/catalog.sqlite")
    #expect(try catalog.count("SELECT COUNT(*) FROM segments") == read)
    #expect(try catalog.count("SELECT COUNT(*) FROM drops") == dropped)

    // audit: standalone and inside prep give the same kappas for the same selection.
    let a = tmp.path + "/audit"
    Self.expectSuccess(
      try CLIRunner.run(["audit", "cemo", c, "--task", "cemo-4", "--roles", "caller", "--out", a, "--quiet"]), "audit")
    let standalone = try Self.json(a + "/audit.json")["kappa"] as! [String: Any]
    let inside = try Self.json(p + "/audit.json")["kappa"] as! [String: Any]
    #expect(NSDictionary(dictionary: standalone).isEqual(to: inside))
    let html = try String(contentsOfFile: a + "/audit.html", encoding: .utf8)
    // Self-contained: inline SVG, and no address but the SVG namespace.
    #expect(html.contains("<svg"))
    #expect(!html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("://"))

    // train (1 epoch, every fold) → results.json and report.html with every section.
    let train = try CLIRunner.run(["train", p, "--out", run, "--epochs", "1", "--quiet"])
    Self.expectSuccess(train, "train")
    let results = try Self.json(run + "/results.json")
    let ua = results["ua"] as! Double
    #expect((0...1).contains(ua))
    #expect((results["folds"] as! [Any]).count == 3)
    #expect(results["classes"] as! [String] == ["Fear", "Anger", "Positive", "Neutral"])
    let confusion = results["confusion"] as! [[Int]]
    let testTotal = confusion.joined().reduce(0, +)
    #expect(testTotal == kept)
    // The model is named with its parameter count, and the baseline is scored on the same folds.
    #expect(results["model"] as? String == "temporal-cnn-bilstm" && results["parameter_count"] as? Int == 221_172)
    #expect(train.stdout.contains("model temporal-cnn-bilstm, 221,172 trainable parameters"))
    let baseline = results["baseline"] as! [String: Any]
    #expect((baseline["folds"] as! [[String: Any]]).map { $0["fold"] as! Int } == [1, 2, 3])
    #expect((0...1).contains(baseline["ua"] as! Double))
    #expect(train.stdout.contains("baseline UA "))
    // The paper-count network by its bundled name.
    let small = try CLIRunner.run(
      ["train", p, "--out", run + "-219k", "--epochs", "1", "--folds", "1", "--config", "temporal-cnn-bilstm-219k"])
    Self.expectSuccess(small, "train --config temporal-cnn-bilstm-219k")
    #expect(small.stdout.contains("model temporal-cnn-bilstm-219k, 219,062 trainable parameters"))
    #expect(small.stderr.contains("model temporal-cnn-bilstm-219k: 219,062 trainable parameters ("))
    let report = try String(contentsOfFile: run + "/report.html", encoding: .utf8)
    for section in ["id=\"summary\"", "id=\"table\"", "id=\"folds\"", "id=\"curves\"", "id=\"confusion\""] {
      #expect(report.contains(section), "report.html lacks \(section)")
    }

    // predict on one dialog's audio.
    let wav = c + "/audio/" + (try FileManager.default.contentsOfDirectory(atPath: c + "/audio").sorted()[0])
    let predict = try CLIRunner.run(["predict", "--model", run + "/fold-1", "--json", wav])
    Self.expectSuccess(predict, "predict")
    let predictions = try JSONSerialization.jsonObject(with: Data(predict.stdout.utf8)) as! [[String: Any]]
    let posterior = predictions[0]["posterior"] as! [String: Double]
    #expect(abs(posterior.values.reduce(0, +) - 1) < 1e-3)

    // exports.
    Self.expectSuccess(
      try CLIRunner.run(["export", p, "--format", "kaldi", "--out", tmp.path + "/kaldi"]), "export kaldi")
    for k in 1...3 {
      for split in ["train", "val", "test"] {
        #expect(KaldiDirectoryCheck.check("\(tmp.path)/kaldi/fold-\(k)/\(split)").isEmpty)
      }
    }
    Self.expectSuccess(
      try CLIRunner.run(["export", p, "--format", "lhotse", "--out", tmp.path + "/lhotse"]), "export lhotse")
    let cuts = try GzipWriter.read(tmp.path + "/lhotse/fold-1/cuts_test.jsonl.gz").split(separator: "\n")
    #expect(cuts.count == folds[0][.test].count)
    let npy = tmp.path + "/npy"
    Self.expectSuccess(
      try CLIRunner.run(["export-features", p, "--format", "npy", "--out", npy, "--quiet"]), "export-features")
    let index = try String(contentsOfFile: npy + "/index.csv", encoding: .utf8).split(separator: "\n")
    #expect(index.count == kept + 1)
    let first = folds[0][.test][0].entry.id
    // Labels and speakers come from the manifests.
    let row = index.first { $0.hasPrefix(first + ",") }?.split(separator: ",").map(String.init)
    #expect(row?[1] == folds[0][.test][0].entry.label && row?[2] == folds[0][.test][0].entry.speaker)
    let header = try Data(contentsOf: URL(fileURLWithPath: "\(npy)/\(first).npy")).prefix(128)
    #expect(String(decoding: header, as: UTF8.self).contains("'descr': '<f4'"))
    #expect(String(decoding: header, as: UTF8.self).contains(", 120)"))
  }
}
