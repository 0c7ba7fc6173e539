import Folds
import Foundation
import TestSupport
import Testing

@testable import Pipeline
@testable import Trainer

/// Every JSON output of real runs validates against its committed schema (schemas/*.schema.json):
/// one small synthetic corpus, prep with and without audio, audits of a corpus, a vote table and a
/// ratings table, check-folds --json on a clean, a broken and an external split, train (1 epoch),
/// train --collect and predict --json.
@Suite(.serialized) struct OutputSchemaTests {
  static func validator(_ name: String) throws -> JSONSchemaValidator {
    try JSONSchemaValidator(contentsOf: repositoryFile("schemas/\(name).schema.json"))
  }

  static func expectValid(_ data: Data, _ schema: String, _ what: String) throws {
    let errors = try validator(schema).errors(json: data)
    #expect(errors.isEmpty, "\(what) breaks \(schema).schema.json: \(errors.prefix(5))")
  }

  static func expectValid(file path: String, _ schema: String) throws {
    try expectValid(Data(contentsOf: URL(fileURLWithPath: path)), schema, path)
  }

  static func run(_ args: [String], status: Int32 = 0) throws -> CLIRunner.Result {
    let r = try CLIRunner.run(args)
    #expect(r.status == status, "\(args.prefix(2).joined(separator: " ")) exited \(r.status): \(r.stderr.suffix(400))")
    return r
  }

  @Test func realOutputsValidateAgainstTheCommittedSchemas() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let corpus = tmp.path + "/corpus"
    let prep = tmp.path + "/prep"
    let run = tmp.path + "/run"
    _ = try Self.run(["synth", "--layout", "cemo", "--out", corpus, "--speakers", "16", "--dialogs", "12", "--quiet"])
    _ = try Self.run([
      "prep", "cemo", corpus, "--task", "cemo-4", "--roles", "caller", "--folds", "3", "--soft-labels", "--out", prep,
      "--quiet",
    ])
    try Self.expectValid(file: prep + "/summary.json", "summary")
    try Self.expectValid(file: prep + "/audit.json", "audit")

    // Labels only (no audio): features, audio and labels_only_reason take their other shapes.
    let labels = tmp.path + "/labels"
    _ = try Self.run(["synth", "--layout", "iemocap", "--out", labels, "--speakers", "4", "--no-audio", "--quiet"])
    _ = try Self.run([
      "prep", "iemocap", labels, "--task", "iemocap-4", "--subset", "all", "--labels-only", "--out",
      tmp.path + "/labels-prep", "--quiet",
    ])
    try Self.expectValid(file: tmp.path + "/labels-prep/summary.json", "summary")
    try Self.expectValid(file: tmp.path + "/labels-prep/audit.json", "audit")

    // Vote and ratings tables.
    let votes = repositoryFile("Tests/EmoCorpusTests/Fixtures/votes/tabulatedVotes.csv").path
    let long = repositoryFile("Tests/EmoCorpusTests/Fixtures/votes/finishedResponses.csv").path
    _ = try Self.run([
      "audit", "votes", votes, "--counts", "A,D,F,H,N,S", "--item", "fileName", "--out", tmp.path + "/v", "--quiet",
    ])
    _ = try Self.run([
      "audit", "ratings", long, "--columns", "item=clipName+queryType,rater=localid,label=respEmo", "--out",
      tmp.path + "/r", "--quiet",
    ])
    try Self.expectValid(file: tmp.path + "/v/audit.json", "audit")
    try Self.expectValid(file: tmp.path + "/r/audit.json", "audit")

    // check-folds --json: clean prep output, external split.
    let clean = try Self.run(["check-folds", prep, "--json"])
    try Self.expectValid(Data(clean.stdout.utf8), "check-folds", "check-folds --json (clean)")
    #expect(clean.stdout.contains("\"ok\" : true"))
    _ = try Self.run(["export", prep, "--format", "kaldi", "--out", tmp.path + "/kaldi", "--quiet"])
    let external = try Self.run(["check-folds", "--external", "kaldi", tmp.path + "/kaldi", "--json"])
    try Self.expectValid(Data(external.stdout.utf8), "check-folds", "check-folds --external --json")

