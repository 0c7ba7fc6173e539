/// Ratings of items coded as integers: the input of every multi-rater coefficient.
///
/// `counts` is the items × categories table of how many ratings put each item in each category,
/// row-major (`counts[i * categories.count + k]`). `raters` is present when the rater of every
/// rating is known (a long table, a corpus's coders); a vote table has counts only.
public struct RatingTable: Sendable, Hashable {
  /// Category names; a category's code is its position.
  public let categories: [String]
  /// Items, including those with no rating (they take part in no coefficient).
  public let itemCount: Int
  /// Items × categories counts, row-major.
  public let counts: [Int32]
  /// Who gave each rating, when known.
  public let raters: RaterAssignments?

  /// A table of counts without rater identity (a vote table).
  public init(categories: [String], itemCount: Int, counts: [Int32]) {
    precondition(counts.count == itemCount * categories.count, "counts must be items × categories")
    self.categories = categories
    self.itemCount = itemCount
    self.counts = counts
    self.raters = nil
  }

  /// The same from one row of counts per item (rows shorter than the category list count 0).
  public init(categories: [String], rows: [[Int]]) {
    let q = categories.count
    var flat = [Int32](repeating: 0, count: rows.count * q)
    for (i, row) in rows.enumerated() {
      for (k, c) in row.prefix(q).enumerated() { flat[i * q + k] = Int32(clamping: max(c, 0)) }
    }
    self.init(categories: categories, itemCount: rows.count, counts: flat)
  }

  /// A table with rater identity; the counts are derived from the assignments.
  public init(categories: [String], raters: RaterAssignments) {
    let q = categories.count
    var flat = [Int32](repeating: 0, count: raters.itemCount * q)
    flat.withUnsafeMutableBufferPointer { out in
      raters.category.withUnsafeBufferPointer { category in
        raters.offsets.withUnsafeBufferPointer { offsets in
          for i in 0..<raters.itemCount {
            for r in Int(offsets[i])..<Int(offsets[i + 1]) { out[i &* q &+ Int(category[r])] &+= 1 }
          }
        }
      }
    }
    self.categories = categories
    self.itemCount = raters.itemCount
    self.counts = flat
    self.raters = raters
  }

  /// Ratings of item `i`.
  public func ratings(item i: Int) -> Int {
    let q = categories.count
    var total = 0
    for k in 0..<q { total += Int(counts[i * q + k]) }
    return total
  }
}

/// Who rated what: the ratings of each item as (rater, category) codes, item by item.
///
/// The ratings of item `i` are positions `offsets[i] ..< offsets[i + 1]` of `rater` and
/// `category`. A rater rates an item at most once (the readers keep a rater's first rating).
public struct RaterAssignments: Sendable, Hashable {
  /// Rater names; a rater's code is its position.
  public let names: [String]
  public let itemCount: Int
  public let offsets: [Int32]
  public let rater: [Int32]
  public let category: [Int32]

  public init(names: [String], offsets: [Int32], rater: [Int32], category: [Int32]) {
    precondition(!offsets.isEmpty && rater.count == category.count && Int(offsets.last!) == rater.count)
    self.names = names
    self.itemCount = offsets.count - 1
    self.offsets = offsets
    self.rater = rater
    self.category = category
  }

  /// From one list of (rater code, category code) per item; a rater listed twice on an item keeps
  /// its first rating.
  public init(names: [String], items: [[(rater: Int, category: Int)]]) {
    var offsets: [Int32] = [0]
    var rater: [Int32] = []
    var category: [Int32] = []
    offsets.reserveCapacity(items.count + 1)
    for ratings in items {
      let start = rater.count
      for r in ratings where !rater[start...].contains(Int32(r.rater)) {
        rater.append(Int32(r.rater))
        category.append(Int32(r.category))
      }
      offsets.append(Int32(rater.count))
    }
    self.init(names: names, offsets: offsets, rater: rater, category: category)
  }

  /// Number of ratings.
  public var count: Int { rater.count }
}

extension RatingTable {
  /// A table with rater identity from each item's (rater, label) ratings.
  ///
  /// Categories are `categories` when given (labels outside it are appended, sorted), else the
  /// labels used, sorted (as irrCAC without `categ.labels`); raters are sorted by name. A rater
  /// listed twice on an item keeps its first rating.
  public init(ratings: [[(rater: String, label: String)]], categories: [String]? = nil) {
    // Raters and labels numbered in order of first sight (one hash of each per rating), then
    // renumbered by sorted name and codebook position.
    var raterNumber: [String: Int] = [:]
    var raterSeen: [String] = []
    var labelNumber: [String: Int] = [:]
    var labelSeen: [String] = []
    let seen = ratings.map { item in
      item.map { r -> (rater: Int, category: Int) in
        let rater = Self.number(r.rater, &raterNumber, &raterSeen)
        return (rater, Self.number(r.label, &labelNumber, &labelSeen))
      }
    }
    var book = LabelCodebook(categories ?? [])
    for label in Set(labelSeen).subtracting(categories ?? []).sorted() { _ = book.code(label) }
    let names = raterSeen.sorted()
    let raterIndex = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    let raterOf = raterSeen.map { raterIndex[$0]! }
    let categoryOf = labelSeen.map { Int(book.existingCode($0)!) }
    let coded = seen.map { item in item.map { (rater: raterOf[$0.rater], category: categoryOf[$0.category]) } }
    self.init(categories: book.labels, raters: RaterAssignments(names: names, items: coded))
  }

  private static func number(_ name: String, _ numbers: inout [String: Int], _ names: inout [String]) -> Int {
    let next = names.count
    let n = numbers[name, default: next]
    if n == next {
      numbers[name] = next
      names.append(name)
    }
    return n
  }
}
