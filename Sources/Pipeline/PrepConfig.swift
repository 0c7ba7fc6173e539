import AudioFeatures
import EmoCorpus
import EmoSupport
import Folds
import Foundation
import Readers
import Yams

/// Every option of `emocorpus prep`, defaults included; written beside the outputs as
/// `config.resolved.yaml` and accepted back by `prep --config` to reproduce a run.
///
/// Closed value sets are types (`Subset`, `ConsensusRule`, …) shared with the command line, so a
/// value is checked by one rule wherever it comes from; rules between numbers are `problems()`.
public struct PrepConfig: Codable, Sendable, Equatable {
  public var toolVersion = EmoCorpusModule.version
  public var source: SourceKind
  /// Corpus root (absolute).
  public var root: String
  /// Task name or path of a task YAML file.
  public var task: String
  /// The `files` reader's preset, pattern and maps (SOURCE `files` only).
  public var files: FileReaderOptions?
  /// Output folder (absolute).
  public var out: String
  /// Applies to corpora whose segments carry a subset (IEMOCAP).
  public var subset = Subset.improvised
  public var sessions: [Int]?
  public var roles: [Role]?
  public var excludeAllNeutral = false
  public var minDuration: Double?
  /// `N` (segments) or a ratio such as `1.5` (× the non-neutral total).
  public var neutralTarget: NeutralTarget?
  /// How a segment's class is chosen from its coders when the corpus gives none.
  public var consensus = ConsensusRule.soft
  public var dropUnknown = false
  public var labelsOnly = false
  /// Missing audio, and the first malformed item or segment without label, are fatal.
  public var strict = false
  /// Table corpora: the table's own column names and audio folder (`--columns`, `--audio-dir`);
  /// nil reads the table as it is. Written for table corpora only.
  public var tableLayout: TableLayout?
  /// Transcriber corpora: boundary disagreement clamped as rounding (`--time-tolerance`, seconds);
  /// nil is the default, 0.010. Written for trs corpora only.
  public var timeTolerance: Double?
  /// MSP-Podcast trees: the label tables' own column names (`--columns worker=Annotator`); nil or
  /// empty reads them under MSP-Podcast's names. Written for msp-podcast corpora only.
  public var mspColumns: [String: String]?
  public var folds = 5
  /// Which speaker of an IEMOCAP session is validation (the other is test).
  public var iemocapVal = ValidationGender.female
  /// Another toolkit's split to use instead of planned folds (`--folds-from FORMAT:PATH`; then
  /// `folds` and `iemocap_val` do not apply).
  public var foldsFrom: ExternalSplitSource?
  public var seed: UInt64 = 1
  public var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
  public var audio = AudioSettings()
  public var features = FeatureSettings()
  /// Compute only slice K of N of the features (cluster array jobs).
  public var shard: FeatureShard?
  public var mergeShards = false
  /// Also write the agreement report (audit.json / audit.html) into the output folder.
  public var audit = true
  /// Write each kept segment's `soft_label` into the manifests (true; nil, written null: off, as
  /// in configs written before the option existed).
  public var softLabels: Bool?
  /// Folder of `<audio stem>.txt` transcripts (`--transcripts DIR`, absolute); nil: none.
  public var transcripts: String?
  /// Texts of fewer words are no sentence when comparing content (`--min-words`; nil: 3).
  public var minWords: Int?
  /// What folds keep apart (`--independent speaker` or `speaker,text`; nil: speaker).
  public var independent: Independence?
  /// Keep identical audio carrying different labels (once per label) instead of dropping it.
  public var keepConflicts: Bool?
  /// SHA-256 of every input file read (filled by the run).
  public var inputs: [InputFile] = []

  public init(source: SourceKind, root: String, task: String, out: String) {
    self.source = source
    self.root = root
    self.task = task
    self.out = out
    audio.rate = ReaderRegistry.entry(for: source).defaultRate
    // MSP-Podcast ships its own split (Split_Set): used unless folds are asked for.
    if source == .mspPodcast { foldsFrom = ExternalSplitSource(format: .mspPodcast, path: root) }
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case toolVersion = "tool_version", source, root, task, files, out, subset, sessions, roles
    case excludeAllNeutral = "exclude_all_neutral", minDuration = "min_duration", neutralTarget = "neutral_target"
    case consensus, dropUnknown = "drop_unknown", labelsOnly = "labels_only", strict, folds
    case tableLayout = "table_layout", timeTolerance = "time_tolerance", mspColumns = "msp_columns"
    case iemocapVal = "iemocap_val", foldsFrom = "folds_from", seed, jobs, audio, features, shard, mergeShards =
      "merge_shards", audit, inputs
    case softLabels = "soft_labels"
    case transcripts, minWords = "min_words", independent, keepConflicts = "keep_conflicts"
  }

