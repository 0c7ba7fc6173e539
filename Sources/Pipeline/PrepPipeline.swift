import AudioFeatures
import EmoCorpus
import EmoSupport
import Folds
import Foundation
import Readers

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
    var corpus = try readCorpus(config.corpus, verbose: verbose, listedIn: "the catalog's drops", log: log)
    config.inputs = corpus.inputFiles
    try WholeFileDurations.checkUpFront(corpus, labelsOnly: config.labelsOnly, minDuration: config.minDuration)
    let task =
      config.task == TaskDefinition.allClassesName
      ? try TaskDefinition.all(for: corpus, preferring: ReaderRegistry.entry(for: corpus.source).labelMapping)
      : try TaskDefinition.load(config.task)
    var labeled = try Normalizer(
      task: task, consensus: config.consensus, dropUnknown: config.dropUnknown,
      keepRaterDistribution: config.softLabels == true
    ).normalize(corpus)
    if config.strict, let error = ItemFault.strictNoLabelError(labeled) { throw error }
    let speakers = corpus.speakersByID
    if let problem = SelectionOptions.neutralOptionProblem(
      excludeAllNeutral: config.excludeAllNeutral, neutralTarget: config.neutralTarget, task: task)
    {
      throw PipelineError.invalidOption(problem, expected: "a task with a neutral class, such as cemo-4")
    }
    // Select by labels and attributes. Identical audio is decided first (kept once, conflicting
    // labels dropped), but that needs every file's hash, and the feature build hashes the bytes it
    // decodes: so the features are built for the candidates (the selection with the decision on
    // the hashes known so far, a superset), the files no feature needs are hashed alone, and the
    // selection is then made again, in the same order, with the duplicate decision first. Each
    // audio file is read once, except same-named files the reader compared first.
    let options = config.selectionOptions(neutralClass: task.neutral)
    let sessionOfSpeaker = FoldPlanner.sessions(of: corpus.speakers)
    let external = try config.foldsFrom.map {
      ExternalFoldPlan(split: try ExternalSplit.read($0, needSpeakers: false), segments: corpus.segments)
    }
    var notInSplit = 0
    func select(hashes: [String: String]) -> SelectionResult {
      let duplicates = DuplicateAudio.resolve(labeled, hashes: hashes, keepConflicts: config.keepConflicts ?? false)
      var selection = SelectionResult(kept: [], drops: duplicates.drops).then(
        Selection.filter(duplicates.kept, of: corpus, speakers: speakers, options: options))
      // An external split replaces the fold strategy: its unnamed segments leave before features.
      if let external {
        let restricted = external.restrict(selection.kept)
        notInSplit = restricted.drops.count
        selection = selection.then(restricted)
      }
      return selection
    }
    // The fold strategy is decided before any feature work, so a fold count this corpus cannot
    // have fails first (audio and duplicate drops only remove segments, which cannot make it
    // possible); it is decided again on the final selection below.
    func foldStrategy(_ kept: [LabeledSegment]) throws -> FoldStrategy? {
      if external != nil { return nil }
      if config.independent == .speakerText, config.folds > 0 {
        return try ContentStage.textIndependentStrategy(kept, speakers: speakers, config: config)
      }
      return try FoldPlanner.strategy(
        folds: config.folds, validation: config.iemocapVal, keptSpeakers: kept.lazy.map(\.segment.speaker),
        sessionOfSpeaker: sessionOfSpeaker)
    }
    // Copies already known (files the reader compared) leave before any feature work: with more
    // hashes the decision only drops more, so the candidates still hold every final segment.
    var candidates = select(hashes: ContentStage.rememberedWholeFileHashes(corpus.segments))
    var strategy = try foldStrategy(candidates.kept)

    // Inputs are valid: only now are the previous run's completion markers removed.
    try prepareOutput(out, keepingTrustedOutputs: part != nil)
    // The catalog (one transaction per stage, renamed into place at the end) is filled on a
    // thread of its own, each stage as soon as its input is known, while features are computed
    // and the manifests written; its stages keep their order.
    let catalog = part == nil ? try Catalog(buildingIn: out) : nil
    let catalogWork = BackgroundWork("emocorpus.catalog")
    defer { try? catalogWork.wait() }
    func catalogStage(_ name: String, _ body: @escaping (Catalog) throws -> Void) {
      guard let catalog else { return }
      catalogWork.run { try catalog.stage(name, body) }
    }
    catalogStage("read") { [corpus] in try $0.insert(corpus: corpus) }

    // Audio: features of the candidates, then the duplicate decision from the file hashes, then
    // missing files and the features' drops (unreadable, too short, silent) on what is kept.
    var built = try AudioStage.run(candidates.kept, speakers: speakers, config: config, part: part, log: log)
    let hashes = ContentStage.wholeFileHashes(corpus.segments, known: built.fileHashes, jobs: config.jobs)
    // No two files with the same bytes: the duplicate decision drops nothing, and the selection is
    // the candidates' (the same pure rule on the same input; not made and held twice).
    var selection = DuplicateAudio.dropsNothing(hashes) ? candidates : select(hashes: hashes)
    ContentStage.logDuplicates(selection.drops, log: log)
    catalogStage("content") { [segments = corpus.segments] in try $0.insert(content: segments, hashes: hashes) }
    catalogStage("normalize") { [labeled] in try $0.insert(labels: labeled) }
    if selection.kept.count != candidates.kept.count { strategy = try foldStrategy(selection.kept) }
    var audio = try built.finish(selection.kept, speakers: speakers, config: config, part: part, log: log)
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
    catalogStage("select") { [drops = selection.drops] in try $0.insert(drops: drops) }

    // Audit numbers, inside prep as well: the same numbers as `emocorpus audit`, on a thread of
    // their own beside the manifests.
    let auditWork = BackgroundWork("emocorpus.audit")
    defer { try? auditWork.wait() }
    if config.audit {
      auditWork.run { [corpus, labeled, selection] in
        let report = try AuditPipeline.report(
          corpus: corpus, labeled: labeled, selection: selection, options: options, task: task, seed: config.seed)
        try AuditPipeline.write(report, title: "Annotation audit: \(corpus.name) (\(task.name))", to: out)
      }
    }

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
    // The catalog takes the fold membership (and the feature rows) while the manifests are written
    // (a failed write leaves the catalog unfinished: it is never renamed into place).
    if let plan {
      catalogStage("folds") { try $0.insert(folds: plan.folds) }
    }
    let featureRows = audio.featureRows
    if !featureRows.isEmpty {
      catalogStage("features") { try $0.insert(featureEntries: featureRows) }
    }
    catalogStage("meta") { c in
      try c.setMeta(key: "tool_version", value: EmoCorpusModule.version)
      try c.setMeta(key: "task", value: task.name)
      try c.setMeta(key: "seed", value: String(config.seed))
    }
    let foldsFrom = plan.flatMap { external?.report(plan: $0, entries: entries, notInSplit: notInSplit) }
    if plan != nil {
      outputs.append("folds/")
      if audio.store != nil { outputs.append("features/") }
    }
    if config.audit { outputs += ["audit.json", "audit.html"] }
    // The audit's working set (an item per segment) and the manifest check's (a fold's lines) are
    // each as large as the corpus: the audit finishes before the manifests are written.
    try auditWork.wait()
    let summary = try PrepSummary.make(
      config: config, task: task, corpus: corpus, selection: selection, audio: audio,
      folds: plan?.folds.count ?? 0, foldsFrom: foldsFrom, outputs: outputs)
    // What is left to do needs the entries and the plan, not the segments: the copies this
    // function holds are let go before the manifests (the catalog's stages hold their own until
    // they have run).
    corpus.segments = []
    labeled = []
    selection.kept = []
    audio.kept = []
    candidates.kept = []
    built.kept = []
    // The audit's items were freed on its own thread, whose heap would keep their pages resident
    // while the manifests are built here: they go back to the system first.
    FreedMemory.release()

    if let planned = plan {
      // Planned folds never leak (a leak fails the write); an external split's leaks stay as it has them.
      let leaks = try ManifestWriter.writeReportingLeaks(
        plan: planned, entries: entries, classes: task.classNames, dimensions: corpus.dimensionScales, to: out
      ).leaks
      if !leaks.isEmpty {
        log("the external split leaks: \(leaks.count) findings (emocorpus check-folds \(out) lists them)")
      }
      if let store = audio.store { try writeNormalization(planned, store: store, jobs: config.jobs) }
    }
    try catalogWork.wait()

    // Shard and merge are how this run was executed, not what it produced: a rerun from the file
    // computes everything in one go (and reuses the merged cache).
    var resolved = config
    resolved.shard = nil
    resolved.mergeShards = false
    let layout = PrepDirectory(out)
    try AtomicFile.write(try resolved.yaml(), to: layout.resolvedConfig)
    try catalog?.finish(to: layout.catalog)
    try AtomicFile.write(try summary.jsonData(), to: layout.summary)
    return summary
  }

  /// Reads the corpus with the config's reader options; says how many items were malformed (one
  /// warning line through `log`) and fails when nothing readable is left.
  static func readCorpus(
    _ config: CorpusRequest, verbose: Bool, listedIn: String? = nil, log: (String) -> Void
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
    for name in PrepDirectory.topLevelOutputs {
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
