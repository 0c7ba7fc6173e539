import Dispatch
import Foundation

/// Work prep hands to a thread of its own so that both cores stay busy (catalog inserts during the
/// feature build, the audit beside the manifests): closures run one after another, in the order
/// given; the first error is kept and later closures are skipped.
///
/// A closure must own what it touches (values captured by copy, or an object only it uses until
/// `wait()`): that is why `run` takes a non-Sendable closure.
final class BackgroundWork: @unchecked Sendable {
  private let queue: DispatchQueue
  private let lock = NSLock()
  private var failure: Error?

  init(_ label: String) { queue = DispatchQueue(label: label) }

  func run(_ body: @escaping () throws -> Void) {
    let work = Unchecked(body)
    queue.async {
      guard self.firstFailure == nil else { return }
      do {
        try work.body()
      } catch {
        self.lock.lock()
        if self.failure == nil { self.failure = error }
        self.lock.unlock()
      }
    }
  }

  /// Waits for every closure given so far; rethrows the first failure.
  func wait() throws {
    queue.sync {}
    if let failure = firstFailure { throw failure }
  }

  private var firstFailure: Error? {
    lock.lock()
    defer { lock.unlock() }
    return failure
  }

  private struct Unchecked: @unchecked Sendable {
    let body: () throws -> Void
    init(_ body: @escaping () throws -> Void) { self.body = body }
  }
}
