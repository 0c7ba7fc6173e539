import AudioFeatures
import EmoSupport
import Folds
import Foundation
import TestSupport
import Testing
import Trainer

@testable import Pipeline

/// The prep and run folders as types: the paths every command reads are the ones prep and train
/// write, and a folder missing a part is refused before any work with a line naming the part.
@Suite(.serialized) struct OutputLayoutTests {
  static func message(_ body: () throws -> Void) -> String? {
    do {
      try body()
      return nil
    } catch { return "\(error)" }
  }

  @Test func prepAndRunFoldersAreWhereTheTypesSay() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let prepPath = try CrossCorpusTests.prep(tmp, "p", seed: 3, task: "cemo-anger-neutral")
    let prep = PrepDirectory(prepPath + "/")
    #expect(prep.root == prepPath)
    try prep.validate(.features)
    let fm = FileManager.default
    for path in [prep.summary, prep.catalog, prep.resolvedConfig, prep.foldsSummary, prep.foldCounts, prep.features] {
      #expect(fm.fileExists(atPath: path), "\(path)")
    }
    for k in 1...3 {
      for split in Split.allCases {
        #expect(fm.fileExists(atPath: prep.manifest(fold: k, split)), "fold \(k) \(split)")
      }
    }
    #expect(prep.features == FeatureStore.featuresDirectory(prepPath))

    var options = TrainPipeline.Options(prepDir: prepPath, out: tmp.path + "/run")
    options.epochs = 1
    options.folds = [2]
    options.threads = 1
    _ = try TrainPipeline.run(options, log: { _ in })
    let run = RunDirectory(options.out)
    try run.validate()
    #expect(run.foldNumbers() == [2])
    try run.fold(2).validateModel()
    for path in [run.results, run.report, run.fold(2).result, run.fold(2).model, run.fold(2).checkpoint] {
      #expect(fm.fileExists(atPath: path), "\(path)")
    }

    // Scripts (the cluster templates) ask the binary, which applies the same rules.
    let trained = try CLIRunner.run(["layout", "run", run.root, "--need", "trained-fold"])
    #expect(trained.status == 0 && trained.stdout == "2\n", "\(trained.stderr)")
    #expect(try CLIRunner.run(["layout", "prep", prepPath, "--need", "features"]).status == 0)
    #expect(try CLIRunner.run(["layout", "run", run.root]).status == 0)
    let wrongNeed = try CLIRunner.run(["layout", "run", run.root, "--need", "folds"])
    #expect(wrongNeed.status == 2 && wrongNeed.stderr.contains("is a need of a prep folder"))
    let noFold = try CLIRunner.run(["layout", "run", prepPath, "--need", "trained-fold"])
    #expect(noFold.status == 1 && noFold.stderr.contains("\(prepPath): no trained fold"), "\(noFold.stderr)")

    // A fold folder without its feature settings cannot predict: said before any audio is read.
    try fm.removeItem(atPath: run.fold(2).featureConfig)
    let predict = Self.message {
      _ = try PredictPipeline.run(modelDir: run.fold(2).root, files: ["/nonexistent.wav"], threads: 1)
    }
    #expect(predict?.contains(run.fold(2).featureConfig + ": missing") == true, "\(predict ?? "no error")")

    // A prep output without its summary (an interrupted run) is refused by train, naming the file.
    try fm.removeItem(atPath: prep.summary)
    let train = Self.message { _ = try TrainPipeline.run(options, log: { _ in }) }
    #expect(train?.hasPrefix(prep.summary + ": missing") == true, "\(train ?? "no error")")
    #expect(Self.message { try run.fold(7).validateModel() }?.contains("fold-7: no such folder") == true)
  }

  @Test func labelsOnlyAndFoldlessOutputsSayWhatTheyLack() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let labels = try CrossCorpusTests.prep(tmp, "l", seed: 4, task: "cemo-anger-neutral") { $0.labelsOnly = true }
    try PrepDirectory(labels).validate(.folds)
    let noFeatures = Self.message { try PrepDirectory(labels).validate(.features) }
    #expect(noFeatures?.contains("no features (labels-only)") == true, "\(noFeatures ?? "no error")")

    let foldless = try CrossCorpusTests.prep(tmp, "f", seed: 4, task: "cemo-anger-neutral", corpus: "l") {
      $0.folds = 0
      $0.labelsOnly = true
    }
    try PrepDirectory(foldless).validate(.outputs)
    let noFolds = Self.message { try PrepDirectory(foldless).validate(.folds) }
    #expect(noFolds?.hasPrefix(PrepDirectory(foldless).foldsSummary + ": missing") == true, "\(noFolds ?? "")")
    #expect(
      Self.message { try PrepDirectory(tmp.path + "/none").validate(.manifests) }?.contains("no such folder") == true)
    #expect(Self.message { try RunDirectory(labels).validate() }?.contains("results.json: missing") == true)
  }
}
