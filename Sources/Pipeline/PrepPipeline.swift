import EmoCorpus
import Foundation

/// Orchestrates `emocorpus prep` (SPEC §0): read → normalize → audit → select → balance → folds → features.
public enum PrepPipeline {
  public static func run(_ config: PrepConfig) throws -> PrepSummary {
    throw PipelineError.missingRoot(config.root)
  }
}
