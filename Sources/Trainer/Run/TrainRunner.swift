import EmoSupport
import Foundation

/// Trains one model per fold and evaluates it: the library entry point behind
/// `emocorpus train`.
///
/// Writes `outDir/results.json` and, per fold, `outDir/fold-K/` with `weights.bin` (best epoch,
/// normalization, classes, strategy: everything `Predictor.load(foldDir:)` needs), `model.yaml`,
/// `fold.json` and `checkpoint.bin` (every epoch; `resume` continues from it bit-identically).
public enum TrainRunner {
  /// Trains and evaluates every fold, then writes `results.json`. With `baselineBands` (the
  /// feature config's log-Mel bands) the band-statistics baseline is scored on the same folds too.
  /// `regression`: the rated dimensions among `options.targets`, with their scales (required when
  /// the targets name any).
  public static func trainFolds(
    _ folds: [FoldData], source: any WindowSource, classes: [String], model: ModelConfig, options: TrainingOptions,
    outDir: String, resume: Bool = false, baselineBands: Int? = nil, regression: RegressionTargets? = nil,
    log: (String) -> Void = TrainRunner.standardErrorLog
  ) throws -> RunResult {
    var results: [FoldResult] = []
    var parameterCount = 0
    let shape = try heads(classes: classes, options: options, regression: regression)
    if let network = try? Network(config: resolved(model, source), classes: shape.classes, dimensions: shape.dimensions)
    {
      log(network.summary)
    }
    for fold in folds {
      let result = try trainFold(
        fold, source: source, classes: classes, model: model, options: options,
        foldDir: RunDirectory(outDir).fold(fold.fold).root, resume: resume, regression: regression, log: log)
      results.append(result)
      parameterCount = try Network(
        config: resolved(model, source), classes: shape.classes, dimensions: shape.dimensions
      ).parameterCount
    }
    var run = RunResult(
      folds: results, classes: classes, model: model.name, parameterCount: parameterCount, options: options)
    if let bands = baselineBands {
      run.baseline = try BandStatisticsBaseline.evaluate(
        folds: folds, source: source, classes: classes.count, bands: bands,
        regression: shape.dimensions > 0 ? regression : nil)
    }
    try writeJSON(run, to: RunDirectory(outDir).results)
    if let ua = run.ua, let uaStd = run.uaStd, let wa = run.wa, let waStd = run.waStd {
      log(
        String(
          format: "%d fold(s): UA %.1f ± %.1f %%, WA %.1f ± %.1f %% (%@)", results.count, 100 * ua, 100 * uaStd,
          100 * wa, 100 * waStd, run.strategy.rawValue))
    }
    for name in regression?.names ?? [] {
      guard let d = run.dimensions?[name] else { continue }
      log(
        String(
          format: "%d fold(s): %@ CCC %.3f ± %.3f, r %.3f, RMSE %.3f", results.count, name, d.ccc, d.cccStd, d.pearson,
          d.rmse))
    }
    if let baseline = run.baseline {
      if options.trainsEmotion {
        log(
          String(format: "baseline (%@): UA %.1f ± %.1f %%", baseline.method, 100 * baseline.ua, 100 * baseline.uaStd))
      }
      for name in regression?.names ?? [] {
        guard let d = baseline.dimensions?[name] else { continue }
        log(String(format: "baseline (ridge): %@ CCC %.3f ± %.3f", name, d.ccc, d.cccStd))
      }
    }
    return run
  }

  /// Emotion classes and dimensions of the network for these targets; a dimension target
  /// without a scale is an error.
  static func heads(classes: [String], options: TrainingOptions, regression: RegressionTargets?) throws -> (
    classes: Int, dimensions: Int
  ) {
    let wanted = options.dimensionTargets
    guard wanted == (regression?.names ?? []) else {
      throw LocatedError(
        file: nil,
        "the targets name dimensions \(wanted.joined(separator: ",")) but the data gives "
          + "\((regression?.names ?? []).joined(separator: ",").isEmpty ? "none" : (regression?.names ?? []).joined(separator: ","))",
        expected: "rated dimensions with a scale for every dimension target")
    }
    return (options.trainsEmotion ? classes.count : 0, wanted.count)
  }

