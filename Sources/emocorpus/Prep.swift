import ArgumentParser
import AudioFeatures
import EmoCorpus
import Folds
import Foundation
import Pipeline
import Readers

/// `emocorpus prep SOURCE ROOT --task T --out DIR`: read → normalize → audit → select → balance →
/// folds → features.
struct Prep: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "prep",
    abstract: "Prepare a corpus: labels, selection, speaker-independent folds and cached features.",
    discussion: """
      Examples:
        emocorpus prep iemocap /data/IEMOCAP_full_release --task iemocap-4 --out work/iemocap
        emocorpus prep cemo corpus/ --task cemo-4 --roles caller --exclude-all-neutral --out work/cemo
        emocorpus prep table nEMO/data.tsv --columns path=file_id,label=emotion,speaker=speaker_id \\
          --audio-dir samples --task my-task.yaml --out work/nemo
        emocorpus prep files /data/emodb --preset emodb --task iemocap-4 --out work/emodb
        emocorpus prep files corpus/ --pattern '(?<label>[A-Za-z]+)/(?<speaker>[^_/]+)_[^/]*\\.wav' \\
          --label-map Angry=anger,Happy=happiness --task iemocap-4 --out work/mine
        emocorpus prep files --preset list         # the bundled presets
        emocorpus prep --config work/cemo/config.resolved.yaml            # reproduce a run
        emocorpus prep --config work/cemo/config.resolved.yaml --folds 10 --out work/cemo-10
        emocorpus prep iemocap /data/IEMOCAP_full_release --task iemocap-4-exc --subset all \\
          --folds-from emobox:EmoBox/data/iemocap --out work/iemocap-emobox
        emocorpus prep msp-podcast /data/MSP-PODCAST-Publish-1.11 --task msp-podcast-8 \\
          --out work/msp                  # folds from Split_Set: fold K tests TestK
      """)

  @OptionGroup var corpus: CorpusOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var content: ContentOptions

  @Option(name: .long, help: "Output folder.")
  var out: String?

  @Option(
    name: .long,
    help: """
      Re-run from a config.resolved.yaml (replaces SOURCE, ROOT and --task); other options given \
      with it override the file's values and are recorded in the new config.resolved.yaml.
      """)
  var config: String?

  @Option(name: .long, help: "Keep Neutral to N segments, or to a ratio (e.g. 1.5) of the non-neutral total.")
  var neutralTarget: NeutralTarget?

  @Flag(
    name: .long,
    help: """
      Stop at the first faulty item (malformed turn, segment, row or stretch; segment without label) \
      and at missing audio files, instead of dropping them.
      """)
  var strict = false

  @Option(name: .long, help: "Number of folds (default 5; 0 stops after selection; 10 with IEMOCAP runs both ways).")
  var folds: Int?

  @Option(name: .long, help: "IEMOCAP: which speaker of a session is validation (default: female).")
  var iemocapVal: ValidationGender?

  @Option(
    name: .long,
    help: ArgumentHelp(
      """
      Use another toolkit's split instead of planning folds (FORMAT: emobox, speechbrain, s3prl, kaldi, lhotse, \
      csv, msp-podcast; msp-podcast alone is the corpus's own Split_Set, the default for that source). Its \
      ids are matched to segments by id or audio file name; a split without validation gets one \
      carved from training; its leaks are kept and reported by check-folds.
      """, valueName: "format:path"))
  var foldsFrom: ExternalSplitSource?

  @Option(name: .long, help: "Target sample rate in Hz (default 16000; 8000 for cemo and trs).")
  var rate: Int?

  @Option(
    name: .long,
    help: "Read this channel for every segment (counted from 1) instead of mixing all channels down.")
  var channel: Int?

  @Option(
    name: .long,
    help: """
      Channel of the dialog recordings each role or speaker talks on, counted from 0 like the CEMO \
      XML and table 'channel' (e.g. agent=0,caller=1); each segment is read from its speaker's channel.
      """)
  var channelMap: ChannelMap?

  @Option(name: .long, help: "Sample-rate converter (default: soxr, at very high quality).")
  var resampler: ResamplerEngine?

  @Option(name: .long, help: "libsamplerate's converter, with --resampler libsamplerate (default: best).")
  var resampleQuality: ResampleQuality?

  @Option(name: .long, help: "Number of Mel bands (default 40).")
  var mels: Int?

  @Option(name: .long, help: "Mel scale (default: htk).")
  var melScale: MelScale?

  @Flag(name: .long, help: "Leave out Δ and ΔΔ.")
  var noDeltas = false

  @Flag(name: .long, help: "Leave out ΔΔ.")
  var noDeltaDeltas = false

  @Option(name: .long, help: "Compute only slice K of N of the features (e.g. 2/8; cluster array jobs).")
  var shard: FeatureShard?

  @Flag(name: .long, help: "Join the feature shards computed with --shard, then finish the run.")
  var mergeShards = false

  @Flag(name: .long, help: "Do not write audit.json / audit.html into the output folder.")
  var noAudit = false

  @Flag(name: .long, help: "Write soft_label (the coders' label distribution) on every manifest line.")
  var softLabels = false

  @Option(name: .long, help: "Seed for every random choice, recorded in the outputs (default 1).")
  var seed: UInt64?

  @Option(name: .long, help: "Threads computing features (default: number of cores).")
  var jobs: JobCount?

  func validate() throws {
    if corpus.listsPresets { return }
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
    if foldsFrom != nil, folds != nil || iemocapVal != nil {
      throw ValidationError(
        "--folds-from takes the split's own folds: give --folds-from or --folds/--iemocap-val, not both")
    }
    // The rules between values, on what the command line gives (a config file is checked when
    // read); options that depend on SOURCE are checked against the config file's when there is one.
    var probe: PrepConfig
    if let config {
      // The file's own options (the files reader's preset, pattern, …) are part of what is checked.
      guard let loaded = try? PrepConfig.load(config) else { return }  // reported by run()
      probe = loaded
    } else {
      probe = PrepConfig(source: corpus.source!, root: corpus.root!, task: corpus.task!, out: out!)
    }
    try apply(to: &probe)
    if let problem = probe.problems().first { throw ValidationError(problem) }
  }

  /// Copies every option given on the command line into `c`; the others keep the values of `c`.
  func apply(to c: inout PrepConfig) throws {
    try corpus.apply(to: &c)
    try content.apply(to: &c)
    if let out { c.out = ArgumentValues.absolute(out) }
    if let neutralTarget { c.neutralTarget = neutralTarget }
    if strict { c.strict = true }
    if let folds {
      c.folds = folds
      // Folds asked for are planned, whatever split the config or the source would bring.
      if foldsFrom == nil { c.foldsFrom = nil }
    }
    if let iemocapVal { c.iemocapVal = iemocapVal }
    if let foldsFrom {
      // `msp-podcast` without a path: the corpus's own split, in ROOT.
      let path = foldsFrom.path.isEmpty ? c.root : ArgumentValues.absolute(foldsFrom.path)
      c.foldsFrom = ExternalSplitSource(format: foldsFrom.format, path: path)
    }
    if let seed { c.seed = seed }
    if let jobs { c.jobs = jobs.value }
    if let rate { c.audio.rate = rate }
    if let channel { c.audio.channel = channel }
    if let channelMap { c.audio.channelMap = channelMap }
    if let resampler { c.audio.resampler = resampler }
    if let resampleQuality { c.audio.resampleQuality = resampleQuality }
    if let mels { c.features.mels = mels }
    if let melScale { c.features.melScale = melScale }
    if noDeltas { c.features.deltas = false }
    if noDeltas || noDeltaDeltas { c.features.deltaDeltas = false }
    if let shard { c.shard = shard }
    if mergeShards { c.mergeShards = true }
    if noAudit { c.audit = false }
    if softLabels { c.softLabels = true }
  }

  func resolvedConfig() throws -> PrepConfig {
    var c: PrepConfig
    if let config {
      c = try PrepConfig.load(config)
      // Executions modes of the earlier run are not inherited; the command line says this one's.
      c.shard = nil
      c.mergeShards = false
    } else {
      let absolute = ArgumentValues.absolute
      c = PrepConfig(source: corpus.source!, root: absolute(corpus.root!), task: corpus.task!, out: absolute(out!))
      if TaskDefinition.isFile(c.task) { c.task = absolute(c.task) }
    }
    try apply(to: &c)
    return c
  }

  func run() throws {
    if corpus.listsPresets {
      print(try FilePreset.listing())
      return
    }
    output.apply()
    let config = try resolvedConfig()
    let summary = try PrepPipeline.run(config, verbose: output.verbose)
    if let shard = config.shard, !config.mergeShards {
      print("features part \(shard) done (\(summary.featuresReady ?? 0) segments with features in this part)")
      print("when every part is done: emocorpus prep … --merge-shards (same options, without --shard)")
    } else {
      print(summary.table())
      if output.verbose { print(try DropListing.text(prepDir: config.out)) }
    }
  }
}
