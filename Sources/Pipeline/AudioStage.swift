import AudioFeatures
import EmoCorpus
import EmoSupport
import Foundation

/// The audio part of prep (SPEC §4.1, §5): decides labels-only, drops segments whose audio is
/// missing, unreadable, too short or silent, and fills the feature cache.
struct AudioStage {
  var kept: [LabeledSegment]
  var drops: [Drop]
  var labelsOnly: Bool
  var labelsOnlyReason: String?
  var outcomes: [String: FeatureOutcome]
  var store: FeatureStore?
  var configHash: String?

  /// Catalog rows for the cached features.
  var featureRows: [(segmentID: String, key: String, frames: Int, windows: Int)] {
    kept.compactMap { item in
      guard case .ready(let frames, let windows, let hash)? = outcomes[item.segment.id] else { return nil }
      return (item.segment.id, "\(hash):\(spanKey(item.segment))):\(configHash ?? "")", frames, windows)
    }
  }

  static func run(
    _ input: [LabeledSegment], config: PrepConfig, part: FeatureShard?, log: (String) -> Void
  ) throws -> AudioStage {
    var stage = AudioStage(
      kept: input, drops: [], labelsOnly: false, labelsOnlyReason: nil, outcomes: [:], store: nil, configHash: nil)
    if config.labelsOnly {
      stage.labelsOnly = true
      stage.labelsOnlyReason = "--labels-only"
      return try stage.requiringDurations()
    }
    let paths = Set(input.compactMap { $0.segment.audio?.path })
    let existing = Set(paths.filter { FileManager.default.fileExists(atPath: $0) })
    if existing.isEmpty {
      stage.labelsOnly = true
      stage.labelsOnlyReason = "no referenced audio file exists"
      if !input.isEmpty { log("no referenced audio file exists: running labels-only (no features)") }
      return try stage.requiringDurations()
    }

    // Missing audio: dropped with its reason, fatal with --strict.
    var present: [LabeledSegment] = []
    for item in input {
      guard let path = item.segment.audio?.path, existing.contains(path) else {
        let path = item.segment.audio?.path ?? ""
        if config.strict { throw PipelineError.missingAudioStrict(segment: item.segment.id, path: path) }
        let detail = path.isEmpty ? "no audio reference" : (path as NSString).lastPathComponent
        stage.drops.append(Drop(segmentID: item.segment.id, reason: .missingAudio, detail: detail))
        continue
      }
      present.append(item)
    }

    let featureConfig = try config.featureConfig()
    stage.configHash = featureConfig.hashHex
    let requests = present.map { item -> FeatureRequest in
      let audio = item.segment.audio!
      return FeatureRequest(segmentID: item.segment.id, path: audio.path, start: audio.start, end: audio.end)
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
    stage.outcomes = try FeatureStore.build(
      requests, in: config.out, config: featureConfig, jobs: config.jobs, shard: part, progress: Progress.enabled)
    if part != nil {
      stage.kept = present
      return stage
    }
    stage.kept = []
    for item in present {
      switch stage.outcomes[item.segment.id] {
      case .ready?:
        var item = item
        if item.segment.audio?.end == nil, item.segment.span == nil, let audio = item.segment.audio {
          // Whole-file segment without times (tables): its span ends where the file ends.
          item.segment.audio?.end = try AudioFile.probe(audio.path).duration
        }
        stage.kept.append(item)
      case .dropped(let reason, let detail)?:
        stage.drops.append(Drop(segmentID: item.segment.id, reason: DropReason(reason), detail: detail))
      case nil:
        stage.drops.append(Drop(segmentID: item.segment.id, reason: .unreadableAudio, detail: "no feature outcome"))
      }
    }
    stage.store = try FeatureStore(directory: config.out)
    return stage
  }

  /// Labels-only runs need times from the annotation, or for a whole-file segment the duration its
  /// audio header states (no sample is read).
  private func requiringDurations() throws -> AudioStage {
    var stage = self
    for index in stage.kept.indices where stage.kept[index].segment.duration == nil {
      let segment = stage.kept[index].segment
      guard let duration = WholeFileDurations.duration(of: segment) else {
        throw PipelineError.noDuration(segment: segment.id, origin: segment.origin.description)
      }
      stage.kept[index].segment.audio?.end = duration
    }
    return stage
  }

  /// The manifest line of a kept segment: windows from the cache, else from the duration.
  func entry(for item: LabeledSegment, speaker: Speaker, rate: Int) throws -> ManifestEntry {
    if case .ready(_, let windows, let hash)? = outcomes[item.segment.id] {
      // Same file bytes and same span = same audio content (the leakage check compares these).
      return try ManifestEntry(
        kept: item, speaker: speaker, windows: windows, audioHash: SHA256.hex("\(hash):\(spanKey(item.segment))"))
    }
    let duration = item.segment.duration ?? 0
    return try ManifestEntry(
      kept: item, speaker: speaker, windows: ManifestEntry.windowCount(duration: duration, sampleRate: rate))
  }
}

/// A segment's span inside its audio file, to the millisecond.
private func spanKey(_ segment: Segment) -> String {
  let start = segment.audio?.start ?? 0
  let end = segment.audio?.end.map { String(format: "%.3f", $0) } ?? "end"
  return String(format: "%.3f", start) + "-" + end
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
