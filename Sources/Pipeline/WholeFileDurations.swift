import AudioFeatures
import EmoCorpus
import EmoSupport
import Foundation

/// Durations of whole-file segments from their audio headers (the rule is the corpus model's,
/// `Segment.isWholeFile` and `Corpus.endingWholeFiles`; this only supplies the header reader), for
/// the steps that need a duration without decoding audio: labels-only prep and the audit.
///
/// A labels-only run keeps a segment whose duration cannot be known (a table row without times
/// whose audio file is not there): its manifest line has null `end`, `duration` and `windows`,
/// and `summary.json` counts it (`notes.unknown_durations`).
enum WholeFileDurations {
  /// The duration a file's header states; nil when it is not there or cannot be opened (a file
  /// that is not there is told by one `stat`, not by an attempt to open it).
  static func header(_ path: String) -> Double? {
    guard ReaderPaths.exists(path) else { return nil }
    return try? AudioFile.probe(path).duration
  }

  /// The duration of a whole-file segment from its header; nil for a segment with times, or a file
  /// that cannot be opened or is empty.
  static func duration(of segment: Segment) -> Double? {
    guard segment.isWholeFile, let path = segment.audio?.path, let duration = header(path), duration > 0 else {
      return nil
    }
    return duration
  }

  /// Refusals that depend on durations, made right after reading (before normalizing, selecting or
  /// any audio work): `--min-duration` cannot apply to a segment whose duration will be unknown.
  /// A duration is unknown in a labels-only run (`--labels-only`, or no referenced audio file
  /// exists at all) for a segment without times whose audio header cannot be read. Headers are
  /// read here only when `--min-duration` is given.
  static func checkUpFront(_ corpus: Corpus, labelsOnly: Bool, minDuration: Double?) throws {
    guard minDuration != nil else { return }
    let untimed = corpus.segments.lazy.filter { $0.duration == nil }
    guard let first = untimed.first else { return }
    if labelsOnly {
      guard let unknown = untimed.first(where: { duration(of: $0) == nil }) else { return }
      throw PipelineError.minDurationUnknown(segment: unknown.id, origin: unknown.origin.description)
    }
    // With audio: durations are unknown only when no referenced file exists (labels-only then).
    let exists = corpus.segments.contains { $0.audio.map { ReaderPaths.exists($0.path) } ?? false }
    if !exists { throw PipelineError.minDurationUnknown(segment: first.id, origin: first.origin.description) }
  }

  /// `corpus` with every whole-file segment's end set from its header where it can be read.
  static func resolved(_ corpus: Corpus) -> Corpus { corpus.endingWholeFiles(at: header) }
}
