import Dispatch
import EmoSupport
import Foundation
import Testing

@Suite struct OrderedStreamTests {
  /// Items of uneven cost on four threads: every result is emitted once, in item order, one emit
  /// at a time, and no item is handed out more than `window` ahead of the next one to emit.
  @Test func emitsEveryResultInOrderWithinTheWindow() {
    let count = 500
    let window = 6
    let stream = OrderedStream<Int>(count: count, window: window)
    let log = Log()
    DispatchQueue.concurrentPerform(iterations: 4) { _ in
      while let item = stream.next() {
        log.handedOut(item)
        var x = 0
        for k in 0..<((item * 7919) % 5000) { x &+= k }  // uneven work
        stream.finish(item, item * 2 &+ (x & 0)) { index, result in log.emitted(index, result) }
      }
    }
    #expect(log.emittedIndexes == Array(0..<count))
    #expect(log.emittedResults == (0..<count).map { $0 * 2 })
    #expect(log.maxAhead < window, "an item was handed out \(log.maxAhead) ahead of the next to emit")
    #expect(!log.overlapped)
  }

  /// After `stop()`, `next()` hands out nothing more.
  @Test func stopEndsTheItems() {
    let stream = OrderedStream<Int>(count: 10, window: 10)
    #expect(stream.next() == 0)
    stream.stop()
    #expect(stream.next() == nil)
  }

  private final class Log: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var emittedIndexes: [Int] = []
    private(set) var emittedResults: [Int] = []
    private(set) var maxAhead = 0
    private(set) var overlapped = false
    private var inEmit = false

    func handedOut(_ item: Int) {
      lock.lock()
      maxAhead = max(maxAhead, item - emittedIndexes.count)
      lock.unlock()
    }

    func emitted(_ index: Int, _ result: Int) {
      lock.lock()
      if inEmit { overlapped = true }
      inEmit = true
      emittedIndexes.append(index)
      emittedResults.append(result)
      lock.unlock()
      usleep(0)
      lock.lock()
      inEmit = false
      lock.unlock()
    }
  }
}
