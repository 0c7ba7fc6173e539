import Foundation

/// Where a training step spends its time, by thread CPU time per phase (`make bench` prints the
/// shares). Off unless a workspace is given one; one instance per worker thread.
final class PhaseTimes {
  /// The phases of one forward/backward pass, in pass order.
  enum Phase: Int, CaseIterable {
    /// im2col, GEMMs, bias and ReLU of every convolution.
    case convForward
    /// The BiLSTM input projection (one GEMM for all steps of all samples).
    case lstmProjection
    /// The BiLSTM recurrence: per-step GEMMs and gate activations.
    case lstmRecurrence
    /// Dropout, dense layers, heads, softmax and loss, forward and backward.
    case heads
    /// Backward through time: gate gradients, per-step GEMMs, the recurrent weight gradient.
    case lstmBackRecurrence
    /// Input-weight gradient and the input gradient of the BiLSTM.
    case lstmBackProjection
    /// Weight and input gradients of every convolution (GEMMs, col2im).
    case convBackward
  }

  private(set) var seconds = [Double](repeating: 0, count: Phase.allCases.count)
  private var last = PhaseTimes.now()

  /// Starts timing the next phase from now.
  func start() { last = PhaseTimes.now() }

  /// Books the time since the last call to `phase`.
  func lap(_ phase: Phase) {
    let now = PhaseTimes.now()
    seconds[phase.rawValue] += now - last
    last = now
  }

  static func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
  }
}
