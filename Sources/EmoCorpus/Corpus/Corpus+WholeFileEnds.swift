extension Segment {
  /// A whole-file segment: no span of its own, audio from the start of a file to its end (table
  /// rows without times, files read by name). Its duration is the file's, known from the audio.
  public var isWholeFile: Bool {
    guard span == nil, let audio else { return false }
    return audio.end == nil && audio.start == 0
  }
}

extension Corpus {
  /// The corpus with every whole-file segment whose duration is unknown ended at its file's
  /// duration, as `fileDuration` (the audio header) gives it; a file it cannot tell (nil, or not
  /// above 0) leaves the segment as it was. Segments with times are never changed.
  public func endingWholeFiles(at fileDuration: (String) -> Double?) -> Corpus {
    var corpus = self
    for index in corpus.segments.indices where corpus.segments[index].duration == nil {
      let segment = corpus.segments[index]
      guard segment.isWholeFile, let path = segment.audio?.path, let duration = fileDuration(path), duration > 0
      else { continue }
      corpus.segments[index].audio?.end = duration
    }
    return corpus
  }
}
