import EmoSupport

extension ItemFault {
  /// With `--strict`, a segment that no coder labeled is an item fault like any other: the error
  /// for the first such segment of `labeled` (in reading order), nil when there is none.
  public static func strictNoLabelError(_ labeled: [LabeledSegment]) -> LocatedError? {
    guard let first = labeled.first(where: { $0.drop?.reason == .noLabel }) else { return nil }
    let origin = first.segment.annotations.first?.origin ?? first.segment.origin
    return LocatedError(
      file: origin.file, line: origin.line, "segment \(first.segment.id) has no label",
      expected: "a label from at least one coder; without --strict such segments are dropped as no label")
  }
}
