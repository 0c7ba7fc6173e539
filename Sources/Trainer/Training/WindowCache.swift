/// Training windows kept in memory between the batches that use them, within a byte budget.
///
/// A segment of W windows is needed by up to W batches of an epoch (more when oversampled); reading
/// it for each would read and checksum its feature record W times, about W² windows per epoch. The
/// epoch's batch order is known in advance, so the cache keeps each segment read until its last use
/// and, when the budget is exceeded, drops the segment needed furthest in the future (Belady's
/// rule, the fewest reads for the budget). Segments are kept into the next epoch while they fit, so
/// a training split within the budget is read once per fold. What the batches contain does not
/// depend on the budget, only how often the source is read.
struct WindowCache {
  /// Default budget: 512 MiB (about 3,600 windows of 300 × 120 values).
  static let defaultBudget = 512 << 20

  let budget: Int
  private var entries: [Int: [FeatureWindow]] = [:]
  private var bytes = 0
  /// Batch indices (ascending) at which each segment is used in the current epoch.
  private var uses: [Int: [Int]] = [:]
  /// Position in `uses[segment]` of the segment's next use.
  private var cursor: [Int: Int] = [:]
  /// Segment reads from the source since the cache was made.
  private(set) var reads = 0

  init(budget: Int = WindowCache.defaultBudget) { self.budget = max(0, budget) }

  /// Plans an epoch: `order` is the epoch's window order, cut into batches of `batchSize`.
  mutating func beginEpoch(_ order: [WindowRef], batchSize: Int) {
    uses = [:]
    for (i, ref) in order.enumerated() {
      let batch = i / batchSize
      if uses[ref.segment]?.last != batch { uses[ref.segment, default: []].append(batch) }
    }
    cursor = [:]
  }

  /// Batch index of the segment's next use after batch `batch` (Int.max: none this epoch).
  private mutating func nextUse(_ segment: Int, after batch: Int) -> Int {
    guard let list = uses[segment] else { return Int.max }
    var c = cursor[segment] ?? 0
    while c < list.count && list[c] <= batch { c += 1 }
    cursor[segment] = c
    return c < list.count ? list[c] : Int.max
  }

  /// The windows of `segment` for batch `batch`, from memory or read through `read`.
  mutating func windows(segment: Int, batch: Int, read: () throws -> [FeatureWindow]) rethrows -> [FeatureWindow] {
    if let cached = entries[segment] { return cached }
    let windows = try read()
    reads += 1
    let size = windows.reduce(0) { $0 + $1.features.count * MemoryLayout<Float>.size }
    let next = nextUse(segment, after: batch)
    guard size <= budget, next != Int.max || bytes + size <= budget else { return windows }
    entries[segment] = windows
    bytes += size
    while bytes > budget {
      // Drop the segment needed furthest ahead (possibly the one just read).
      var victim = segment
      var furthest = -1
      for key in entries.keys {
        let use = nextUse(key, after: batch)
        if use > furthest || (use == furthest && key > victim) {
          furthest = use
          victim = key
        }
      }
      let dropped = entries.removeValue(forKey: victim)!
      bytes -= dropped.reduce(0) { $0 + $1.features.count * MemoryLayout<Float>.size }
    }
    return windows
  }
}
