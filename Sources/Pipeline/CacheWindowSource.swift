import AudioFeatures
import Trainer

/// The feature cache seen as the trainer's window source: windows are read per segment when a
/// batch needs them, so training memory is bounded by the batch, not the corpus.
struct CacheWindowSource: WindowSource {
  let store: FeatureStore

  var featureDim: Int { store.config.featureCount }
  var windowFrames: Int { store.config.framing.windowFrames }

  func windowCount(segment: String) throws -> Int {
    store.config.framing.windowCount(frames: try store.frames(segment))
  }

  func windows(segment: String) throws -> [Trainer.FeatureWindow] {
    try store.windows(segment).map { Trainer.FeatureWindow(features: $0.values, length: $0.length) }
  }
}
