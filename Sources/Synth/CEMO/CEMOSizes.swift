/// How many callers, agents, dialogs and segments of each class a CEMO-style corpus gets.
struct CEMOSizes: Sendable, Hashable {
  /// Callers with at least one Fear/Anger/Positive/Neutral segment and at least one non-Neutral one.
  var emotionalCallers: Int
  /// Of those, callers without any Neutral segment.
  var emotionalCallersWithoutNeutral: Int
  /// Callers whose four-class segments are all Neutral.
  var onlyNeutralCallers: Int
  /// Callers with segments of other classes only (Sadness, Pain, Surprise, no consensus).
  var otherCallers: Int
  /// Neutral segments of emotional callers and of only-neutral callers.
  var neutralOfEmotional: Int
  var neutralOfOnlyNeutral: Int
  var anger: Int
  var fear: Int
  var positive: Int
  /// Caller segments of the classes outside cemo-4.
  var sadness: Int
  var pain: Int
  var surprise: Int
  /// Dialogs of the emotional callers and of the others (a dialog has one or two callers).
  var emotionalDialogs: Int
  var otherDialogs: Int
  var agents: Int
  /// XML files the dialogs are spread over.
  var files: Int

  /// The paper's CEMO-4eC (Table I and §III-B: 672 Anger, 312 Fear, 459 Positive and 3382 Neutral
  /// segments of 485 callers in 440 dialogs after removing 322 only-neutral callers and their
  /// 2106 segments; 778 of the 807 callers have a Neutral segment).
  static let paper = CEMOSizes(
    emotionalCallers: 485, emotionalCallersWithoutNeutral: 29, onlyNeutralCallers: 322, otherCallers: 12,
    neutralOfEmotional: 3382, neutralOfOnlyNeutral: 2106, anger: 672, fear: 312, positive: 459, sadness: 70,
    pain: 45, surprise: 35, emotionalDialogs: 440, otherDialogs: 300, agents: 24, files: 6)

  /// The paper's proportions scaled to `callers` four-class callers and about `dialogs` dialogs.
  static func scaled(callers: Int, dialogs: Int?) -> CEMOSizes {
    let p = paper
    let all = p.emotionalCallers + p.onlyNeutralCallers
    let f = Double(callers) / Double(all)
    func scale(_ x: Int, minimum: Int = 0) -> Int { max(minimum, Int((Double(x) * f).rounded())) }
    let emotional = min(callers - 1, max(2, scale(p.emotionalCallers)))
    let onlyNeutral = callers - emotional
    let other = scale(p.otherCallers, minimum: 1)
    var sizes = CEMOSizes(
      emotionalCallers: emotional,
      emotionalCallersWithoutNeutral: min(emotional - 1, scale(p.emotionalCallersWithoutNeutral)),
      onlyNeutralCallers: onlyNeutral, otherCallers: other,
      neutralOfEmotional: scale(p.neutralOfEmotional, minimum: emotional),
      neutralOfOnlyNeutral: scale(p.neutralOfOnlyNeutral, minimum: onlyNeutral),
      anger: scale(p.anger, minimum: 1), fear: scale(p.fear, minimum: 1), positive: scale(p.positive, minimum: 1),
      sadness: scale(p.sadness, minimum: 1), pain: scale(p.pain, minimum: 1), surprise: scale(p.surprise, minimum: 1),
      emotionalDialogs: 0, otherDialogs: 0, agents: min(30, max(2, (callers + 3) / 7)), files: 3)
    // Every emotional caller needs one non-Neutral segment; every other caller one other-class one.
    while sizes.anger + sizes.fear + sizes.positive < emotional { sizes.anger += 1 }
    while sizes.sadness + sizes.pain + sizes.surprise < other { sizes.sadness += 1 }
    let totalDialogs = dialogs ?? max((callers + 1) / 2, Int((Double(callers) * 0.75).rounded()))
    let groupB = onlyNeutral + other
    var a = Int((Double(totalDialogs) * Double(emotional) / Double(emotional + groupB)).rounded())
    a = min(max(a, (emotional + 1) / 2), emotional)
    var b = min(max(totalDialogs - a, (groupB + 1) / 2), groupB)
    if a + b > totalDialogs, a > (emotional + 1) / 2 { a -= 1 }
    b = min(max(totalDialogs - a, (groupB + 1) / 2), groupB)
    sizes.emotionalDialogs = a
    sizes.otherDialogs = b
    sizes.files = min(3, sizes.agents)
    return sizes
  }
}
