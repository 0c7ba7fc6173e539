import Testing

@testable import Agreement
@testable import EmoCorpus

@Suite struct RelaxedAgreementTests {
  struct Case: Sendable, CustomStringConvertible {
    let a: (String, String?)
    let b: (String, String?)
    let expected: (String, String)
    var description: String { "\(a) vs \(b)" }
  }

  // Hand-worked from the relaxed rule.
  static let cases: [Case] = [
    // Same Major: agreement on it.
    Case(a: ("Fear", nil), b: ("Fear", "Anger"), expected: ("Fear", "Fear")),
    // Major_A is B's Minor: agreement on Major_A.
    Case(a: ("Fear", "Anger"), b: ("Anger", "Fear"), expected: ("Fear", "Fear")),
    Case(a: ("Positive", nil), b: ("Neutral", "Positive"), expected: ("Positive", "Positive")),
    // Major_A not in B's set, Major_B is A's Minor: agreement on Major_B.
    Case(a: ("Fear", "Anger"), b: ("Anger", nil), expected: ("Anger", "Anger")),
    // Only the Minors meet: agreement on the shared Minor.
    Case(a: ("Fear", "Sadness"), b: ("Neutral", "Sadness"), expected: ("Sadness", "Sadness")),
    // Disjoint sets: the Majors, as in the strict rule.
    Case(a: ("Fear", "Sadness"), b: ("Neutral", "Anger"), expected: ("Fear", "Neutral")),
    Case(a: ("Fear", nil), b: ("Neutral", nil), expected: ("Fear", "Neutral")),
    // Minor equal to the own Major changes nothing.
    Case(a: ("Fear", "Fear"), b: ("Anger", "Anger"), expected: ("Fear", "Anger")),
  ]

  @Test(arguments: cases) func relaxedPairFollowsSpec(_ c: Case) {
    let p = RelaxedAgreement.pair(majorA: c.a.0, minorA: c.a.1, majorB: c.b.0, minorB: c.b.1)
    #expect(p.0 == c.expected.0 && p.1 == c.expected.1)
  }
}
