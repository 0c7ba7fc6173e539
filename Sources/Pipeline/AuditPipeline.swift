import EmoCorpus
import Foundation

/// `emocorpus audit` and the audit step of prep: agreement and distribution report.
public enum AuditPipeline {
  static func write(
    corpus: Corpus, labeled: [LabeledSegment], kept: [LabeledSegment], task: TaskDefinition, seed: UInt64,
    to out: String
  ) throws {
    // Filled in when the agreement module lands.
  }
}
