import Foundation

/// Named points where a test makes the process die at once, as `kill -9` would, so that tests of
/// interrupted runs stop at a known place instead of racing a timer. Armed only by the environment
/// variable `EMOCORPUS_FAULT=NAME` (the first time NAME is reached) or `NAME@N` (the N-th time);
/// without it `reached` costs one comparison.
public enum FaultPoint {
  /// The name of the environment variable that arms a fault point.
  public static let environmentKey = "EMOCORPUS_FAULT"

  /// A fault point's name and the occurrence that kills (1 = the first).
  public struct Armed: Sendable, Hashable {
    public var name: String
    public var occurrence: Int

    /// `NAME` or `NAME@N` (N ≥ 1); nil for anything else.
    public init?(parsing text: String) {
      let parts = text.split(separator: "@", omittingEmptySubsequences: false)
      guard let first = parts.first, !first.isEmpty, parts.count <= 2 else { return nil }
      name = String(first)
      if parts.count == 2 {
        guard let n = Int(parts[1]), n >= 1 else { return nil }
        occurrence = n
      } else {
        occurrence = 1
      }
    }
  }

  private final class Counter: @unchecked Sendable {
    let armed = ProcessInfo.processInfo.environment[FaultPoint.environmentKey].flatMap(Armed.init(parsing:))
    let lock = NSLock()
    var seen = 0
  }
  private static let counter = Counter()

  /// Kills the process with SIGKILL when this is the armed point's armed occurrence.
  public static func reached(_ name: String) {
    guard let armed = counter.armed, armed.name == name else { return }
    counter.lock.lock()
    counter.seen += 1
    let fire = counter.seen == armed.occurrence
    counter.lock.unlock()
    if fire { kill(getpid(), SIGKILL) }
  }
}
