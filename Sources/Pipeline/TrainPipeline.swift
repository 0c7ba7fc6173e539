import AudioFeatures
import EmoCorpus
import EmoSupport
import Folds
import Foundation
import Reports
import Trainer

/// `emocorpus train PREP_DIR --out RUN`: one model per fold over a prep output's
/// manifests and feature cache, then `results.json` and `report.html`.
public enum TrainPipeline {
  public struct Options: Sendable {
    public var prepDir: String
    public var out: String
    public var epochs: Int?
    /// 1-based fold numbers to train (nil: all).
    public var folds: [Int]?
    /// A bundled model name (`schemas/models/NAME.yaml`) or a model config file (nil: the default).
    public var modelConfig: String?
    public var resume = false
    public var seed: UInt64 = 1
    public var threads = 2
    /// Another prep output with the same task classes to test each fold's model on (cross-corpus).
    public var testPrep: String?
    /// Do not train: gather the finished `RUN/fold-K/` folders (e.g. of cluster jobs) into
    /// `results.json` and `report.html`.
    public var collect = false
    /// Train on the manifests' `soft_label` distributions (evaluation stays on the hard labels).
    public var softTargets = false
    /// What to learn: `emotion` and/or rated dimensions of the prep output (nil: emotion, or every
    /// dimension when the task has no classes).
    public var targets: [String]?
    /// One loss weight per target (nil: 1 each).
    public var targetWeights: [Double]?

    public init(prepDir: String, out: String) {
      self.prepDir = prepDir
      self.out = out
    }
  }

  /// Trains, evaluates, writes the run folder; returns the run's results.
  public static func run(_ options: Options, log: @escaping (String) -> Void = PrepPipeline.note) throws -> RunResult {
    let prep = try PreparedData(options.prepDir)
    if !prep.leaks.isEmpty {
      log(
        "training on an external split as it is: \(prep.leaks.count) leak findings (test speakers heard in training; "
          + "see check-folds \(options.prepDir))")
    }
    if options.collect { return try collect(options, prep: prep) }
    let model = try options.modelConfig.map { try ModelConfig.resolve($0) } ?? ModelConfig.temporalCNNBiLSTM
    var training = TrainingOptions()
    if let epochs = options.epochs { training.epochs = epochs }
    training.seed = options.seed
    training.threads = options.threads
    if options.softTargets { training.softTargets = true }
    let regression = try prep.regressionTargets(options, into: &training)
    let selected = try prep.folds(options.folds)
    // The cross-corpus prep is opened and checked before any training time is spent.
    let testPrep = try options.testPrep.map {
      try CrossCorpus.compatible(PreparedData($0), classes: prep.classes, features: prep.store.config)
    }
    // A fold resumed from an earlier run must continue on features made the same way.
    if options.resume {
      for fold in selected {
        let path = RunDirectory(options.out).fold(fold.fold).featureConfig
        guard let data = FileManager.default.contents(atPath: path),
          let earlier = try? JSONDecoder().decode(FeatureConfig.self, from: data)
        else { continue }
        try prep.store.config.requireUsable(
          byModelOf: earlier, at: options.prepDir, what: "--resume: this prep's features were made")
      }
    }
    try AtomicFile.createDirectory(options.out)
    let result = try TrainRunner.trainFolds(
      selected, source: prep.source, classes: prep.classes, model: model, options: training, outDir: options.out,
      resume: options.resume, baselineBands: prep.store.config.nMels, regression: regression, log: log)
    // Everything `predict` needs to process new audio like the training data.
    for fold in selected {
      let data = try JSONEncoder.stable.encode(prep.store.config)
      try AtomicFile.write(data, to: RunDirectory(options.out).fold(fold.fold).featureConfig)
    }
    var crossCorpus: CrossCorpusResult?
    if let other = testPrep {
      crossCorpus = try CrossCorpus.evaluate(
        runDir: options.out, folds: selected.map(\.fold), prep: other, threads: options.threads)
      try AtomicFile.write(try JSONEncoder.stable.encode(crossCorpus), to: RunDirectory(options.out).crossCorpus)
      log(
        String(
          format: "cross-corpus on %@: UA %.1f %%, WA %.1f %%", other.dir, 100 * crossCorpus!.ua,
          100 * crossCorpus!.wa))
    }
    try writeReport(result, options: options, prep: prep, crossCorpus: crossCorpus)
    return result
  }

  /// Gathers finished fold folders into `results.json` and `report.html` without training.
  static func collect(_ options: Options, prep: PreparedData) throws -> RunResult {
    let run = RunDirectory(options.out)
    var folds: [FoldResult] = []
    var model: ModelConfig?
    for k in run.foldNumbers() {
      let dir = run.fold(k)
      guard let data = FileManager.default.contents(atPath: dir.result) else { continue }
      do {
        folds.append(try JSONDecoder().decode(FoldResult.self, from: data))
      } catch {
        throw LocatedError(file: dir.result, "unreadable fold result", expected: "a fold.json written by train")
      }
      if model == nil { model = try ModelConfig.load(path: dir.model) }
    }
    guard let model, !folds.isEmpty else {
      throw LocatedError(
        file: options.out, "no finished fold to collect", expected: "RUN/fold-K/fold.json from earlier train runs")
    }
    folds.sort { $0.fold < $1.fold }
    var training = TrainingOptions()
    if let epochs = options.epochs { training.epochs = epochs }
    training.seed = options.seed
    training.threads = options.threads
    if options.softTargets { training.softTargets = true }
    // The folds say how they were trained (seed, epochs, threads): the results record that, not
    // this command's defaults. Folds trained with other options cannot be one result.
    if let trained = try collectedOptions(options.out, folds: folds.map(\.fold)) { training = trained }
    let regression = try prep.regressionTargets(options, into: &training)
    let parameters = try Network(
      config: model, classes: training.trainsEmotion ? prep.classes.count : 0,
      dimensions: regression?.names.count ?? 0
    ).parameterCount
    var result = RunResult(
      folds: folds, classes: prep.classes, model: model.name, parameterCount: parameters, options: training)
    result.baseline = try BandStatisticsBaseline.evaluate(
      folds: try prep.folds(folds.map(\.fold)), source: prep.source, classes: prep.classes.count,
      bands: prep.store.config.nMels, regression: regression)
    try AtomicFile.write(try JSONEncoder.stable.encode(result), to: run.results)
    try writeReport(result, options: options, prep: prep, crossCorpus: nil)
    return result
  }

