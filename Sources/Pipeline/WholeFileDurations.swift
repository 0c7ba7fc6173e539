import AudioFeatures
import EmoCorpus
import EmoSupport
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

  /// A labels-only run takes a whole-file segment's duration from its audio header: when the first
  /// such segment (in reading order) has no audio file, the run stops now, before normalizing,
  /// selecting or auditing (a table without times whose audio is not there fails on its first
  /// row, not after all the work). Only the file's existence is looked at here (no open); headers
  /// are read, and every later segment checked, where the durations are needed.
  static func checkFirst(_ corpus: Corpus) throws {
    guard let first = corpus.segments.first(where: { $0.duration == nil }) else { return }
    guard first.isWholeFile, let path = first.audio?.path, !ReaderPaths.isFolder(path), ReaderPaths.exists(path)
    else {
      throw PipelineError.noDuration(segment: first.id, origin: first.origin.description)
    }
  }

  /// `corpus` with every whole-file segment's end set from its header where it can be read.
  static func resolved(_ corpus: Corpus) -> Corpus { corpus.endingWholeFiles(at: header) }
}
