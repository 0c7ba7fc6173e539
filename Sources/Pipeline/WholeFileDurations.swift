import AudioFeatures
import EmoCorpus
import Foundation

/// Durations of whole-file segments (table rows without times, files read by name) from their
/// audio headers, for the steps that need a duration without decoding audio: labels-only prep and
/// the audit's duration figures.
enum WholeFileDurations {
  /// The duration the header of a whole-file segment's audio states; nil when the segment has
  /// times, or its file cannot be opened or is empty.
  static func duration(of segment: Segment) -> Double? {
    guard segment.span == nil, let audio = segment.audio, audio.end == nil, audio.start == 0,
      let info = try? AudioFile.probe(audio.path), info.duration > 0
    else { return nil }
    return info.duration
  }

  /// `corpus` with every whole-file segment's end set from its header where it can be read.
  static func resolved(_ corpus: Corpus) -> Corpus {
    var corpus = corpus
    for index in corpus.segments.indices where corpus.segments[index].duration == nil {
      if let duration = duration(of: corpus.segments[index]) { corpus.segments[index].audio?.end = duration }
    }
    return corpus
  }
}
