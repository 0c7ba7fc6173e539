import Dispatch
import Foundation

/// The one way EmoCorpus spreads independent items over threads: `workers` threads take items
/// 0..<count in turn; results (and the first error, by item index) never depend on scheduling.
public enum Parallel {
  /// `body(item, worker)` for every item; results in item order. `worker` (0..<workers) lets a
  /// caller give each thread its own scratch state.
  public static func map<T: Sendable>(_ count: Int, workers: Int, _ body: @Sendable (Int, Int) -> T) -> [T] {
    let box = Results<T>(count: count)
    let threads = max(1, min(workers, count))
    DispatchQueue.concurrentPerform(iterations: threads) { worker in
      while let item = box.next() { box.store(body(item, worker), at: item) }
    }
    return box.results.map { $0! }
  }

  /// `body(item)` for every item; rethrows the failure of the lowest item index, if any.
  public static func forEach(_ count: Int, workers: Int, _ body: @Sendable (Int) throws -> Void) throws {
    let outcomes = map(count, workers: workers) { item, _ in Result { try body(item) } }
    for outcome in outcomes { try outcome.get() }
  }

  private final class Results<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var cursor = 0
    private let count: Int
    var results: [T?]

    init(count: Int) {
      self.count = count
      results = Array(repeating: nil, count: count)
    }

    func next() -> Int? {
      lock.lock()
      defer { lock.unlock() }
      guard cursor < count else { return nil }
      cursor += 1
      return cursor - 1
    }

    func store(_ value: T, at index: Int) {
      lock.lock()
      results[index] = value
      lock.unlock()
    }
  }
}
