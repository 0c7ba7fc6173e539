import AudioFeatures
import EmoCorpus

/// Each stage's own config, derived from the one prep config.
extension PrepConfig {
  /// Selection and balancing options (SPEC §4.1, §4.2).
  public func selectionOptions(neutralClass: String?) throws -> SelectionOptions {
    var target: NeutralTarget?
    if let neutralTarget {
      guard let parsed = NeutralTarget(parsing: neutralTarget) else {
        throw PipelineError.invalidOption(
          "--neutral-target '\(neutralTarget)'", expected: "a segment count such as 3000 or a ratio such as 1.5")
      }
      target = parsed
    }
    return SelectionOptions(
      roles: roles.map(Set.init), subset: subset, sessions: sessions, minDuration: minDuration,
      excludeAllNeutral: excludeAllNeutral, neutralClass: neutralClass, neutralTarget: target, seed: seed)
  }

  /// The audio front end's config (SPEC §5); every option enters the cache key.
  public func featureConfig() throws -> FeatureConfig {
    var config = FeatureConfig(sampleRate: audio.rate)
    config.nMels = features.mels
    guard let scale = MelScale(rawValue: features.melScale) else {
      throw PipelineError.invalidOption("mel scale '\(features.melScale)'", expected: "htk or slaney")
    }
    config.melScale = scale
    config.deltas = features.deltas
    config.deltaDeltas = features.deltas && features.deltaDeltas
    config.floor = features.floor
    config.fftSize = features.fftSize
    config.channel = audio.channel.map { .channel($0) } ?? .mixdown
    guard let quality = ResampleQuality(rawValue: audio.resampleQuality) else {
      throw PipelineError.invalidOption(
        "resample quality '\(audio.resampleQuality)'", expected: "best, medium, fastest, zoh or linear")
    }
    config.resampleQuality = quality
    try config.validate()
    return config
  }

  /// `--shard K/N` parsed (1-based K).
  public func shardPart() throws -> (index: Int, count: Int)? {
    guard let shard else { return nil }
    let parts = shard.split(separator: "/").map { Int($0) }
    guard parts.count == 2, let k = parts[0], let n = parts[1], n >= 1, k >= 1, k <= n else {
      throw PipelineError.invalidShard(shard)
    }
    return (k, n)
  }
}
