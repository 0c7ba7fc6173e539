import EmoCorpus
import Folds
import Foundation
import TestSupport
import Testing

/// `prep --soft-labels` → `soft_label` on every manifest line → `train --soft-targets`.
@Suite struct SoftLabelPipelineTests {
  static let tinyModel = """
    name: tiny
    input_features: 120
    input_frames: 300
    layers:
      - {type: conv1d, channels: 8, kernel: 5, stride: 5, padding: 0}
    lstm: {hidden: 4, dropout: 0.0}
    dense: []
    gender_head: false

    """

  @Test func softLabelsReachTheManifestsAndTraining() throws {
    let tmp = try TemporaryDirectory("soft-labels")
    defer { tmp.remove() }
    let c = tmp.path + "/corpus"
    let p = tmp.path + "/prep"
    var r = try CLIRunner.run([
      "synth", "--layout", "cemo", "--out", c, "--speakers", "16", "--dialogs", "12", "--seed", "3", "--quiet",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    r = try CLIRunner.run([
      "prep", "cemo", c, "--task", "cemo-4", "--roles", "caller", "--folds", "3", "--soft-labels", "--out", p,
      "--quiet",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let (folds, findings) = FoldManifests.load(foldsDir: p + "/folds")
    #expect(findings.isEmpty)
    let classes = ["Fear", "Anger", "Positive", "Neutral"]
    var lines = 0
    var notOneHot = 0
    for fold in folds {
      for split in Split.allCases {
        for line in fold[split] {
          let soft = try #require(line.entry.softLabel)
          #expect(soft.count == classes.count && abs(soft.reduce(0, +) - 1) < 1e-9)
          if soft.max()! < 1 { notOneHot += 1 }
          lines += 1
        }
      }
    }
    #expect(lines > 0 && notOneHot > 0, "coders disagree on some segments: their distribution is not one-hot")
    #expect(try CLIRunner.run(["check-folds", p]).status == 0)
    let config = try String(contentsOfFile: p + "/config.resolved.yaml", encoding: .utf8)
    #expect(config.contains("soft_labels: true"))

    try tmp.write("tiny.yaml", Self.tinyModel)
    let run = tmp.path + "/run"
    r = try CLIRunner.run([
      "train", p, "--out", run, "--epochs", "1", "--folds", "1", "--config", tmp.path + "/tiny.yaml",
      "--soft-targets", "--quiet",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let results = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: run + "/results.json")))
    #expect(((results as! [String: Any])["folds"] as! [Any]).count == 1)
    let fold = try String(contentsOfFile: run + "/fold-1/fold.json", encoding: .utf8)
    #expect(!fold.isEmpty)

    // Without soft labels in the manifests, --soft-targets is refused with the way out.
    let plain = tmp.path + "/plain"
    r = try CLIRunner.run([
      "prep", "cemo", c, "--task", "cemo-4", "--roles", "caller", "--folds", "3", "--out", plain, "--quiet",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    r = try CLIRunner.run([
      "train", plain, "--out", tmp.path + "/run2", "--epochs", "1", "--folds", "1", "--config",
      tmp.path + "/tiny.yaml", "--soft-targets", "--quiet",
    ])
    #expect(r.status == 1 && r.stderr.contains("prep --soft-labels"), "\(r.stderr)")
  }
}
