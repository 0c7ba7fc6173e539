import AudioFeatures
import EmoCorpus

/// Each stage's own config, derived from the one prep config.
extension PrepConfig {
  /// The audio front end's config; every option enters the cache key.
  public func featureConfig() throws -> FeatureConfig {
    var config = FeatureConfig(sampleRate: audio.rate)
    config.nMels = features.mels
    config.melScale = features.melScale
    config.deltas = features.deltas
    config.deltaDeltas = features.deltas && features.deltaDeltas
    config.floor = features.floor
    config.fftSize = features.fftSize
    config.channel = audio.channel.map { .channel($0) } ?? .mixdown
    config.resampler = audio.resampler
    config.resampleQuality = audio.resampleQuality ?? .sincBest
    try config.validate()
    return config
  }
}