  /// The training options every collected fold's checkpoint records; nil when no fold has one.
  static func collectedOptions(_ out: String, folds: [Int]) throws -> TrainingOptions? {
    var found: (fold: Int, options: TrainingOptions)?
    for fold in folds {
      let dir = RunDirectory(out).fold(fold)
      guard let trained = try TrainedOptions.read(foldDir: dir.root) else { continue }
      if let first = found, first.options != trained {
        throw LocatedError(
          file: dir.checkpoint, "fold \(fold) was trained with other options than fold \(first.fold)",
          expected: "every fold of a run trained with the same seed, epochs, threads and model options")
      }
      if found == nil { found = (fold, trained) }
    }
    return found?.options
  }

  static func writeReport(
    _ result: RunResult, options: Options, prep: PreparedData, crossCorpus: CrossCorpusResult?
  ) throws {
    let title = "Training run: \(prep.taskName) on \((options.prepDir as NSString).lastPathComponent)"
    let cross = crossCorpus.map { c in
      RunReportHTML.CrossCorpus(
        name: (c.prep as NSString).lastPathComponent, ua: c.ua, wa: c.wa, segments: c.segments,
        confusion: c.confusion)
    }
    try AtomicFile.write(
      RunReportHTML.render(
        result, title: title, task: prep.taskName, reference: prep.taskReference(), crossCorpus: cross),
      to: RunDirectory(options.out).report)
  }
}

/// A prep output opened for training: manifests, classes, feature cache.
struct PreparedData {
  let dir: String
  let classes: [String]
  let taskName: String
  let manifests: [FoldManifests]
  /// Leaks an external split brought with it (empty for planned folds, which never leak).
  let leaks: [String]
  let store: FeatureStore
  let source: CacheWindowSource

  init(_ dir: String) throws {
    self.dir = dir
    try PrepDirectory(dir).validate(.features)
    let (folds, summary, leaks) = try FoldCheck.loadChecked(prepDir: dir)
    manifests = folds
    self.leaks = leaks
    classes = summary.classes
    let prepSummary = try? JSONDecoder().decode(
      PrepSummary.self, from: Data(contentsOf: URL(fileURLWithPath: PrepDirectory(dir).summary)))
    taskName = prepSummary?.task ?? "task"
    guard FileManager.default.fileExists(atPath: FeatureStore.featuresDirectory(dir)) else {
      throw LocatedError(
        file: dir, "this prep output has no features (labels-only)",
        expected: "a prep run with audio; training needs the feature cache")
    }
    store = try FeatureStore(directory: dir)
    source = CacheWindowSource(store: store)
  }

  /// The published result the prep's task file names (nil when it names none, or when the task
  /// file has moved since prep: the report then leaves the row out).
  func taskReference() -> TaskDefinition.Reference? {
    guard let config = try? PrepConfig.load(PrepDirectory(dir).resolvedConfig) else { return nil }
    return (try? TaskDefinition.load(config.task))?.reference
  }

  /// Fold data for the requested folds (all when nil).
  func folds(_ wanted: [Int]?) throws -> [FoldData] {
    let available = manifests.map(\.index)
    if let wanted, let missing = wanted.first(where: { !available.contains($0) }) {
      throw LocatedError(
        file: PrepDirectory(dir).folds, "there is no fold \(missing)",
        expected: "fold numbers among \(available.map(String.init).joined(separator: ","))")
    }
    return try manifests.filter { wanted?.contains($0.index) ?? true }.map { fold in
      let stats = try NormalizationStats.load(fold: fold.index, in: store.directory)
      return FoldData(
        fold: fold.index, train: try split(fold[.train]), validation: try split(fold[.val]),
        test: try split(fold[.test]),
        normalization: Normalization(mean: stats.mean.map(Float.init), std: stats.std.map(Float.init)))
    }
  }

  /// Every kept segment (the union of one fold's splits), for cross-corpus testing.
  func everySegment() throws -> TrainingSplit {
    guard let first = manifests.first else { return TrainingSplit(segments: []) }
    return try split(Split.allCases.flatMap { first[$0] }.sorted { $0.entry.id < $1.entry.id })
  }

  func split(_ lines: [ManifestLine]) throws -> TrainingSplit {
    TrainingSplit(
      segments: try lines.map { line in
        let e = line.entry
        let gender: Int? = e.gender == .female ? 0 : e.gender == .male ? 1 : nil
        return SplitSegment(
          id: e.id, label: try e.classIndex(in: classes), gender: gender, softLabel: e.softLabel?.map(Float.init),
          dimensions: e.dimensions)
      })
  }
}
