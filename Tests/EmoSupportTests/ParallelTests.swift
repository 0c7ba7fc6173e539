import EmoSupport
import Foundation
import Testing

@Suite struct ParallelTests {
  @Test(arguments: [1, 2, 7]) func mapKeepsItemOrderWhateverTheWorkers(_ workers: Int) {
    let out = Parallel.map(1000, workers: workers) { i, worker -> Int in
      precondition(worker < workers)
      return i * i
    }
    #expect(out == (0..<1000).map { $0 * $0 })
    #expect(Parallel.map(0, workers: workers) { i, _ in i }.isEmpty)
  }

  @Test func forEachRethrowsTheFailureOfTheLowestIndex() {
    struct Failure: Error, Equatable { let item: Int }
    let done = Counter()
    #expect(throws: Failure(item: 3)) {
      try Parallel.forEach(100, workers: 4) { i in
        done.add()
        if i == 3 || i == 50 { throw Failure(item: i) }
      }
    }
    #expect(done.value == 100)
  }

  final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() {
      lock.lock()
      count += 1
      lock.unlock()
    }
    var value: Int {
      lock.lock()
      defer { lock.unlock() }
      return count
    }
  }
}
