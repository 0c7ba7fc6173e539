import EmoSupport
import Foundation
import Testing

@Suite struct FixedDecimalsTests {
  /// The text must be the one Foundation's formatter gives: manifests hash spans written this way,
  /// so a different rounding would change every `audio_hash` of an existing prep.
  @Test func matchesFoundationFormattingIncludingHalfwayAndNegativeCases() {
    var random = SeededRandom(seed: 7, stream: "fixed-decimals")
    var values: [Double] = [
      0, -0.0, 0.0005, 0.0015, 0.0025, 1.0005, 2.675, -0.0004, -1.2345, 863.398, 1e9 + 0.0625, 12.3456789,
    ]
    for _ in 0..<2000 { values.append((random.uniform() - 0.3) * 5000) }
    for _ in 0..<500 { values.append(Double(Int(random.uniform() * 100_000)) / 1000 + 0.0005) }
    for v in values {
      #expect(fixedDecimals(v, 3) == String(format: "%.3f", v), "value \(v)")
      #expect(fixedDecimals(v, 2) == String(format: "%.2f", v), "value \(v)")
    }
    #expect(fixedDecimals(1.5, 0) == "2")
    #expect(fixedDecimals(2.5, 0) == "2")  // Half to even on an exactly representable half.
    #expect(fixedDecimals(-0.0004, 3) == "-0.000")
  }
}