  /// Default progress log: one line per message on stderr (progress goes to stderr).
  public static func standardErrorLog(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  /// The model config with the input shape of the feature source (120 or 80 values per frame).
  static func resolved(_ model: ModelConfig, _ source: any WindowSource) -> ModelConfig {
    var config = model
    config.inputFeatures = source.featureDim
    config.inputFrames = source.windowFrames
    return config
  }

  /// Trains one fold in `foldDir` and evaluates it on its test split.
  public static func trainFold(
    _ fold: FoldData, source: any WindowSource, classes: [String], model: ModelConfig, options: TrainingOptions,
    foldDir: String, resume: Bool = false, regression: RegressionTargets? = nil,
    log: (String) -> Void = TrainRunner.standardErrorLog
  ) throws -> FoldResult {
    try options.validate()
    let paths = RunDirectory.FoldDirectory(foldDir)
    let config = resolved(model, source)
    try config.validate(file: paths.model)
    let shape = try heads(classes: classes, options: options, regression: regression)
    let regression = shape.dimensions > 0 ? regression : nil
    let network = try Network(config: config, classes: shape.classes, dimensions: shape.dimensions)
    try checkInputs(fold, classes: classes, source: source, softTargets: options.softTargets == true)
    log("fold \(fold.fold): model \(config.name), \(network.parameterCount) trainable parameters")
    try AtomicFile.createDirectory(foldDir)
    try AtomicFile.write(try config.yaml(), to: paths.model)

    var session = try TrainingSession(
      network: network, fold: fold, source: source, classes: classes, options: options,
      checkpointPath: paths.checkpoint, resume: resume, regression: regression)
    try session.run(log: log)

    // Evaluation with the best epoch's weights.
    let engine = session.engine
    let best = session.state.bestParams
    let validationWindows = try engine.posteriors(
      params: best, split: fold.validation, source: source, normalization: fold.normalization,
      batchSize: options.batchSize)
    let testWindows = try engine.posteriors(
      params: best, split: fold.test, source: source, normalization: fold.normalization, batchSize: options.batchSize)
    var result: FoldResult
    var strategy = AggregationStrategy.mean
    if shape.classes > 0 {
      let validation = score(validationWindows, classes: classes.count)
      let test = score(testWindows, classes: classes.count)
      strategy = chooseStrategy(validation)
      var strategies: [String: StrategyScores] = [:]
      for s in AggregationStrategy.allCases {
        let m = test.emotion[s]!
        strategies[s.rawValue] = StrategyScores(
          ua: m.ua, wa: m.wa, validationUA: validation.emotion[s]!.ua, confusion: m.confusion)
      }
      let headline = test.emotion[strategy]!
      result = FoldResult(
        fold: fold.fold, ua: headline.ua, wa: headline.wa, strategy: strategy, confusion: headline.confusion,
        strategies: strategies, genderUA: test.gender[strategy]?.ua, genderWA: test.gender[strategy]?.wa,
        bestEpoch: session.state.bestEpoch, validationUA: validation.emotion[strategy]!.ua,
        curves: session.state.history, testSegments: fold.test.segments.count)
    } else {
      // No emotion target: no classification scores (UA and WA null, the confusion empty).
      result = FoldResult(
        fold: fold.fold, ua: nil, wa: nil, strategy: strategy, confusion: [], strategies: [:], genderUA: nil,
        genderWA: nil, bestEpoch: session.state.bestEpoch, validationUA: nil, curves: session.state.history,
        testSegments: fold.test.segments.count)
    }
    if let regression { result.dimensions = scoreDimensions(testWindows, targets: regression) }
    try ParameterFile.write(
      header: PredictorHeader(
        model: config, classes: shape.classes > 0 ? classes : [], strategy: strategy, normalization: fold.normalization,
        parameterCount: network.parameterCount, regression: regression), arrays: [best], to: paths.weights)
    try writeJSON(result, to: paths.result)
    var line = String(format: "fold %d:", fold.fold)
    if let ua = result.ua, let wa = result.wa {
      line += String(
        format: " test UA %.1f %%, WA %.1f %% (%@, best epoch %d)", 100 * ua, 100 * wa, strategy.rawValue,
        result.bestEpoch)
    } else {
      line += " best epoch \(result.bestEpoch)"
    }
    for name in regression?.names ?? [] {
      if let m = result.dimensions?[name] { line += String(format: ", %@ CCC %.3f", name, m.ccc) }
    }
    log(line)
    return result
  }

  static func checkInputs(
    _ fold: FoldData, classes: [String], source: any WindowSource, softTargets: Bool = false
  ) throws {
    // Soft targets: every training segment carries a distribution over the classes.
    for segment in fold.train.segments where softTargets {
      guard let soft = segment.softLabel, soft.count == classes.count, soft.allSatisfy({ $0 >= 0 }),
        abs(soft.reduce(0, +) - 1) <= 1e-4
      else {
        throw LocatedError(
          file: nil, "fold \(fold.fold) train segment '\(segment.id)' has no soft label of \(classes.count) classes",
          expected: "soft_label on every manifest line (prep --soft-labels) for --soft-targets")
      }
    }
    for (name, split) in [("train", fold.train), ("validation", fold.validation), ("test", fold.test)] {
      for segment in split.segments {
        guard segment.label >= 0 && segment.label < classes.count else {
          throw LocatedError(
            file: nil, "fold \(fold.fold) \(name) segment '\(segment.id)' has label index \(segment.label)",
            expected: "0..<\(classes.count)")
        }
        if let g = segment.gender, g != 0 && g != 1 {
          throw LocatedError(
            file: nil, "fold \(fold.fold) \(name) segment '\(segment.id)' has gender \(g)",
            expected: "0 (female) or 1 (male)")
        }
      }
    }
    guard fold.normalization.mean.count == source.featureDim && fold.normalization.std.count == source.featureDim else {
      throw LocatedError(
        file: nil, "fold \(fold.fold) normalization has \(fold.normalization.mean.count) values",
        expected: "\(source.featureDim), the feature dimension")
    }
    guard !fold.train.segments.isEmpty else {
      throw LocatedError(file: nil, "fold \(fold.fold) has an empty training split", expected: "training segments")
    }
  }

  static func writeJSON<T: Encodable>(_ value: T, to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try AtomicFile.write(try encoder.encode(value), to: path)
  }
}

/// Header of `weights.bin`: what a `Predictor` needs besides the weights.
struct PredictorHeader: Codable {
  var model: ModelConfig
  var classes: [String]
  var strategy: AggregationStrategy
  var normalization: Normalization
  var parameterCount: Int
  /// The regression head's dimensions and scales (absent without one).
  var regression: RegressionTargets? = nil
}