  /// Every key is written, unset options as `null`, so the file shows all options in force.
  /// Reads a config file's mapping: `source`, `root`, `task` and `out` are required, every other
  /// key takes its default when omitted, and a key that is not a setting is refused (naming the
  /// nearest one), so a misspelled setting is never silently ignored.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, in: "a prep config")
    let c = try decoder.container(keyedBy: CodingKeys.self)
    source = try c.decode(SourceKind.self, forKey: .source)
    root = try c.decode(String.self, forKey: .root)
    task = try c.decode(String.self, forKey: .task)
    out = try c.decode(String.self, forKey: .out)
    let defaults = PrepConfig(source: source, root: root, task: task, out: out)
    toolVersion = try c.value(.toolVersion, or: defaults.toolVersion)
    files = try c.decodeIfPresent(FileReaderOptions.self, forKey: .files)
    subset = try c.value(.subset, or: defaults.subset)
    sessions = try c.decodeIfPresent([Int].self, forKey: .sessions)
    roles = try c.decodeIfPresent([Role].self, forKey: .roles)
    excludeAllNeutral = try c.value(.excludeAllNeutral, or: defaults.excludeAllNeutral)
    minDuration = try c.decodeIfPresent(Double.self, forKey: .minDuration)
    neutralTarget = try c.decodeIfPresent(NeutralTarget.self, forKey: .neutralTarget)
    consensus = try c.value(.consensus, or: defaults.consensus)
    dropUnknown = try c.value(.dropUnknown, or: defaults.dropUnknown)
    labelsOnly = try c.value(.labelsOnly, or: defaults.labelsOnly)
    strict = try c.value(.strict, or: defaults.strict)
    tableLayout = try c.decodeIfPresent(TableLayout.self, forKey: .tableLayout)
    timeTolerance = try c.decodeIfPresent(Double.self, forKey: .timeTolerance)
    mspColumns = try c.decodeIfPresent([String: String].self, forKey: .mspColumns)
    for name in (mspColumns ?? [:]).keys where !MSPPodcastColumns.names.contains(name) {
      throw DecodingError.dataCorruptedError(
        forKey: .mspColumns, in: c,
        debugDescription:
          "unknown MSP-Podcast column name '\(name)' (expected one of \(MSPPodcastColumns.names.joined(separator: ", ")))"
      )
    }
    folds = try c.value(.folds, or: defaults.folds)
    iemocapVal = try c.value(.iemocapVal, or: defaults.iemocapVal)
    // Omitted: the source's own split where it has one (MSP-Podcast); null: planned folds.
    foldsFrom =
      c.contains(.foldsFrom) ? try c.decodeIfPresent(ExternalSplitSource.self, forKey: .foldsFrom) : defaults.foldsFrom
    seed = try c.value(.seed, or: defaults.seed)
    jobs = try c.value(.jobs, or: defaults.jobs)
    audio =
      try c.contains(.audio) && !c.decodeNil(forKey: .audio)
      ? AudioSettings(from: c.superDecoder(forKey: .audio), defaultRate: defaults.audio.rate) : defaults.audio
    features = try c.value(.features, or: defaults.features)
    shard = try c.decodeIfPresent(FeatureShard.self, forKey: .shard)
    mergeShards = try c.value(.mergeShards, or: defaults.mergeShards)
    audit = try c.value(.audit, or: defaults.audit)
    softLabels = try c.decodeIfPresent(Bool.self, forKey: .softLabels)
    inputs = try c.value(.inputs, or: defaults.inputs)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(toolVersion, forKey: .toolVersion)
    try c.encode(source, forKey: .source)
    try c.encode(root, forKey: .root)
    try c.encode(task, forKey: .task)
    try c.encode(source == .files ? files ?? FileReaderOptions() : nil, forKey: .files)
    try c.encode(out, forKey: .out)
    try c.encode(subset, forKey: .subset)
    try c.encode(sessions, forKey: .sessions)
    try c.encode(roles, forKey: .roles)
    try c.encode(excludeAllNeutral, forKey: .excludeAllNeutral)
    try c.encode(minDuration, forKey: .minDuration)
    try c.encode(neutralTarget, forKey: .neutralTarget)
    try c.encode(consensus, forKey: .consensus)
    try c.encode(dropUnknown, forKey: .dropUnknown)
    try c.encode(labelsOnly, forKey: .labelsOnly)
    try c.encode(strict, forKey: .strict)
    // Reader options of the source in force (defaults included), null for other sources.
    try c.encode(source == .table ? tableLayout ?? TableLayout() : nil, forKey: .tableLayout)
    try c.encode(source == .trs ? resolvedTimeTolerance : nil, forKey: .timeTolerance)
    if source == .mspPodcast {
      // Names in order, so that config.resolved.yaml is the same bytes on every run.
      var named = c.nestedContainer(keyedBy: NameKey.self, forKey: .mspColumns)
      let columns = mspColumns ?? [:]
      for name in columns.keys.sorted() { try named.encode(columns[name]!, forKey: NameKey(stringValue: name)) }
    } else {
      try c.encodeNil(forKey: .mspColumns)
    }
    try c.encode(folds, forKey: .folds)
    try c.encode(iemocapVal, forKey: .iemocapVal)
    try c.encode(foldsFrom, forKey: .foldsFrom)
    try c.encode(seed, forKey: .seed)
    try c.encode(jobs, forKey: .jobs)
    try c.encode(audio, forKey: .audio)
    try c.encode(features, forKey: .features)
    try c.encode(shard, forKey: .shard)
    try c.encode(mergeShards, forKey: .mergeShards)
    try c.encode(audit, forKey: .audit)
    try c.encode(softLabels, forKey: .softLabels)
    try c.encode(transcripts, forKey: .transcripts)
    // Unset: null (min_words 3, independent speaker, conflicts dropped).
    try c.encode(minWords, forKey: .minWords)
    try c.encode(independent, forKey: .independent)
    try c.encode(keepConflicts, forKey: .keepConflicts)
    try c.encode(inputs, forKey: .inputs)
  }

  /// YAML text with every key, in declaration order.
  public func yaml() throws -> String {
    "# emocorpus prep: every option in force. Re-run with: emocorpus prep --config <this file>\n"
      + (try YAMLEncoder().encode(self))
  }

  /// Loads a config written by `yaml()` (or edited by hand); errors name the file. A value that
  /// breaks a rule of `problems()` is an error here, before any work.
  public static func load(_ path: String) throws -> PrepConfig {
    guard FileManager.default.isReadableFile(atPath: path) else { throw PipelineError.unreadableConfig(path) }
    let config = try YAMLSource(path: path).decode(PrepConfig.self, shape: Self.shape)
    if let problem = config.problems().first { throw PipelineError.invalidConfig(path, problem) }
    return config
  }

  /// What a config file holds, for messages.
  static let shape =
    "a prep config: source, root, task and out, then any other setting (config.resolved.yaml of a run lists them all)"

  /// Rules between values that no type expresses, worded with the command-line flag; empty when
  /// the config is valid. The command line and config files share them.
  public func problems() -> [String] {
    var found: [String] = []
    if folds < 0 || folds == 1 { found.append("--folds must be 0 or at least 2 (got \(folds))") }
    if audio.rate < 1000 { found.append("--rate must be a sample rate in Hz such as 16000 (got \(audio.rate))") }
    if let channel = audio.channel, channel < 1 { found.append("--channel must be 1 or more (got \(channel))") }
    if audio.channel != nil, audio.channelMap != nil {
      found.append("--channel N reads one channel for every segment; --channel-map gives each speaker theirs: use one")
    }
    if features.mels < 1 { found.append("--mels must be at least 1 (got \(features.mels))") }
    if jobs < 1 { found.append("--jobs must be at least 1 (got \(jobs))") }
    if let minWords, minWords < 1 { found.append("--min-words must be at least 1 (got \(minWords))") }
    if independent == .speakerText {
      if foldsFrom != nil { found.append("--independent speaker,text plans folds: it does not go with --folds-from") }
      if folds == 2 { found.append("--independent speaker,text needs --folds 3 or more (train, validation, test)") }
    }
    if shard != nil, mergeShards { found.append("--shard and --merge-shards go in separate runs") }
    if audio.resampleQuality != nil, audio.resampler != .libsamplerate {
      found.append(
        "--resample-quality picks libsamplerate's converter: add --resampler libsamplerate "
          + "(soxr always runs at very high quality)")
    }
    return found + corpus.problems()
  }

  /// A setting name as a key of a nested mapping (`msp_columns`).
  private struct NameKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  /// `minWords`, or its default (3).
  public var resolvedMinWords: Int { minWords ?? ContentKey.defaultMinWords }

  /// The options the source's reader takes, as this config holds them.
  public var readerOptions: ReaderOptions {
    ReaderOptions(
      strict: strict, table: tableLayout, timeTolerance: timeTolerance, files: files, mspColumns: mspColumns)
  }

  /// `timeTolerance`, or its default.
  public var resolvedTimeTolerance: Double { timeTolerance ?? TranscriberReader.defaultTimeTolerance }
}

