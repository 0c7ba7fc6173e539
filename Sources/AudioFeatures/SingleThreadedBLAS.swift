import COpenBLAS

/// OpenBLAS on one thread, its idle server threads stopped (they would spin for about 0.1 s of CPU
/// after the library loads). Parallelism is at a higher level: feature workers, training batches.
/// The command line calls this first thing; the extractor calls it too, for library users.
public enum SingleThreadedBLAS {
  private static let once: Void = { emo_openblas_use_one_thread() }()

  /// Sets it up (once per process; later calls do nothing).
  public static func ensure() { _ = once }
}
