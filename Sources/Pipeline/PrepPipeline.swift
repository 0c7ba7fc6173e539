import AudioFeatures
import EmoCorpus
import EmoSupport
import Folds
import Foundation

/// Orchestrates `emocorpus prep`: read → normalize → select → audio/features → balance →
/// folds → normalization statistics → audit, with a catalog stage per step.
///
/// Completion markers (`summary.json`, `catalog.sqlite`, `folds/`) of an earlier run are removed
/// first and written last, so an interrupted run never leaves outputs a later run would trust; the
/// feature cache is content-keyed and reused.
public enum PrepPipeline {
  /// Runs prep as `input` says. `verbose` lists every malformed item in the warning (else the
  /// first few); `log` receives progress notes and that warning.
  public static func run(
    _ input: PrepConfig, verbose: Bool = false, log: (String) -> Void = PrepPipeline.note
  ) throws -> PrepSummary {
    var config = input
    if let problem = config.problems().first { throw PipelineError.invalidValue(problem) }
    let part = config.shard
    let out = config.out

    // Read and normalize.
    let corpus = try readCorpus(config, verbose: verbose, listedIn: "the catalog's drops", log: log)
    config.inputs = corpus.inputFiles
    let task =
      config.task == TaskDefinition.allClassesName
      ? try TaskDefinition.all(for: corpus) : try TaskDefinition.load(config.task)
    let labeled = try Normalizer(
      task: task, consensus: config.consensus, dropUnknown: config.dropUnknown,
      keepRaterDistribution: config.softLabels == true
    ).normalize(corpus)
    if config.strict, let error = ItemFault.strictNoLabelError(labeled) { throw error }
    let speakers = corpus.speakersByID
    if task.neutral == nil, config.excludeAllNeutral || config.neutralTarget != nil {
      throw PipelineError.invalidOption(
        "\(config.excludeAllNeutral ? "--exclude-all-neutral" : "--neutral-target") with task \(task.name), which has no Neutral class",
        expected: "a task with a neutral class, such as cemo-4")
    }
    // Identical audio, decided before selection and folds: kept once (conflicting labels dropped).
    let hashes = AudioIdentity.wholeFileHashes(corpus.segments, jobs: config.jobs)
    let duplicates = DuplicateAudio.resolve(labeled, hashes: hashes, keepConflicts: config.keepConflicts ?? false)
    ContentStage.logDuplicates(duplicates.drops, log: log)
    // Select by labels and attributes.
    let options = config.selectionOptions(neutralClass: task.neutral)
    var selection = SelectionResult(kept: [], drops: duplicates.drops).then(
      Selection.filter(duplicates.kept, of: corpus, speakers: speakers, options: options))
    // The fold strategy is decided now, so a fold count this corpus cannot have fails before any
    // feature work (audio drops only remove speakers, which cannot change the choice). An external
    // split replaces it: read and matched now, its unnamed segments leave before features.
    let sessionOfSpeaker = FoldPlanner.sessions(of: corpus.speakers)
    var strategy: FoldStrategy?
    var external: ExternalFoldPlan?
    var notInSplit = 0
    if let source = config.foldsFrom {
      let plan = ExternalFoldPlan(
        split: try ExternalSplit.read(source, needSpeakers: false), segments: corpus.segments)
      let restricted = plan.restrict(selection.kept)
      notInSplit = restricted.drops.count
      selection = selection.then(restricted)
      external = plan
    } else if config.independent == .speakerText, config.folds > 0 {
      strategy = try ContentStage.textIndependentStrategy(selection.kept, speakers: speakers, config: config)
    } else {
      strategy = try FoldPlanner.strategy(
        folds: config.folds, validation: config.iemocapVal, keptSpeakers: selection.kept.lazy.map(\.segment.speaker),
        sessionOfSpeaker: sessionOfSpeaker)
    }

    // Inputs are valid: only now are the previous run's completion markers removed.
    try prepareOutput(out, keepingTrustedOutputs: part != nil)

    // Audio: missing files, then features (unreadable, too short, silent).
    let audio = try AudioStage.run(selection.kept, speakers: speakers, config: config, part: part, log: log)
    selection = selection.then(SelectionResult(kept: audio.kept, drops: audio.drops))
    selection = selection.then(Selection.minimumDuration(selection.kept, options: options))
    if let part {
      log("features part \(part) written to \(out)/features; finish with: prep … --merge-shards")
      return try PrepSummary.make(
        config: config, task: task, corpus: corpus, selection: selection, audio: audio, folds: 0,
        outputs: ["features/"])
    }

    // Speakers, balancing.
    selection = selection.then(Selection.finish(selection.kept, options: options, classes: task.classNames))
    let accounting = SelectionAccounting.check(
      read: corpus.itemIDs, kept: selection.kept.map(\.segment.id), drops: selection.drops)
    guard accounting.isEmpty else { throw PipelineError.accounting(accounting[0]) }

    // Manifest entries and folds.
    let entries = try selection.kept.map { item -> ManifestEntry in
      var entry = try audio.entry(for: item, speaker: speakers[item.segment.speaker]!, rate: config.audio.rate)
      if config.softLabels == true { entry.softLabel = SoftLabel.distribution(item, task: task) }
      if !corpus.dimensionScales.isEmpty { entry.dimensions = corpus.consensusDimensions(item.segment) }
      return entry
    }
    var outputs = ["catalog.sqlite", "summary.json", "config.resolved.yaml"]
    var plan: FoldPlan?
    if let external {
      plan = try external.plan(entries, seed: config.seed)
    } else if case .speakerText(let k, _, let minWords)? = strategy {
      plan = try TextIndependentFolds.plan(
        entries, k: k, minWords: minWords, keyOf: ContentStage.keys(selection.kept, minWords: minWords),
        audioOf: ContentStage.audio(entries, hashes: hashes), seed: config.seed)
    } else if let strategy {
      let planned = try FoldPlanner.plan(
        entries, strategy: strategy, sessionOfSpeaker: sessionOfSpeaker, seed: config.seed)
      if case .sessions(_, bothWays: false) = strategy, planned.folds.count != config.folds {
        log("session folds: \(planned.folds.count) folds, one per session (--folds \(config.folds) asked)")
      }
      plan = planned
    }
    var foldsFrom: ExternalSplitReport?
    if let planned = plan {
      // Planned folds never leak (a leak fails the write); an external split's leaks stay as it has them.
      let leaks = try ManifestWriter.writeReportingLeaks(
        plan: planned, entries: entries, classes: task.classNames, dimensions: corpus.dimensionScales, to: out
      ).leaks
      if !leaks.isEmpty {
        log("the external split leaks: \(leaks.count) findings (emocorpus check-folds \(out) lists them)")
      }
      foldsFrom = external?.report(plan: planned, entries: entries, notInSplit: notInSplit)
      outputs.append("folds/")
      if let store = audio.store {
        try writeNormalization(planned, store: store, jobs: config.jobs)
        outputs.append("features/")
      }
    }

    // Audit numbers, inside prep as well: the same numbers as `emocorpus audit`.
    if config.audit {
      let report = try AuditPipeline.report(
        corpus: corpus, labeled: labeled, selection: selection, options: options, task: task, seed: config.seed)
      try AuditPipeline.write(report, title: "Annotation audit: \(corpus.name) (\(task.name))", to: out)
      outputs += ["audit.json", "audit.html"]
    }

    // Catalog: one transaction per stage, renamed into place at the end.
    let catalog = try Catalog(buildingIn: out)
    try catalog.stage("read") { try $0.insert(corpus: corpus) }
    try catalog.stage("content") { try $0.insert(content: corpus.segments, hashes: hashes) }
    try catalog.stage("normalize") { try $0.insert(labels: labeled) }
    try catalog.stage("select") { try $0.insert(drops: selection.drops) }
    if let plan {
      try catalog.stage("folds") { try $0.insert(folds: plan.folds) }
    }
    let featureRows = audio.featureRows
    if !featureRows.isEmpty {
      try catalog.stage("features") { try $0.insert(featureEntries: featureRows) }
    }
    try catalog.stage("meta") { c in
      try c.setMeta(key: "tool_version", value: EmoCorpusModule.version)
      try c.setMeta(key: "task", value: task.name)
      try c.setMeta(key: "seed", value: String(config.seed))
    }

    let summary = try PrepSummary.make(
      config: config, task: task, corpus: corpus, selection: selection, audio: audio,
      folds: plan?.folds.count ?? 0, foldsFrom: foldsFrom, outputs: outputs)
    // Shard and merge are how this run was executed, not what it produced: a rerun from the file
    // computes everything in one go (and reuses the merged cache).
    var resolved = config
    resolved.shard = nil
    resolved.mergeShards = false
    try AtomicFile.write(try resolved.yaml(), to: out + "/config.resolved.yaml")
    try catalog.finish(to: out + "/" + Catalog.fileName)
    try AtomicFile.write(try summary.jsonData(), to: out + "/summary.json")
    return summary
  }

