import EmoCorpus
import EmoSupport

extension ManifestEntry {
  /// The position of this line's label among the task's `classes` (the model's output index).
  public func classIndex(in classes: [String]) throws(FoldError) -> Int {
    guard let index = classes.firstIndex(of: label) else {
      throw .unknownClass(segment: id, label: label, classes: classes)
    }
    return index
  }

  /// A kept segment as a manifest line. `windows` comes from the audio front end when audio was
  /// read; `windowCount(duration:…)` gives it for labels-only runs.
  ///
  /// The span is the audio reference's when there is one (`end` nil: start + duration), else the
  /// segment's timeline span with an empty path. Throws when the segment has no task class or no
  /// duration.
  public init(kept: LabeledSegment, speaker: Speaker, windows: Int, audioHash: String? = nil) throws(LocatedError) {
    let segment = kept.segment
    guard let label = kept.label else {
      throw LocatedError(
        file: segment.origin.file, line: segment.origin.line, "segment \(segment.id) has no task class",
        expected: "a kept segment")
    }
    guard let duration = segment.duration, duration.isFinite, duration > 0 else {
      throw LocatedError(
        file: segment.origin.file, line: segment.origin.line, "segment \(segment.id) has no positive duration",
        expected: "start and end times or an audio span")
    }
    let path = segment.audio?.path ?? ""
    let start = segment.audio?.start ?? segment.span?.start ?? 0
    let end = segment.audio?.end ?? (start + duration)
    self.init(
      id: segment.id, speaker: segment.speaker, dialog: segment.dialog, gender: speaker.gender, role: speaker.role,
      label: label, path: path, start: start, end: end, duration: ((end - start) * 1e6).rounded() / 1e6,
      windows: max(1, windows),
      audioHash: audioHash)
  }

  /// A kept segment whose duration is unknown as a manifest line: a whole file (a table row
  /// without times) a labels-only run could not measure, its audio file not being there. It starts
  /// where its audio reference does (0 for a whole file); `end`, `duration` and `windows` are nil.
  /// Throws when the segment has no task class.
  public init(keptOfUnknownDuration kept: LabeledSegment, speaker: Speaker) throws(LocatedError) {
    let segment = kept.segment
    guard let label = kept.label else {
      throw LocatedError(
        file: segment.origin.file, line: segment.origin.line, "segment \(segment.id) has no task class",
        expected: "a kept segment")
    }
    self.init(
      id: segment.id, speaker: segment.speaker, dialog: segment.dialog, gender: speaker.gender, role: speaker.role,
      label: label, path: segment.audio?.path ?? "", start: segment.audio?.start ?? segment.span?.start ?? 0,
      end: nil, duration: nil, windows: nil)
  }

  /// Number of 3 s sub-segments of `duration` seconds at `sampleRate`, at least 1.
  public static func windowCount(duration: Double, sampleRate: Int) -> Int {
    let framing = Framing(sampleRate: sampleRate)
    let frames = framing.frameCount(samples: Framing.sampleCount(seconds: duration, sampleRate: sampleRate))
    return max(1, framing.windowCount(frames: frames))
  }
}