/// Audio reading options.
public struct AudioSettings: Codable, Sendable, Equatable {
  /// Target sample rate; 16000 for iemocap/table, 8000 for cemo (the telephone rate).
  public var rate = 16000
  /// Channel to read for every segment (1-based); nil mixes all channels down, or reads each
  /// speaker's own channel where the corpus or `channelMap` gives one.
  public var channel: Int?
  /// Role or speaker → channel (0-based) of dialog recordings (`--channel-map`).
  public var channelMap: ChannelMap?
  /// Sample-rate converter.
  public var resampler = ResamplerEngine.soxr
  /// libsamplerate's converter (with `resampler: libsamplerate`); nil: its best (`sinc-best`).
  public var resampleQuality: ResampleQuality?

  public init() {}

  enum CodingKeys: String, CodingKey, CaseIterable {
    case rate, channel, channelMap = "channel_map", resampler, resampleQuality = "resample_quality"
  }

  public init(from decoder: any Decoder) throws { try self.init(from: decoder, defaultRate: 16000) }

  /// Reads the `audio` mapping; an omitted key takes its default (`rate` the source's).
  public init(from decoder: any Decoder, defaultRate: Int) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, in: "the audio settings")
    let c = try decoder.container(keyedBy: CodingKeys.self)
    rate = try c.value(.rate, or: defaultRate)
    channel = try c.decodeIfPresent(Int.self, forKey: .channel)
    channelMap = try c.decodeIfPresent(ChannelMap.self, forKey: .channelMap)
    // A config written before the engine was selectable (it always has resample_quality, never
    // resampler) ran libsamplerate: reproduce that. Otherwise an omitted engine is the default.
    let older = c.contains(.resampleQuality) && !c.contains(.resampler)
    resampler = try c.value(.resampler, or: older ? .libsamplerate : .soxr)
    resampleQuality = try c.decodeIfPresent(ResampleQuality.self, forKey: .resampleQuality)
    // Earlier configs wrote libsamplerate's default beside soxr, where it does nothing: not a choice.
    if resampler != .libsamplerate, resampleQuality == .sincBest { resampleQuality = nil }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(rate, forKey: .rate)
    try c.encode(channel, forKey: .channel)
    try c.encode(channelMap, forKey: .channelMap)
    try c.encode(resampler, forKey: .resampler)
    try c.encode(resampleQuality, forKey: .resampleQuality)
  }
}

