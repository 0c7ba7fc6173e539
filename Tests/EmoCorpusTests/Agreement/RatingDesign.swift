import Agreement

/// A random rating design of the numeric fast-path tests: (item, rater, value) rows, each test's
/// generator choosing the values.
struct RatingDesign {
  var itemCount: Int
  var raterCount: Int
  var items: [Int] = []
  var raters: [Int] = []
  var values: [Double] = []
  /// Some rater rated some item twice with the same value.
  var duplicates = false

  /// The rows in a random order (Fisher–Yates, positions drawn from `next`).
  mutating func shuffle(_ next: () -> UInt64) {
    for t in stride(from: items.count - 1, to: 0, by: -1) {
      let u = Int(next() % UInt64(t + 1))
      items.swapAt(t, u)
      raters.swapAt(t, u)
      values.swapAt(t, u)
    }
  }

  var ratings: NumericRatings {
    NumericRatings(items: items, raters: raters, values: values, itemCount: itemCount, raterCount: raterCount)
  }
}

/// The designs' reproducible random numbers: a 64-bit linear congruential generator (its upper
/// bits), seeded from the design's number and a salt of each test's own.
struct DesignRandom {
  private var state: UInt64

  init(design k: Int, salt: UInt64) { state = UInt64(k) &* 0x9E37_79B9_7F4A_7C15 &+ salt }

  mutating func next() -> UInt64 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return state >> 11
  }

  /// Uniform in [0, 1).
  mutating func uniform() -> Double { Double(next()) / Double(1 << 53) }
}
