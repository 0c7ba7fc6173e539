/// What a feature build did with the slots it owns: a slot whose finished shard file still
/// matches its audio is reused as it is; any other slot is computed (records found in older shard
/// files are copied into it, the rest extracted).
public struct FeatureSlotCounts: Hashable, Sendable {
  /// The slots of this run (0-based, all of them without `--shard`).
  public var slots: Range<Int>
  /// Every slot of the build, over all parts.
  public var slotCount: Int
  public var reused = 0
  public var computed = 0

  public init(slots: Range<Int>, slotCount: Int, reused: Int = 0, computed: Int = 0) {
    self.slots = slots
    self.slotCount = slotCount
    self.reused = reused
    self.computed = computed
  }

  /// One line for the log, e.g. "feature slots 4–5 of 5: 1 reused (finished earlier), 1 computed".
  public var description: String {
    let which =
      slots.count == slotCount
      ? "all \(slotCount) feature slot\(slotCount == 1 ? "" : "s")"
      : slots.count == 1
        ? "feature slot \(slots.lowerBound + 1) of \(slotCount)"
        : "feature slots \(slots.lowerBound + 1)–\(slots.upperBound) of \(slotCount)"
    return "\(which): \(reused) reused (finished earlier), \(computed) computed"
  }
}
