import Foundation
import Testing

@testable import Agreement

/// Every number an ICC puts into audit.json is finite (JSON has no NaN: one would make the whole
/// audit fail to write). Small complete blocks of integer ratings, the designs where degrees of
/// freedom and the Satterthwaite approximation degenerate, are searched exhaustively enough.
@Suite struct ICCFiniteTests {
  @Test func twoWayFormsNeverGiveANonFiniteNumber() throws {
    var rng = SystemRandomNumberGenerator()
    var designs = 0
    for n in 2...5 {
      for k in 2...4 {
        for _ in 0..<400 {
          let block = (0..<(n * k)).map { _ in Double(Int.random(in: 1...3, using: &rng)) }
          let forms = IntraclassCorrelation.twoWay(block: block, items: n, raters: k)
          for value in [forms.0, forms.1, forms.2, forms.3] {
            let numbers = [value.value, value.f, value.df1, value.df2, value.p].compactMap { $0 } + (value.ci95 ?? [])
            #expect(numbers.allSatisfy { $0.isFinite }, "\(n)×\(k) \(block): \(value)")
            if value.ci95 == nil, value.value != nil { #expect(value.note != nil, "\(block)") }
          }
          designs += 1
        }
      }
    }
    #expect(designs == 4 * 3 * 400)
  }
}
