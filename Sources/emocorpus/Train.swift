import ArgumentParser
import EmoSupport
import Foundation
import Pipeline

/// `emocorpus train PREP_DIR --out RUN`: one Temporal CNN-BiLSTM per fold, UA/WA, report.
struct Train: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train the reference CNN-BiLSTM on each fold of a prep output and report UA/WA.",
    discussion: """
      Writes RUN/results.json, RUN/report.html and RUN/fold-K/ (weights, checkpoint, curves).
      Examples:
        emocorpus train work/cemo --out run/cemo --epochs 30
        emocorpus train work/cemo --out run/cemo --folds 1,3 --config my-model.yaml
        emocorpus train work/cemo --out run/cemo-219k --config temporal-cnn-bilstm-219k
        emocorpus train work/iemocap-an --out run/x --test-prep work/cemo-an   # cross-corpus
      """)

  @Argument(help: "A prep output folder (with features).")
  var prepDir: String

  @Option(name: .long, help: "Run folder.")
  var out: String

  @Option(name: .long, help: "Maximum epochs per fold (default 50; early stopping with patience 10).")
  var epochs: Int?

  @Option(name: .long, help: "Comma-separated fold numbers to train (default: all).")
  var folds: String?

  @Option(
    name: .long,
    help: """
      A bundled model (temporal-cnn-bilstm, the default; temporal-cnn-bilstm-219k; cnn2d-bilstm) or a \
      model config YAML file.
      """)
  var config: String?

  @Flag(name: .long, help: "Continue from each fold's last checkpoint.")
  var resume = false

  @Option(name: .long, help: "Another prep output with the same task classes to test every fold's model on.")
  var testPrep: String?

  @Flag(name: .long, help: "Do not train: gather finished RUN/fold-K folders (cluster jobs) into the results.")
  var collect = false

  @Flag(name: .long, help: "Train on the manifests' soft_label distributions (prep --soft-labels); test on labels.")
  var softTargets = false

  @Option(
    name: .long,
    help: """
      What to learn, comma-separated: emotion and/or rated dimensions of the prep output (arousal, valence, \
      dominance, …). Default: emotion, or every dimension when the task has no classes.
      """)
  var targets: String?

  @Option(
    name: .long,
    help: "Loss weight per target, comma-separated in the order of --targets (default 1 each).")
  var targetWeights: String?

  @Option(
    name: .long,
    help: "Threads sharing each batch (default: up to 2); the same seed and --jobs give identical results.")
  var jobs: JobCount?

  @OptionGroup var seed: SeedOption
  @OptionGroup var output: QuietOption

  func parsedFolds() throws -> [Int]? {
    guard let folds else { return nil }
    return try ArgumentValues.positiveNumbers(folds, usage: "--folds must be comma-separated fold numbers such as 1,3")
  }

  func parsedTargets() throws -> [String]? {
    guard let targets else { return nil }
    let names = targets.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces).lowercased()
    }
    guard !names.isEmpty, !names.contains(""), Set(names).count == names.count else {
      throw ValidationError("--targets must be distinct comma-separated names such as emotion,arousal,valence")
    }
    return names
  }

  func parsedWeights() throws -> [Double]? {
    guard let targetWeights else { return nil }
    let weights = targetWeights.split(separator: ",", omittingEmptySubsequences: false).map {
      Double($0.trimmingCharacters(in: .whitespaces))
    }
    let count = try parsedTargets()?.count ?? 1
    guard weights.count == count, weights.allSatisfy({ $0 != nil && $0! >= 0 && $0!.isFinite }) else {
      throw ValidationError("--target-weights must be \(count) comma-separated numbers ≥ 0, one per target")
    }
    return weights.map { $0! }
  }

  func validate() throws {
    _ = try parsedFolds()
    _ = try parsedWeights()
    if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1") }
  }

  func run() throws {
    output.apply()
    var options = TrainPipeline.Options(prepDir: prepDir, out: out)
    options.epochs = epochs
    options.folds = try parsedFolds()
    options.modelConfig = config
    options.resume = resume
    options.seed = seed.seed
    options.threads = jobs?.value ?? min(2, ProcessInfo.processInfo.activeProcessorCount)
    options.testPrep = testPrep
    options.collect = collect
    options.softTargets = softTargets
    options.targets = try parsedTargets()
    options.targetWeights = try parsedWeights()
    let result = try TrainPipeline.run(options)
    let chance = 100 * (result.chanceUA ?? 0)
    print("model \(result.model), \(groupedDigits(result.parameterCount)) trainable parameters")
    if let ua = result.ua, let uaStd = result.uaStd, let wa = result.wa, let waStd = result.waStd {
      print(
        String(
          format: "UA %.1f %% ± %.1f, WA %.1f %% ± %.1f over %d fold(s) (chance UA %.1f %%), strategy %@",
          100 * ua, 100 * uaStd, 100 * wa, 100 * waStd, result.folds.count, chance, result.strategy.rawValue))
      if let baseline = result.baseline {
        print(
          String(
            format: "baseline UA %.1f %% ± %.1f on the same folds (log-Mel band statistics + logistic regression)",
            100 * baseline.ua, 100 * baseline.uaStd))
      }
    }
    // One line per rated dimension: the model's test CCC (mean ± std over folds), r and RMSE, and the
    // ridge baseline's CCC on the same folds.
    for name in result.options.dimensionTargets {
      guard let d = result.dimensions?[name] else { continue }
      var line = String(
        format: "%@ CCC %.3f ± %.3f, r %.3f, RMSE %.3f over %d fold(s)", name, d.ccc, d.cccStd, d.pearson, d.rmse,
        result.folds.count)
      if let b = result.baseline?.dimensions?[name] {
        line += String(
          format: "; baseline CCC %.3f ± %.3f (log-Mel band statistics + ridge regression)", b.ccc, b.cccStd)
      }
      print(line)
    }
    print("results: \(out)/results.json, report: \(out)/report.html")
  }
}
