/// Numeric ratings of items by raters as plain arrays, grouped by item (compressed rows): item i's
/// ratings are at `offsets[i] ..< offsets[i + 1]` of `raters` and `values`. No corpus types.
public struct NumericRatings: Sendable, Hashable {
  public let itemCount: Int
  public let raterCount: Int
  /// itemCount + 1 offsets into `raters` / `values`.
  public let offsets: [Int]
  public let raters: [Int32]
  public let values: [Double]

  /// Groups (item, rater, value) triples by item (order within an item is kept). Items are
  /// 0 ..< itemCount, raters 0 ..< raterCount (both grown to fit the indices). A rater rating one
  /// item twice keeps both values (callers remove duplicates if they must).
  ///
  /// A first pass finds the largest ids and whether the triples already come grouped by item (as
  /// readers write them); then the values are shared as they are and each item's start is where
  /// its first rating is. Otherwise a counting sort by item places them (stable, two passes).
  public init(items: [Int], raters: [Int], values: [Double], itemCount: Int = 0, raterCount: Int = 0) {
    precondition(items.count == raters.count && raters.count == values.count, "triples of unequal length")
    let total = items.count
    var largestItem = -1
    var largestRater = -1
    var smallest = 0
    var descents = 0
    // One pass over the ids: their range, whether items never go down, the raters as Int32, and
    // where each item of 0 ..< itemCount ends (its last rating + 1, 0 if none) in case they are
    // grouped.
    // (Every element of `r` is written by the pass: it starts uninitialized.)
    var ends = [Int](repeating: 0, count: itemCount + 1)
    let r = [Int32](unsafeUninitializedCapacity: total) { ro, written in
      written = total
      items.withUnsafeBufferPointer { it in
        raters.withUnsafeBufferPointer { rt in
          ends.withUnsafeMutableBufferPointer { e in
            // Locals, so that the loop keeps them in registers.
            var previous = total > 0 ? it[0] : 0
            var down = 0
            var item = -1
            var rater = -1
            var least = 0
            for t in 0..<total {
              let i = it[t]
              let g = rt[t]
              down &+= i < previous ? 1 : 0
              previous = i
              item = Swift.max(item, i)
              rater = Swift.max(rater, g)
              least = Swift.min(least, Swift.min(i, g))
              ro[t] = Int32(truncatingIfNeeded: g)
              if i >= 0 && i < itemCount { e[i &+ 1] = t &+ 1 }
            }
            descents = down
            largestItem = item
            largestRater = rater
            smallest = least
          }
        }
      }
    }
    precondition(smallest >= 0, "negative item or rater index")
    precondition(largestRater < Int(Int32.max), "rater index beyond Int32")
    let n = Swift.max(itemCount, largestItem + 1)
    self.itemCount = n
    self.raterCount = Swift.max(raterCount, largestRater + 1)
    var offsets: [Int]
    if descents == 0 && n == itemCount {
      // Grouped, every item id below itemCount: an item starts where the items before it end
      // (the running maximum of the ends; an item without ratings starts where the next one does).
      ends.withUnsafeMutableBufferPointer { e in
        for i in stride(from: 1, through: n, by: 1) { e[i] = Swift.max(e[i], e[i - 1]) }
      }
      offsets = ends
      self.values = values
      self.raters = r
    } else if descents == 0 {
      // Grouped: each item starts at its first rating (written last, scanning backwards); an item
      // without ratings starts where the next one does.
      offsets = [Int](repeating: total, count: n + 1)
      offsets.withUnsafeMutableBufferPointer { o in
        items.withUnsafeBufferPointer { it in
          for t in stride(from: total - 1, through: 0, by: -1) { o[it[t]] = t }
        }
        for i in stride(from: n - 1, through: 0, by: -1) { o[i] = Swift.min(o[i], o[i + 1]) }
      }
      self.values = values
      self.raters = r
    } else {
      offsets = [Int](repeating: 0, count: n + 1)
      offsets.withUnsafeMutableBufferPointer { o in
        items.withUnsafeBufferPointer { it in
          for item in it { o[item &+ 1] &+= 1 }
        }
        for i in 0..<n { o[i + 1] &+= o[i] }
      }
      var v = [Double](repeating: 0, count: total)
      var placed = [Int32](repeating: 0, count: total)
      var next = Array(offsets.dropLast())
      items.withUnsafeBufferPointer { it in
        r.withUnsafeBufferPointer { rt in
          values.withUnsafeBufferPointer { vs in
            placed.withUnsafeMutableBufferPointer { ro in
              v.withUnsafeMutableBufferPointer { vo in
                next.withUnsafeMutableBufferPointer { nx in
                  for t in 0..<total {
                    let at = nx[it[t]]
                    nx[it[t]] = at &+ 1
                    ro[at] = rt[t]
                    vo[at] = vs[t]
                  }
                }
              }
            }
          }
        }
      }
      self.values = v
      self.raters = placed
    }
    self.offsets = offsets
  }

  /// Ratings in all.
  public var count: Int { values.count }

  /// Number of ratings of item i.
  @inline(__always) public func ratingCount(_ i: Int) -> Int { offsets[i + 1] - offsets[i] }
}
