import EmoSupport
import Foundation

/// Draws the planners need, all from the run's seeded streams (never the system RNG).
extension SeededRandom {
  /// Uniform integer in `range`.
  mutating func int(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(uniform() * Double(range.count)) % range.count
  }

  /// True with probability `p`.
  mutating func chance(_ p: Double) -> Bool { uniform() < p }

  /// An index drawn with probability proportional to `weights` (all ≥ 0, not all 0).
  mutating func index(weights: [Double]) -> Int {
    var u = uniform() * weights.reduce(0, +)
    for (i, w) in weights.enumerated() {
      u -= w
      if u < 0 { return i }
    }
    return weights.count - 1
  }

  /// A value drawn from `choices` with probability proportional to the weights.
  mutating func pick<T>(_ choices: [(T, Double)]) -> T { choices[index(weights: choices.map(\.1))].0 }

  /// Fisher–Yates shuffle driven by this stream.
  mutating func shuffle<T>(_ items: inout [T]) {
    guard items.count > 1 else { return }
    for i in stride(from: items.count - 1, to: 0, by: -1) {
      items.swapAt(i, int(in: 0...i))
    }
  }

  /// Log-normal duration in seconds with the given median and log-sd, clamped, rounded to 10 ms.
  mutating func duration(median: Double, sigma: Double, range: ClosedRange<Double>) -> Double {
    let raw = median * exp(sigma * normal())
    return (min(max(raw, range.lowerBound), range.upperBound) * 100).rounded() / 100
  }

  /// Splits `total` items into `bins` counts, each at least `minimum`, the rest spread with
  /// log-normal per-bin weights (some speakers talk much more than others).
  mutating func allocate(total: Int, bins: Int, minimum: Int = 1, spread: Double = 0.7) -> [Int] {
    guard bins > 0 else { return [] }
    var counts = [Int](repeating: minimum, count: bins)
    let rest = total - minimum * bins
    guard rest > 0 else { return counts }
    var cumulative = [Double]()
    var sum = 0.0
    for _ in 0..<bins {
      sum += exp(spread * normal())
      cumulative.append(sum)
    }
    for _ in 0..<rest {
      let u = uniform() * sum
      var lo = 0
      var hi = bins - 1
      while lo < hi {
        let mid = (lo + hi) / 2
        if cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
      }
      counts[lo] += 1
    }
    return counts
  }
}

/// Seconds rounded to 10 ms (the precision every layout writes times with).
func centiseconds(_ seconds: Double) -> Double { (seconds * 100).rounded() / 100 }