    // train, then --collect over a copy of the same fold folders: the same results.json, byte for byte.
    _ = try Self.run(["train", prep, "--out", run, "--epochs", "1", "--quiet"])
    try Self.expectValid(file: run + "/results.json", "results")
    let collected = tmp.path + "/collected"
    try FileManager.default.copyItem(atPath: run, toPath: collected)
    try FileManager.default.removeItem(atPath: collected + "/results.json")
    _ = try Self.run(["train", prep, "--out", collected, "--epochs", "1", "--collect", "--quiet"])
    let trained = try Data(contentsOf: URL(fileURLWithPath: run + "/results.json"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: collected + "/results.json")) == trained)

    // A key the schema does not know is caught.
    var object = try JSONSerialization.jsonObject(with: trained) as! [String: Any]
    object["accuracy"] = 0.5
    #expect(try !Self.validator("results").errors(json: JSONSerialization.data(withJSONObject: object)).isEmpty)

    // predict --json on two files.
    let audio = try FileManager.default.contentsOfDirectory(atPath: corpus + "/audio").sorted().prefix(2)
    let predict = try Self.run(
      ["predict", "--model", run + "/fold-1", "--json"] + audio.map { corpus + "/audio/" + $0 })
    try Self.expectValid(Data(predict.stdout.utf8), "predict", "predict --json")
    let files = try JSONSerialization.jsonObject(with: Data(predict.stdout.utf8)) as! [[String: Any]]
    #expect(files.count == 2)
    #expect(files.allSatisfy { $0.keys.contains("gender") })

    // A broken prep output: typed findings, the same lines as the text report, exit 1.
    let manifest = prep + "/folds/fold-1/test.jsonl"
    let lines = try String(contentsOfFile: manifest, encoding: .utf8).split(separator: "\n")
    let moved = String(lines[0])
    try (lines.dropFirst().joined(separator: "\n") + "\n").write(toFile: manifest, atomically: true, encoding: .utf8)
    let train = prep + "/folds/fold-1/train.jsonl"
    try (String(contentsOfFile: train, encoding: .utf8) + moved + "\n").write(
      toFile: train, atomically: true, encoding: .utf8)
    let broken = try Self.run(["check-folds", prep, "--json"], status: 1)
    try Self.expectValid(Data(broken.stdout.utf8), "check-folds", "check-folds --json (broken)")
    struct Report: Decodable {
      var ok: Bool
      var leak: Bool
      var findings: [FoldFinding]
    }
    let report = try JSONDecoder().decode(Report.self, from: Data(broken.stdout.utf8))
    #expect(report.leak == report.findings.contains(where: \.leak))
    #expect(!report.ok)
    #expect(report.findings.contains { $0.kind == .testCoverage })
    #expect(report.findings.contains { $0.kind == .summaryCounts && !$0.leak })
    let text = try Self.run(["check-folds", prep], status: 1)
    let printed = text.stderr.split(separator: "\n").dropLast().map { String($0.dropFirst("emocorpus: ".count)) }
    #expect(printed == report.findings.map(\.message))
  }

  /// The encoders write every stored property (null when nil): a property added later without its
  /// key in `encode(to:)` fails here.
  @Test func encodersWriteEveryProperty() throws {
    func keys(_ value: some Encodable) throws -> Set<String> {
      Set((try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as! [String: Any]).keys)
    }
    func properties(_ value: Any) -> Set<String> {
      Set(
        Mirror(reflecting: value).children.compactMap(\.label).map { name in
          var out = ""
          var previous: Character?
          for c in name {
            if c.isUppercase, let p = previous, p.isLowercase { out += "_" }
            out += c.lowercased()
            previous = c
          }
          return out
        })
    }
    let fold = FoldResult(
      fold: 1, ua: 0.5, wa: 0.5, strategy: .majority, confusion: [[1]], strategies: [:], genderUA: nil,
      genderWA: nil, bestEpoch: 1, validationUA: 0.5, curves: [], testSegments: 1)
    #expect(try keys(fold) == properties(fold))
    let result = RunResult(folds: [fold], classes: ["a"], model: "m", parameterCount: 1, options: TrainingOptions())
    #expect(try keys(result) == properties(result))
    let finding = FoldFinding(kind: .schema, message: "x")
    #expect(try keys(finding) == properties(finding).union(["leak"]))
    let summary = try JSONDecoder().decode(
      PrepSummary.self,
      from: Data(
        #"{"tool_version":"1","source":"cemo","task":"t","classes":["a"],"seed":1,"segments_read":0,"kept":0,"dropped":0,"kept_per_class":{},"dropped_per_reason":{},"speakers_read":0,"speakers_kept":0,"dialogs_kept":0,"labels_only":true,"folds":0,"outputs":[]}"#
          .utf8))
    #expect(try keys(summary) == properties(summary))
    let prediction = try JSONDecoder().decode(
      PredictPipeline.FilePrediction.self, from: Data(#"{"file":"a.wav","label":"x","posterior":{},"windows":[]}"#.utf8)
    )
    #expect(try keys(prediction) == properties(prediction))
    let window = try JSONDecoder().decode(
      PredictPipeline.WindowPrediction.self, from: Data(#"{"start":0,"frames":300,"posterior":{}}"#.utf8))
    #expect(try keys(window) == properties(window))
  }
}
