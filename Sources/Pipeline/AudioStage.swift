import AudioFeatures
import EmoCorpus
import EmoSupport
import Folds
import Foundation

/// The audio part of prep: decides labels-only, drops segments whose audio is
/// missing, unreadable, too short or silent, and fills the feature cache.
///
/// Two steps, so that each audio file is read once: `run` builds features for the candidates (the
/// selection before the duplicate decision, which needs every file's hash) and keeps the file
/// hashes the build computed from the bytes it decoded; `finish` then applies the outcomes to the
/// segments the selection kept once duplicates were decided.
struct AudioStage {
  var kept: [LabeledSegment]
  var drops: [Drop]
  var labelsOnly: Bool
  var labelsOnlyReason: String?
  var outcomes: [String: FeatureOutcome]
  var store: FeatureStore?
  var configHash: String?
  /// Segment id → the channel (0-based) its speaker owns, for segments read from one channel.
  var channels: [String: Int] = [:]
  /// The source files' rates (`summary.json` `audio`); nil when no audio was read.
  var files: AudioFilesSummary?
  /// Path → `AudioFileHash` of every file the feature build read.
  var fileHashes: [String: String] = [:]
  /// Paths known to exist (checked ahead only with --strict or --shard); nil = not checked.
  private var existing: Set<String>?

  /// Catalog rows for the cached features: each with the cache's own key of its record.
  var featureRows: [(segmentID: String, key: String, frames: Int, windows: Int)] {
    kept.compactMap { item in
      guard case .ready(let frames, let windows, _)? = outcomes[item.segment.id],
        let key = store?.key(of: item.segment.id)
      else { return nil }
      return (item.segment.id, key, frames, windows)
    }
  }

  /// Features of `candidates` (a superset of what `finish` will be given: the selection's
  /// per-segment filters without the duplicate decision).
  static func run(
    _ candidates: [LabeledSegment], speakers: [String: Speaker], config: PrepConfig, part: FeatureShard?,
    log: (String) -> Void
  ) throws -> AudioStage {
    var stage = AudioStage(
      kept: candidates, drops: [], labelsOnly: false, labelsOnlyReason: nil, outcomes: [:], store: nil,
      configHash: nil)
    if config.labelsOnly {
      stage.labelsOnly = true
      stage.labelsOnlyReason = "--labels-only"
      return stage
    }
    // Each file is checked here only where a missing one must stop the run first (--strict) or be
    // dropped before a feature slice (--shard); otherwise the feature build, which opens every file
    // anyway, reports the missing ones, and one existing file is enough to know there is audio.
    let paths = Set(candidates.compactMap { $0.segment.audio?.path })
    let exists = { (path: String) in FileManager.default.fileExists(atPath: path) }
    let existing: Set<String>? = config.strict || part != nil ? paths.filter(exists) : nil
    stage.existing = existing
    if !(existing.map { !$0.isEmpty } ?? paths.contains(where: exists)) {
      stage.labelsOnly = true
      stage.labelsOnlyReason = Self.noAudioReason
      if !candidates.isEmpty { log("no referenced audio file exists: running labels-only (no features)") }
      return stage
    }
    // Missing audio is fatal with --strict, before any feature work (a missing file has no hash,
    // so no duplicate decision can remove its segment: the candidates name the same first one).
    let present = candidates.filter { stage.isPresent($0) }
    if config.strict, let missing = candidates.first(where: { !stage.isPresent($0) }) {
      throw PipelineError.missingAudioStrict(segment: missing.segment.id, path: missing.segment.audio?.path ?? "")
    }

    let featureConfig = try config.featureConfig()
    stage.configHash = featureConfig.hashHex
    // A speaker's own channel (corpus or --channel-map) unless --channel forces one for all.
    let channelMap = config.audio.channelMap ?? ChannelMap.empty
    if config.audio.channel == nil {
      for item in present {
        if let speaker = speakers[item.segment.speaker], let channel = channelMap.channel(for: speaker) {
          stage.channels[item.segment.id] = channel
        }
      }
    }
    let requests = present.map { item -> FeatureRequest in
      let audio = item.segment.audio!
      return FeatureRequest(
        segmentID: item.segment.id, path: audio.path, start: audio.start, end: audio.end,
        channel: stage.channels[item.segment.id])
    }
    // Merging twice is harmless: without part indexes left there is nothing to join, and build
    // below reuses or computes whatever the cache lacks.
    let featuresDir = FeatureStore.featuresDirectory(config.out)
    let parts = ((try? FileManager.default.contentsOfDirectory(atPath: featuresDir)) ?? []).filter {
      $0.hasPrefix("index.part-")
    }
    if config.mergeShards {
      if parts.isEmpty {
        log("no feature parts left to merge: features missing from the cache are computed here")
      } else {
        try FeatureStore.mergeShards(in: config.out)
      }
    }
    // A cluster part (or the merge after them) says what it reused, so a resubmitted task shows
    // that finished slots were not recomputed.
    var slotCounts: FeatureSlotCounts?
    var hashes: [String: String] = [:]
    stage.outcomes = try FeatureStore.build(
      requests, in: config.out, config: featureConfig, jobs: config.jobs, shard: part, progress: Progress.enabled,
      slotCounts: { slotCounts = $0 }, fileHashes: { hashes = $0 })
    stage.fileHashes = hashes
    if part != nil || config.mergeShards, let slotCounts { log(slotCounts.description) }
    if part == nil { stage.store = try FeatureStore(directory: config.out) }
    return stage
  }

