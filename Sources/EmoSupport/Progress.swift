import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Progress on stderr: a bar with rate and ETA on a terminal, plain periodic lines otherwise.
///
/// Thread-safe; `advance` is cheap enough to call per item.
public final class Progress: @unchecked Sendable {
  private let title: String
  private let total: Int
  private let unit: String
  private let enabled: Bool
  private let isTTY: Bool
  private let lock = NSLock()
  private var done = 0
  private let started = Date()
  private var lastDraw = Date.distantPast
  private var finished = false

  /// When false (e.g. `--quiet`), nothing is printed.
  nonisolated(unsafe) public static var enabled = true

  public init(_ title: String, total: Int, unit: String = "items") {
    self.title = title
    self.total = max(total, 0)
    self.unit = unit
    self.enabled = Progress.enabled
    self.isTTY = isatty(STDERR_FILENO) == 1
  }

  public func advance(by count: Int = 1) {
    lock.lock()
    defer { lock.unlock() }
    done += count
    let now = Date()
    let interval = isTTY ? 0.1 : 5.0
    if now.timeIntervalSince(lastDraw) >= interval { draw(now: now, final: false) }
  }

  public func finish() {
    lock.lock()
    defer { lock.unlock() }
    guard !finished else { return }
    finished = true
    draw(now: Date(), final: true)
  }

  private func draw(now: Date, final: Bool) {
    lastDraw = now
    guard enabled else { return }
    let elapsed = max(now.timeIntervalSince(started), 1e-6)
    let rate = Double(done) / elapsed
    let remaining = rate > 0 && total > done ? Double(total - done) / rate : 0
    let rateText = String(format: "%.1f %@/s", rate, unit)
    let line: String
    if isTTY {
      let width = 30
      let fraction = total > 0 ? min(Double(done) / Double(total), 1) : 1
      let filled = Int(fraction * Double(width))
      let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
      line =
        "\r\(title) [\(bar)] \(done)/\(total) \(rateText) ETA \(Progress.clock(remaining))"
        + (final ? " done in \(Progress.clock(elapsed))\n" : "")
    } else {
      line =
        final
        ? "\(title): \(done)/\(total) \(unit) done in \(Progress.clock(elapsed)) (\(rateText))\n"
        : "\(title): \(done)/\(total) \(unit), \(rateText), ETA \(Progress.clock(remaining))\n"
    }
    FileHandle.standardError.write(Data(line.utf8))
  }

  static func clock(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    return s >= 3600
      ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
  }
}
