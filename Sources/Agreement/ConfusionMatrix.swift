/// Counts of (coder A class, coder B class) pairs over `classCount` integer-coded classes.
public struct ConfusionMatrix: Sendable, Hashable, Codable {
  public let classCount: Int
  /// Row-major counts: row = coder A's class, column = coder B's class.
  public private(set) var counts: [Int]
  /// Pairs whose code was outside 0..<classCount (never counted in `counts`).
  public private(set) var ignored: Int

  /// An empty matrix.
  public init(classCount: Int) {
    self.classCount = max(classCount, 0)
    counts = [Int](repeating: 0, count: self.classCount * self.classCount)
    ignored = 0
  }

  /// One pass over two code columns of equal length (the shorter length is used otherwise).
  public init(codesA: [Int32], codesB: [Int32], classCount: Int) {
    self.init(classCount: classCount)
    let k = self.classCount
    let n = min(codesA.count, codesB.count)
    var outOfRange = 0
    counts.withUnsafeMutableBufferPointer { cells in
      codesA.withUnsafeBufferPointer { a in
        codesB.withUnsafeBufferPointer { b in
          for i in 0..<n {
            let x = Int(a[i])
            let y = Int(b[i])
            if UInt(bitPattern: x) < UInt(k) && UInt(bitPattern: y) < UInt(k) {
              cells[x &* k &+ y] &+= 1
            } else {
              outOfRange &+= 1
            }
          }
        }
      }
    }
    ignored = outOfRange + max(codesA.count, codesB.count) - n
  }

  /// Counts pairs that could not be formed (unequal column lengths) as ignored.
  mutating func add(unpaired: Int) { ignored += unpaired }

  /// Count of pairs (a, b).
  public subscript(a: Int, b: Int) -> Int { counts[a * classCount + b] }

  /// Adds `count` pairs (a, b); codes out of range are counted in `ignored`.
  public mutating func add(_ a: Int, _ b: Int, count: Int = 1) {
    guard a >= 0, b >= 0, a < classCount, b < classCount else {
      ignored += count
      return
    }
    counts[a * classCount + b] += count
  }

  /// Adds every cell of `other` (same class count) to this matrix.
  public mutating func add(_ other: ConfusionMatrix) {
    guard other.classCount == classCount else {
      ignored += other.total + other.ignored
      return
    }
    for i in counts.indices { counts[i] += other.counts[i] }
    ignored += other.ignored
  }

  /// Number of counted pairs.
  public var total: Int { counts.reduce(0, +) }

  /// Row sums (coder A's marginal counts).
  public var rowTotals: [Int] {
    (0..<classCount).map { r in (0..<classCount).reduce(0) { $0 + counts[r * classCount + $1] } }
  }

  /// Column sums (coder B's marginal counts).
  public var columnTotals: [Int] {
    (0..<classCount).map { c in (0..<classCount).reduce(0) { $0 + counts[$1 * classCount + c] } }
  }

  /// Rows as nested arrays (for reports).
  public var rows: [[Int]] {
    (0..<classCount).map { r in Array(counts[(r * classCount)..<((r + 1) * classCount)]) }
  }
}
