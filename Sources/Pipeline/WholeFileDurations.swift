import AudioFeatures
import EmoCorpus
import Foundation

/// Durations of whole-file segments from their audio headers (the rule is the corpus model's,
/// `Segment.isWholeFile` and `Corpus.endingWholeFiles`; this only supplies the header reader), for
/// the steps that need a duration without decoding audio: labels-only prep and the audit.
enum WholeFileDurations {
  /// The duration a file's header states; nil when it cannot be opened.
  static func header(_ path: String) -> Double? { try? AudioFile.probe(path).duration }

  /// The duration of a whole-file segment from its header; nil for a segment with times, or a file
  /// that cannot be opened or is empty.
  static func duration(of segment: Segment) -> Double? {
    guard segment.isWholeFile, let path = segment.audio?.path, let duration = header(path), duration > 0 else {
      return nil
    }
    return duration
  }

  /// `corpus` with every whole-file segment's end set from its header where it can be read.
  static func resolved(_ corpus: Corpus) -> Corpus { corpus.endingWholeFiles(at: header) }
}
