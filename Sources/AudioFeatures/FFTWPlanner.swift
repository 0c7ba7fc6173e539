import CFFTW
import COpenBLAS
import Foundation

/// FFTW's planner is not thread-safe (DESIGN.md, Known traps): every plan creation and destruction
/// goes through this one lock; executing an existing plan on its own buffers is safe from any thread.
enum FFTWPlanner {
  private static let lock = NSLock()

  /// Runs `body` (a plan create or destroy) while holding the global planner lock.
  static func serialized<T>(_ body: () -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body()
  }

  /// OpenBLAS threads would fight the feature workers for the cores: one thread, set once.
  static let singleThreadedBLAS: Void = { openblas_set_num_threads(1) }()
}
