import Foundation

/// Items 0..<count handed to worker threads as they become free, their results taken back in item
/// order: the way to keep two cores busy on work whose output must be written in order.
///
/// Workers call `next()` for an item and `finish(_:_:emit:)` with its result; `emit` runs for
/// each result in item order, one call at a time, on whichever worker completed the item that
/// was next in order (results that complete early wait in memory). `next()` hands out no item
/// more than `window` ahead of the next one to emit, so memory stays bounded whatever the
/// scheduling. `stop()` makes `next()` return nil (a failure ends the work).
public final class OrderedStream<Result>: @unchecked Sendable {
  private let condition = NSCondition()
  private let count: Int
  private let window: Int
  private var cursor = 0
  private var nextToEmit = 0
  private var emitting = false
  private var stopped = false
  private var waiting: [Int: Result] = [:]

  public init(count: Int, window: Int) {
    self.count = count
    self.window = max(1, window)
  }

  /// The next item to compute; nil when none is left (or after `stop()`).
  public func next() -> Int? {
    condition.lock()
    defer { condition.unlock() }
    while !stopped, cursor < count, cursor >= nextToEmit + window { condition.wait() }
    guard !stopped, cursor < count else { return nil }
    cursor += 1
    return cursor - 1
  }

  /// Hands in item `index`'s result; emits every result now next in order (on this thread, unless
  /// another worker is emitting: that one takes it).
  public func finish(_ index: Int, _ result: Result, emit: (Int, Result) -> Void) {
    condition.lock()
    waiting[index] = result
    guard !emitting else {
      condition.unlock()
      return
    }
    emitting = true
    while let ready = waiting.removeValue(forKey: nextToEmit) {
      let position = nextToEmit
      condition.unlock()
      emit(position, ready)
      condition.lock()
      nextToEmit += 1
      condition.broadcast()
    }
    emitting = false
    condition.unlock()
  }

  /// No further items are handed out.
  public func stop() {
    condition.lock()
    stopped = true
    condition.broadcast()
    condition.unlock()
  }
}
