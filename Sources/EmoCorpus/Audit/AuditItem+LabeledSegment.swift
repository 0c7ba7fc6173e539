extension AuditItem {
  /// The audit's view of a normalized segment: external coders' categorical judgements only
  /// (self-evaluations and dimensional lines are not agreement data), canonical classes, task label.
  ///
  /// `speaker` supplies role and gender; when nil (unknown speaker) the role is `.speaker` and the
  /// gender `.unknown`.
  public init(_ labeled: LabeledSegment, speaker: Speaker?) {
    let segment = labeled.segment
    self.init(
      segmentID: segment.id, dialog: segment.dialog, speaker: segment.speaker, role: speaker?.role ?? .speaker,
      gender: speaker?.gender ?? .unknown, duration: segment.duration,
      judgements: labeled.annotations.filter { $0.kind == .categorical }.map {
        AuditJudgement(coder: $0.coder, major: $0.major, minor: $0.minor)
      },
      finalLabel: labeled.label)
  }
}