  /// Whether the segment's audio file is there, as far as `run` checked.
  private func isPresent(_ item: LabeledSegment) -> Bool {
    guard let path = item.segment.audio?.path else { return false }
    return existing?.contains(path) ?? true
  }

  /// The audio drops and the cached features applied to `input` (what the selection kept, a
  /// subset of `run`'s candidates); outcomes of other candidates (duplicates dropped since) are
  /// forgotten, so the summary counts only the segments kept.
  func finish(
    _ input: [LabeledSegment], speakers: [String: Speaker], config: PrepConfig, part: FeatureShard?,
    log: (String) -> Void
  ) throws -> AudioStage {
    var stage = self
    stage.kept = input
    stage.drops = []
    if labelsOnly { return try stage.measuringWholeFiles(minDuration: config.minDuration) }

    // Missing audio: dropped with its reason (fatal with --strict, thrown by `run`).
    var present: [LabeledSegment] = []
    for item in input {
      guard isPresent(item) else {
        let path = item.segment.audio?.path ?? ""
        let detail = path.isEmpty ? "no audio reference" : ReaderPaths.lastComponent(path)
        stage.drops.append(Drop(segmentID: item.segment.id, reason: .missingAudio, detail: detail))
        continue
      }
      present.append(item)
    }
    let ids = Set(present.map(\.segment.id))
    stage.outcomes = outcomes.filter { ids.contains($0.key) }
    if part != nil {
      stage.kept = present
      return stage
    }
    guard let store else { return stage }
    try Self.checkChannels(present, channels, store: store, speakers: speakers, map: config.audio.channelMap)
    let featureConfig = try config.featureConfig()
    stage.files = AudioFilesSummary(
      present.map { ($0.segment.audio!.path, store.sourceAudio($0.segment.id)) }, config: featureConfig)
    if let files = stage.files, files.belowTargetRate > 0 {
      log(files.belowTargetRateWarning)
    }
    stage.kept = []
    for item in present {
      switch stage.outcomes[item.segment.id] {
      case .ready?:
        var item = item
        if item.segment.audio?.end == nil, item.segment.span == nil, let audio = item.segment.audio {
          // Whole-file segment without times (tables): its span ends where the file ends.
          let end = try store.sourceAudio(item.segment.id)?.duration ?? AudioFile.probe(audio.path).duration
          item.segment.audio?.end = end
        }
        stage.kept.append(item)
      case .dropped(.missingAudio, _)?:
        let name = ReaderPaths.lastComponent(item.segment.audio?.path ?? "")
        stage.drops.append(Drop(segmentID: item.segment.id, reason: .missingAudio, detail: name))
      case .dropped(let reason, let detail)?:
        stage.drops.append(Drop(segmentID: item.segment.id, reason: DropReason(reason), detail: detail))
      case nil:
        stage.drops.append(Drop(segmentID: item.segment.id, reason: .unreadableAudio, detail: "no feature outcome"))
      }
    }
    return stage
  }