/// Feature options; all of them enter the cache key.
public struct FeatureSettings: Codable, Sendable, Equatable {
  public var mels = 40
  public var melScale = MelScale.htk
  public var deltas = true
  public var deltaDeltas = true
  public var floor = 1e-10
  /// FFT size; nil = next power of two of the window.
  public var fftSize: Int?

  public init() {}

  enum CodingKeys: String, CodingKey, CaseIterable {
    case mels, melScale = "mel_scale", deltas, deltaDeltas = "delta_deltas", floor, fftSize = "fft_size"
  }

  /// Reads the `features` mapping; an omitted key takes its default.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, in: "the feature settings")
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let defaults = FeatureSettings()
    mels = try c.value(.mels, or: defaults.mels)
    melScale = try c.value(.melScale, or: defaults.melScale)
    deltas = try c.value(.deltas, or: defaults.deltas)
    deltaDeltas = try c.value(.deltaDeltas, or: defaults.deltaDeltas)
    floor = try c.value(.floor, or: defaults.floor)
    fftSize = try c.decodeIfPresent(Int.self, forKey: .fftSize)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(mels, forKey: .mels)
    try c.encode(melScale, forKey: .melScale)
    try c.encode(deltas, forKey: .deltas)
    try c.encode(deltaDeltas, forKey: .deltaDeltas)
    try c.encode(floor, forKey: .floor)
    try c.encode(fftSize, forKey: .fftSize)
  }
}

/// What planned folds keep apart between training and evaluation (`--independent`).
public enum Independence: String, Codable, Sendable, Equatable, CaseIterable {
  /// No speaker (and no dialog) in two parts of a fold.
  case speaker
  /// Neither a speaker nor a sentence crosses training and evaluation.
  case speakerText = "speaker,text"

  /// Parses `speaker`, `speaker,text` or `text,speaker`.
  public init?(parsing text: String) {
    let parts = Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
    switch parts {
    case ["speaker"]: self = .speaker
    case ["speaker", "text"]: self = .speakerText
    default: return nil
    }
  }
}
