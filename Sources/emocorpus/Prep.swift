import ArgumentParser
import EmoCorpus
import Foundation
import Pipeline

/// `emocorpus prep SOURCE ROOT --task T --out DIR`: read → normalize → audit → select → balance →
/// folds → features (SPEC §0).
struct Prep: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "prep",
    abstract: "Prepare a corpus: labels, selection, speaker-independent folds and cached features.",
    discussion: """
      Examples:
        emocorpus prep iemocap /data/IEMOCAP_full_release --task iemocap-4 --out work/iemocap
        emocorpus prep cemo corpus/ --task cemo-4 --roles caller --exclude-all-neutral --out work/cemo
        emocorpus prep --config work/cemo/config.resolved.yaml   # reproduce a run
      """)

  @OptionGroup var corpus: CorpusOptions
  @OptionGroup var global: GlobalOptions

  @Option(name: .long, help: "Output folder.")
  var out: String?

  @Option(
    name: .long,
    help: "Re-run from a config.resolved.yaml; only --out, --shard, --merge-shards and --jobs may be added.")
  var config: String?

  @Option(name: .long, help: "Keep Neutral to N segments, or to a ratio (e.g. 1.5) of the non-neutral total.")
  var neutralTarget: String?

  @Flag(name: .long, help: "Missing audio files are fatal instead of dropping their segments.")
  var strict = false

  @Option(name: .long, help: "Number of folds (0 stops after selection; 10 with IEMOCAP runs both ways).")
  var folds: Int = 5

  @Option(name: .long, help: "IEMOCAP: which speaker of a session is validation: female or male.")
  var iemocapVal: String = "female"

  @Option(name: .long, help: "Target sample rate (default 16000; 8000 for cemo and trs).")
  var rate: Int?

  @Option(name: .long, help: "Read this channel (1-based) instead of mixing all channels down.")
  var channel: Int?

  @Option(name: .long, help: "Resampler quality: best, medium, fastest, zoh, linear.")
  var resampleQuality: String = "best"

  @Option(name: .long, help: "Number of Mel bands.")
  var mels: Int = 40

  @Option(name: .long, help: "Mel scale: htk or slaney.")
  var melScale: String = "htk"

  @Flag(name: .long, help: "Leave out Δ and ΔΔ.")
  var noDeltas = false

  @Flag(name: .long, help: "Leave out ΔΔ.")
  var noDeltaDeltas = false

  @Option(name: .long, help: "Compute only slice K of N of the features (e.g. 2/8; cluster array jobs).")
  var shard: String?

  @Flag(name: .long, help: "Join the feature shards computed with --shard, then finish the run.")
  var mergeShards = false

  @Flag(name: .long, help: "Do not write audit.json / audit.html into the output folder.")
  var noAudit = false

  @Flag(name: .long, help: "Write soft_label (the coders' label distribution) on every manifest line.")
  var softLabels = false

  func validate() throws {
    if config != nil, corpus.source != nil || corpus.root != nil || corpus.task != nil {
      throw ValidationError("--config replaces SOURCE, ROOT and --task: give either the config or those")
    }
    if config == nil {
      guard corpus.source != nil, corpus.root != nil else {
        throw ValidationError("missing SOURCE and ROOT (e.g. emocorpus prep cemo corpus/ --task cemo-4 --out work)")
      }
      guard corpus.task != nil else { throw ValidationError("missing --task (e.g. --task cemo-4)") }
      guard out != nil else { throw ValidationError("missing --out DIR") }
    }
    if folds < 0 || folds == 1 { throw ValidationError("--folds must be 0 or at least 2 (got \(folds))") }
    guard ["female", "male"].contains(iemocapVal) else {
      throw ValidationError("--iemocap-val must be female or male (got '\(iemocapVal)')")
    }
    guard ["best", "medium", "fastest", "zoh", "linear"].contains(resampleQuality) else {
      throw ValidationError("--resample-quality must be best, medium, fastest, zoh or linear")
    }
    guard ["htk", "slaney"].contains(melScale) else { throw ValidationError("--mel-scale must be htk or slaney") }
    if let rate, rate < 1000 { throw ValidationError("--rate must be a sample rate in Hz such as 16000") }
    if mels < 1 { throw ValidationError("--mels must be at least 1") }
    if shard != nil, mergeShards { throw ValidationError("--shard and --merge-shards go in separate runs") }
  }

  func resolvedConfig() throws -> PrepConfig {
    let absolute = ArgumentValues.absolute
    if let config {
      var c = try PrepConfig.load(config)
      if let out { c.out = absolute(out) }
      if let shard { c.shard = shard }
      if mergeShards { c.mergeShards = true }
      if let jobs = global.jobs { c.jobs = jobs }
      return c
    }
    var c = PrepConfig(source: corpus.source!, root: absolute(corpus.root!), task: corpus.task!, out: absolute(out!))
    if c.task.hasSuffix(".yaml") || c.task.hasSuffix(".yml") { c.task = absolute(c.task) }
    try corpus.apply(to: &c)
    c.neutralTarget = neutralTarget
    c.strict = strict
    c.folds = folds
    c.iemocapVal = iemocapVal == "male" ? .male : .female
    c.seed = global.seed
    c.jobs = global.jobs ?? ProcessInfo.processInfo.activeProcessorCount
    if let rate { c.audio.rate = rate }
    c.audio.channel = channel
    c.audio.resampleQuality = resampleQuality
    c.features.mels = mels
    c.features.melScale = melScale
    c.features.deltas = !noDeltas
    c.features.deltaDeltas = !noDeltas && !noDeltaDeltas
    c.shard = shard
    c.mergeShards = mergeShards
    c.audit = !noAudit
    c.softLabels = softLabels ? true : nil
    return c
  }

  func run() throws {
    global.apply()
    let config = try resolvedConfig()
    let summary = try PrepPipeline.run(config)
    if let shard = config.shard, !config.mergeShards {
      print("features part \(shard) done (\(summary.featuresReady ?? 0) segments with features in this part)")
      print("when every part is done: emocorpus prep … --merge-shards (same options, without --shard)")
    } else {
      print(summary.table())
      if global.verbose { print(try DropListing.text(prepDir: config.out)) }
    }
  }
}
