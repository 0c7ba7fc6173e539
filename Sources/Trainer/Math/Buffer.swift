/// A fixed-size, zero-initialized scratch array with a stable address (layer workspaces).
///
/// Not `Sendable`: each worker thread owns its own buffers.
final class Buffer<S: TrainerScalar> {
  let count: Int
  let pointer: UnsafeMutablePointer<S>

  init(_ count: Int) {
    self.count = count
    pointer = .allocate(capacity: max(count, 1))
    pointer.initialize(repeating: 0, count: max(count, 1))
  }

  deinit { pointer.deallocate() }

  /// Sets every element to zero.
  func zero() { pointer.update(repeating: 0, count: count) }

  /// Sets the first `n` elements to zero.
  func zero(_ n: Int) { pointer.update(repeating: 0, count: n) }
}