  /// A speaker's channel must exist in their segments' files: an error naming file and speaker.
  private static func checkChannels(
    _ items: [LabeledSegment], _ channels: [String: Int], store: FeatureStore, speakers: [String: Speaker],
    map: ChannelMap?
  ) throws {
    for item in items {
      guard let channel = channels[item.segment.id], let source = store.sourceAudio(item.segment.id),
        channel >= source.channels, let speaker = speakers[item.segment.speaker]
      else { continue }
      let from =
        map?.entry(for: speaker).map { "--channel-map \($0)" } ?? "the corpus (speaker declared at \(speaker.origin))"
      throw PipelineError.noSuchSpeakerChannel(
        path: item.segment.audio?.path ?? "", speaker: speaker.id, channel: channel, channels: source.channels,
        from: from)
    }
  }

  /// Labels-only runs take times from the annotation, or for a whole-file segment the duration its
  /// audio header states (no sample is read). A segment whose header cannot be read is kept with
  /// its duration unknown (nil; its manifest line says null). When no referenced file exists at
  /// all, no header is tried. `--min-duration` was refused before any work when durations would be
  /// unknown (`WholeFileDurations.checkUpFront`); should one be found here anyway, it is refused too.
  private func measuringWholeFiles(minDuration: Double?) throws -> AudioStage {
    var stage = self
    let noAudio = labelsOnlyReason == Self.noAudioReason
    for index in stage.kept.indices where stage.kept[index].segment.duration == nil {
      let segment = stage.kept[index].segment
      guard !noAudio, let duration = WholeFileDurations.duration(of: segment) else {
        if minDuration != nil {
          throw PipelineError.minDurationUnknown(segment: segment.id, origin: segment.origin.description)
        }
        continue
      }
      stage.kept[index].segment.audio?.end = duration
    }
    return stage
  }

  /// `labelsOnlyReason` when no referenced audio file exists.
  static let noAudioReason = "no referenced audio file exists"

  /// The manifest line of a kept segment: windows from the cache, else from the duration.
  func entry(for item: LabeledSegment, speaker: Speaker, rate: Int) throws -> ManifestEntry {
    if case .ready(_, let windows, let hash)? = outcomes[item.segment.id] {
      // Same file bytes, span and channel = same audio content (the leakage check compares these).
      let identity = SegmentAudioIdentity(
        fileHash: hash, start: item.segment.audio?.start ?? 0, end: item.segment.audio?.end,
        channel: channels[item.segment.id])
      return try ManifestEntry(kept: item, speaker: speaker, windows: windows, audioHash: identity.contentHash)
    }
    // Labels-only, a whole file whose audio is not there: its length is unknown (null in the manifest).
    if labelsOnly, item.segment.duration == nil {
      return try ManifestEntry(keptOfUnknownDuration: item, speaker: speaker)
    }
    let duration = item.segment.duration ?? 0
    return try ManifestEntry(
      kept: item, speaker: speaker, windows: ManifestEntry.windowCount(duration: duration, sampleRate: rate))
  }
}

extension DropReason {
  init(_ reason: FeatureDropReason) {
    switch reason {
    case .missingAudio: self = .missingAudio
    case .unreadableAudio: self = .unreadableAudio
    case .tooShort: self = .tooShort
    }
  }
}