  /// Reads the corpus with the config's reader options; says how many items were malformed (one
  /// warning line through `log`) and fails when nothing readable is left.
  static func readCorpus(
    _ config: PrepConfig, verbose: Bool, listedIn: String? = nil, log: (String) -> Void
  ) throws -> Corpus {
    let corpus = try CorpusLoading.read(config)
    for line in corpus.fileScan?.messages() ?? [] { log(line) }
    if let warning = ItemFault.warning(corpus.faults, limit: verbose ? nil : 3, listedIn: listedIn) { log(warning) }
    guard !corpus.segments.isEmpty else {
      if let first = corpus.faults.first {
        throw PipelineError.noReadableSegment(config.root, malformed: corpus.faults.count, first: first.description)
      }
      throw PipelineError.emptyCorpus(config.root)
    }
    return corpus
  }

  /// Progress notes on stderr (never transcript or audio content).
  public static func note(_ text: String) {
    if Progress.enabled { FileHandle.standardError.write(Data("emocorpus: \(text)\n".utf8)) }
  }

  /// Creates `out`, checks it is writable, and removes completion markers of an earlier run.
  static func prepareOutput(_ out: String, keepingTrustedOutputs: Bool) throws {
    do {
      try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    } catch {
      throw PipelineError.unwritableOutput(out, "cannot create the folder")
    }
    let probe = out + "/.write-test-\(getpid())"
    unlink(probe)  // A leftover of a killed run with the same process id.
    do {
      try AtomicFile.writeInsideTemporaryFolder(Data("x".utf8), to: probe)
    } catch {
      unlink(probe)
      throw PipelineError.unwritableOutput(out, "folder is not writable (or the disk is full)")
    }
    unlink(probe)
    if keepingTrustedOutputs { return }
    for name in ["summary.json", Catalog.fileName, "folds", "audit.json", "audit.html", "config.resolved.yaml"] {
      try? FileManager.default.removeItem(atPath: out + "/" + name)
    }
  }

  /// Per-fold normalization statistics from each training split only (each segment read once).
  static func writeNormalization(_ plan: FoldPlan, store: FeatureStore, jobs: Int) throws {
    let stats = try store.computeNormalizations(trainingIDs: plan.folds.map { $0.ids(.train) }, jobs: jobs)
    for (fold, stats) in zip(plan.folds, stats) {
      try stats.save(fold: fold.index, in: store.directory)
    }
  }
}
