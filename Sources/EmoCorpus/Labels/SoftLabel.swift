/// A segment's label as a distribution over the task classes, from its coders (`soft_label`).
public enum SoftLabel {
  /// One probability per task class (task order): each coder's Major label adds 2 to its class,
  /// each Minor (and each further label of a coder, as IEMOCAP evaluators give) adds 1; labels of
  /// classes outside the task add nothing; the scores are normalized to sum to 1. Self-evaluations
  /// and dimensional lines are not coder votes. Without any score on a task class, the one-hot
  /// vector of the segment's task class (nil when it has none).
  public static func distribution(_ segment: LabeledSegment, task: TaskDefinition) -> [Double]? {
    let classes = task.classNames
    var scores = [Double](repeating: 0, count: classes.count)
    func add(_ canonical: String?, _ points: Double) {
      guard let canonical, let taskClass = task.taskClass(of: canonical),
        let k = classes.firstIndex(of: taskClass)
      else { return }
      scores[k] += points
    }
    for annotation in segment.annotations where annotation.kind == .categorical && annotation.major != nil {
      add(annotation.major, 2)
      add(annotation.minor, 1)
      for further in annotation.additional { add(further, 1) }
    }
    let total = scores.reduce(0, +)
    if total > 0 { return scores.map { $0 / total } }
    guard let label = segment.label, let k = classes.firstIndex(of: label) else { return nil }
    return classes.indices.map { $0 == k ? 1 : 0 }
  }
}
