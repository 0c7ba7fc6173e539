/// The relaxed pairing of two coders' Major/Minor classes: if their {Major, Minor} sets meet, the
/// pair agrees on one shared class (A's Major, else B's Major, else the shared Minor).
public enum RelaxedAgreement {
  /// The pair kappa counts under the relaxed rule (all labels already macro-classes).
  ///
  /// A's set is {Major_A, Minor_A}, B's is {Major_B, Minor_B}. When they intersect the pair is an
  /// agreement on one class: Major_A if it is in B's set, else Major_B if it is in A's set, else the
  /// shared Minor class. Otherwise it is (Major_A, Major_B), as in the strict rule.
  public static func pair(majorA: String, minorA: String?, majorB: String, minorB: String?) -> (String, String) {
    if majorA == majorB || majorA == minorB { return (majorA, majorA) }
    if majorB == minorA { return (majorB, majorB) }
    if let minorA, let minorB, minorA == minorB { return (minorA, minorA) }
    return (majorA, majorB)
  }
}
