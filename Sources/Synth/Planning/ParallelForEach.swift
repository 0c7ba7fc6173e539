import Foundation

/// Runs `body` for every index on up to `jobs` threads and rethrows the first failure by index,
/// so the outcome never depends on scheduling.
func parallelForEach(count: Int, jobs: Int, _ body: @Sendable (Int) throws -> Void) throws {
  let errors = ErrorSlots(count: count)
  let workers = max(1, min(jobs, count))
  DispatchQueue.concurrentPerform(iterations: workers) { worker in
    var i = worker
    while i < count {
      do { try body(i) } catch { errors.set(i, error) }
      i += workers
    }
  }
  if let first = errors.first { throw first }
}

private final class ErrorSlots: @unchecked Sendable {
  private var slots: [Error?]
  private let lock = NSLock()
  init(count: Int) { slots = [Error?](repeating: nil, count: count) }
  func set(_ i: Int, _ error: Error) {
    lock.lock()
    slots[i] = error
    lock.unlock()
  }
  var first: Error? { slots.compactMap { $0 }.first }
}
