import Agreement
import EmoCorpus
import EmoSupport
import Foundation
import Readers
import Reports

/// `emocorpus audit` and the audit step of prep: agreement and distribution report.
public enum AuditPipeline {
  /// The report of one corpus: agreement over every segment that passes the attribute filters
  /// (role, subset, sessions, minimum duration), whatever its label; distributions over the kept
  /// segments.
  public static func report(
    corpus: Corpus, labeled: [LabeledSegment], selection: SelectionResult, options: SelectionOptions,
    task: TaskDefinition, seed: UInt64
  ) throws -> AuditReport {
    let speakers = corpus.speakersByID
    var finalLabels: [String: String] = [:]
    for item in selection.kept { finalLabels[item.segment.id] = item.label }
    // Positions, not copies: a corpus of millions of segments is not held a second time.
    let inScope = labeled.indices.filter {
      Selection.attributeDrop(labeled[$0].segment, speaker: speakers[labeled[$0].segment.speaker], options: options)
        == nil
    }
    // Coders and labels repeat: items with the same judgements share one array.
    var sharedJudgements = SharedValues<[AuditJudgement]>()
    let items = inScope.map { i -> AuditItem in
      var item = AuditItem(labeled[i], speaker: speakers[labeled[i].segment.speaker])
      item.finalLabel = finalLabels[labeled[i].segment.id]
      item.judgements = sharedJudgements.shared(item.judgements)
      return item
    }
    // A binned task has no label mapping: its bins are the classes agreement is counted in.
    let macroClasses =
      task.binning == nil ? try Normalizer(task: task).mapping(for: corpus).canonicalClasses : task.classNames
    let input = AuditInput(
      items: items, classes: task.classNames, macroClasses: macroClasses, neutralClass: task.neutral,
      seed: seed)
    var report = runAudit(input)
    report.noLabel = CoderNoLabel.counts(inScope.lazy.map { labeled[$0].segment })
    report.dimensions =
      corpus.dimensionScales.isEmpty ? nil : corpus.dimensionAgreement(inScope.map { labeled[$0].segment })
    if let counted = report.dimensions?.values.reduce(0, { $0 + ($1.excluded["out_of_scale"] ?? 0) }), counted > 0,
      let first = corpus.ratingExclusions.first(where: { $0.reason == "out_of_scale" })
    {
      report.notes.append(
        "dimensions: \(counted) rating values outside their scale are not ratings and are left out (first at \(first.origin))"
      )
    }
    if let first = corpus.faults.first {
      report.notes.append(
        "items: \(corpus.faults.count) malformed items the reader could not read are left out (first at \(first.origin))"
      )
    }
    return report
  }

  /// Writes `audit.json` and `audit.html` into `out` (atomically).
  static func write(_ report: AuditReport, title: String, to out: String) throws {
    try AtomicFile.write(try report.jsonData(), to: out + "/audit.json")
    try AtomicFile.write(AuditHTML.render(report, title: title), to: out + "/audit.html")
  }

  /// Runs `emocorpus audit`: read, normalize, attribute filters, report into `out`. Returns the
  /// report. `task` nil keeps every class of the source's label mapping. Malformed items are left
  /// out as in prep, with the same warning through `log`.
  public static func run(
    _ input: CorpusRequest, task taskName: String?, out: String, verbose: Bool = false,
    log: (String) -> Void = PrepPipeline.note
  ) throws -> AuditReport {
    let corpus = WholeFileDurations.resolved(try PrepPipeline.readCorpus(input, verbose: verbose, log: log))
    let task =
      try taskName.map { name in
        name == TaskDefinition.allClassesName
          ? try TaskDefinition.all(for: corpus, preferring: ReaderRegistry.entry(for: corpus.source).labelMapping)
          : try TaskDefinition.load(name)
      } ?? defaultTask(for: input.source)
    if let problem = SelectionOptions.neutralOptionProblem(
      excludeAllNeutral: input.excludeAllNeutral, neutralTarget: input.neutralTarget, task: task)
    {
      throw PipelineError.invalidOption(problem, expected: "a task with a neutral class, such as cemo-4")
    }
    let labeled = try Normalizer(
      task: task, consensus: input.consensus, dropUnknown: input.dropUnknown,
      keepRaterDistribution: input.keepRaterDistribution
    ).normalize(corpus)
    let options = input.selectionOptions(neutralClass: task.neutral)
    var selection = Selection.filter(labeled, of: corpus, speakers: corpus.speakersByID, options: options)
    selection = selection.then(Selection.finish(selection.kept, options: options, classes: task.classNames))
    let report = try report(
      corpus: corpus, labeled: labeled, selection: selection, options: options, task: task, seed: input.seed)
    try AtomicFile.createDirectory(out)
    try write(report, title: "Annotation audit: \(corpus.name) (\(task.name))", to: out)
    return report
  }

  /// Runs `emocorpus audit votes FILE`: a table of vote counts per item. Returns the report.
  public static func runVotes(file: String, options: VoteTableOptions, out: String) throws -> AuditReport {
    let report = runAudit(try AuditInput.votes(file: file, options: options))
    try AtomicFile.createDirectory(out)
    try write(report, title: "Annotation audit: \((file as NSString).lastPathComponent) (votes)", to: out)
    return report
  }

  /// Runs `emocorpus audit ratings FILE`: a long table of (item, rater, label). Returns the report.
  public static func runRatings(file: String, options: RatingsTableOptions, out: String) throws -> AuditReport {
    var report: AuditReport
    let labelColumn = options.columns["label"] ?? "label"
    if !options.dimensions.isEmpty, try !NumericRatingsTable.hasColumn(file: file, labelColumn) {
      // Numeric ratings only: no categorical coefficients to compute.
      report = runAudit(
        AuditInput(items: [], classes: [], source: AuditSource(kind: .ratings, file: file)))
    } else {
      report = runAudit(try AuditInput.ratings(file: file, options: options))
    }
    if !options.dimensions.isEmpty {
      let inputs = try NumericRatingsTable.read(
        file: file, columns: options.columns, dimensions: options.dimensions, scale: options.scale,
        strict: options.strict)
      var dimensions: [String: DimensionAgreement] = [:]
      for (input, agreement) in zip(inputs, DimensionAgreement.run(inputs)) { dimensions[input.name] = agreement }
      report.dimensions = dimensions
    }
    try AtomicFile.createDirectory(out)
    try write(report, title: "Annotation audit: \((file as NSString).lastPathComponent) (ratings)", to: out)
    return report
  }

  /// Without `--task`, the audit keeps every class of the corpus's label mapping.
  static func defaultTask(for source: SourceKind) throws -> TaskDefinition {
    let entry = ReaderRegistry.entry(for: source)
    let (name, neutral) = (entry.labelMapping, entry.neutralClass)
    let mapping = try LabelMapping.bundled(name)
    var yaml = "name: all-classes\ndescription: every class of \(name)\nmappings: [\(name)]\nclasses:\n"
    for c in mapping.canonicalClasses { yaml += "  - name: \(c)\n    gathers: [\(c)]\n" }
    yaml += "neutral: \(neutral)\ndrop: []\n"
    return try TaskDefinition.parse(yaml, file: "(all classes of \(name))")
  }
}
