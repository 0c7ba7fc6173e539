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
  /// One pass finds the largest ids and whether the triples already come grouped by item (as
  /// readers write them); then the values are shared as they are and only the offsets are counted.
  /// Otherwise a counting sort by item places them (stable, two passes).
  public init(items: [Int], raters: [Int], values: [Double], itemCount: Int = 0, raterCount: Int = 0) {
    precondition(items.count == raters.count && raters.count == values.count, "triples of unequal length")
    let total = items.count
    var largestItem = -1
    var largestRater = -1
    var smallest = 0
    var descents = 0
    items.withUnsafeBufferPointer { it in
      raters.withUnsafeBufferPointer { rt in
        var previous = 0
        for t in 0..<total {
          let i = it[t]
          let r = rt[t]
          descents &+= i < previous ? 1 : 0
          previous = i
          largestItem = Swift.max(largestItem, i)
          largestRater = Swift.max(largestRater, r)
          smallest = Swift.min(smallest, Swift.min(i, r))
        }
      }
    }
    precondition(smallest >= 0, "negative item or rater index")
    precondition(largestRater < Int(Int32.max), "rater index beyond Int32")
    let n = Swift.max(itemCount, largestItem + 1)
    self.itemCount = n
    self.raterCount = Swift.max(raterCount, largestRater + 1)
    var offsets = [Int](repeating: 0, count: n + 1)
    var r = [Int32](repeating: 0, count: total)
    offsets.withUnsafeMutableBufferPointer { o in
      items.withUnsafeBufferPointer { it in
        for item in it { o[item &+ 1] &+= 1 }
      }
      for i in 0..<n { o[i + 1] &+= o[i] }
    }
    if descents == 0 {
      raters.withUnsafeBufferPointer { rt in
        r.withUnsafeMutableBufferPointer { ro in
          for t in 0..<total { ro[t] = Int32(truncatingIfNeeded: rt[t]) }
        }
      }
      self.values = values
    } else {
      var v = [Double](repeating: 0, count: total)
      var next = Array(offsets.dropLast())
      items.withUnsafeBufferPointer { it in
        raters.withUnsafeBufferPointer { rt in
          values.withUnsafeBufferPointer { vs in
            r.withUnsafeMutableBufferPointer { ro in
              v.withUnsafeMutableBufferPointer { vo in
                next.withUnsafeMutableBufferPointer { nx in
                  for t in 0..<total {
                    let at = nx[it[t]]
                    nx[it[t]] = at &+ 1
                    ro[at] = Int32(truncatingIfNeeded: rt[t])
                    vo[at] = vs[t]
                  }
                }
              }
            }
          }
        }
      }
      self.values = v
    }
    self.offsets = offsets
    self.raters = r
  }

  /// Ratings in all.
  public var count: Int { values.count }

  /// Number of ratings of item i.
  @inline(__always) public func ratingCount(_ i: Int) -> Int { offsets[i + 1] - offsets[i] }
}
