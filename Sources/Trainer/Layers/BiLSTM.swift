/// Bidirectional LSTM (PyTorch gate order i, f, g, o) with per-sample lengths.
///
/// Samples must be sorted by length, longest first, so that the samples active at any time step
/// are a prefix of the batch (as in PyTorch's packed sequences): steps at or past a sample's
/// length neither update its state nor produce output (the output stays 0), and the reverse
/// direction starts from a zero state at the sample's last true frame. Backward follows the same
/// rule, so padded steps receive and pass no gradient.
///
/// Parameters: `W_ih [8H, D]` (forward rows then reverse rows), `W_hh` forward `[4H, H]`, reverse
/// `[4H, H]`, then one or two bias vectors `[8H]` (PyTorch has two: `b_ih`, `b_hh`; they receive
/// identical gradients).
struct BiLSTMLayer: Sendable, Hashable {
  var steps: Int
  var inputSize: Int
  var hidden: Int
  var biasVectors: Int
  var offset = 0

  var gateWidth: Int { 8 * hidden }
  var wihOffset: Int { offset }
  func whhOffset(_ direction: Int) -> Int { offset + gateWidth * inputSize + direction * 4 * hidden * hidden }
  var biasOffset: Int { offset + gateWidth * inputSize + 8 * hidden * hidden }
  var parameterCount: Int { gateWidth * inputSize + 8 * hidden * hidden + biasVectors * gateWidth }
  var outSize: Int { steps * 2 * hidden }

  /// Number of samples active at time `t` (lengths sorted descending).
  @inline(__always) static func active(_ lengths: [Int], _ t: Int) -> Int {
    var n = 0
    while n < lengths.count && lengths[n] > t { n += 1 }
    return n
  }

  /// Input projection for every time step of every sample in one GEMM: `gates = x·W_ihᵀ + b`.
  func project<S: TrainerScalar>(
    _ params: UnsafePointer<S>, x: UnsafePointer<S>, batch: Int, gates: UnsafeMutablePointer<S>
  ) {
    let rows = batch * steps
    S.gemm(false, true, rows, gateWidth, inputSize, 1, x, inputSize, params + wihOffset, inputSize, 0, gates, gateWidth)
    for v in 0..<biasVectors {
      S.biasActivation(
        gates, params + biasOffset + v * gateWidth, rows: rows, columns: gateWidth, ld: gateWidth, relu: false)
    }
  }

  /// The recurrence of one direction (0 forward, 1 reverse) after `project`. `gates` ends holding
  /// the gate activations; `cell`/`tanhCell`/`out` (`[batch, steps, 2H]`) must be zero on entry.
  func recur<S: TrainerScalar>(
    _ params: UnsafePointer<S>, direction: Int, lengths: [Int], gates: UnsafeMutablePointer<S>,
    cell: UnsafeMutablePointer<S>, tanhCell: UnsafeMutablePointer<S>, out: UnsafeMutablePointer<S>
  ) {
    let h = hidden
    let gw = gateWidth
    let ow = 2 * h
    // W_hh ([4H, H]) transposed once per pass, so each step's product reads it row by row.
    let whh = params + whhOffset(direction)
    var transposed = [S](repeating: 0, count: 4 * h * h)
    for j in 0..<(4 * h) {
      for k in 0..<h { transposed[k * 4 * h + j] = whh[j * h + k] }
    }
    transposed.withUnsafeBufferPointer { wt in
      for step in 0..<steps {
        let t = direction == 0 ? step : steps - 1 - step
        let n = BiLSTMLayer.active(lengths, t)
        if n == 0 { continue }
        let tp = direction == 0 ? t - 1 : t + 1
        let g0 = gates + t * gw + direction * 4 * h
        if tp >= 0 && tp < steps {
          S.recurrentGemm(out + tp * ow + direction * h, steps * ow, wt.baseAddress!, 4 * h, h, g0, steps * gw, n)
        }
        let base = t * ow + direction * h
        let cPrev = tp >= 0 && tp < steps ? UnsafePointer(cell + tp * ow + direction * h) : nil
        S.lstmForward(g0, steps * gw, cPrev, cell + base, tanhCell + base, out + base, steps * ow, n, h)
      }
    }
  }

  /// Backward through time of one direction. `dOut` is the gradient of `out`; `dGates`
  /// (`[batch, steps, 8H]`, zero on entry) receives the pre-activation gate gradients; `dh`/`dc` are
  /// `[batch, H]` scratch rows, zero on entry. Accumulates the `W_hh` gradient of the direction.
  func backRecur<S: TrainerScalar>(
    _ params: UnsafePointer<S>, _ grads: UnsafeMutablePointer<S>, direction: Int, lengths: [Int],
    gates: UnsafePointer<S>, cell: UnsafePointer<S>, tanhCell: UnsafePointer<S>, out: UnsafePointer<S>,
    dOut: UnsafePointer<S>, dGates: UnsafeMutablePointer<S>, dh: UnsafeMutablePointer<S>, dc: UnsafeMutablePointer<S>
  ) {
    let h = hidden
    let gw = gateWidth
    let ow = 2 * h
    let whh = params + whhOffset(direction)
    for step in 0..<steps {
      let t = direction == 0 ? steps - 1 - step : step
      let n = BiLSTMLayer.active(lengths, t)
      if n == 0 { continue }
      let tp = direction == 0 ? t - 1 : t + 1
      let base = t * ow + direction * h
      let cPrev = tp >= 0 && tp < steps ? cell + tp * ow + direction * h : nil
      S.lstmBackward(
        gates + t * gw + direction * 4 * h, steps * gw, cPrev, tanhCell + base, dOut + base, steps * ow, dh, dc,
        dGates + t * gw + direction * 4 * h, n, h)
      // dh for the previous step of this direction; rows ≥ n stay zero (they start later).
      S.gemm(false, false, n, h, 4 * h, 1, dGates + t * gw + direction * 4 * h, steps * gw, whh, h, 0, dh, h)
    }
    // W_hh gradient: per sample, gate gradients at t against h at the direction's previous step.
    let dWhh = grads + whhOffset(direction)
    for (b, length) in lengths.enumerated() where length > 1 {
      let rowsStart = b * steps
      if direction == 0 {
        S.gemm(
          true, false, 4 * h, h, length - 1, 1, dGates + (rowsStart + 1) * gw, gw, out + rowsStart * ow, ow, 1,
          dWhh, h)
      } else {
        S.gemm(
          true, false, 4 * h, h, length - 1, 1, dGates + rowsStart * gw + 4 * h, gw, out + (rowsStart + 1) * ow + h,
          ow, 1, dWhh, h)
      }
    }
  }

  /// Gradients of `W_ih` and the biases, and (if given) the input gradient `dx` (`[batch, steps, D]`).
  func backProject<S: TrainerScalar>(
    _ params: UnsafePointer<S>, _ grads: UnsafeMutablePointer<S>, x: UnsafePointer<S>, batch: Int,
    dGates: UnsafePointer<S>, dx: UnsafeMutablePointer<S>?
  ) {
    let rows = batch * steps
    S.gemm(true, false, gateWidth, inputSize, rows, 1, dGates, gateWidth, x, inputSize, 1, grads + wihOffset, inputSize)
    // Every bias vector receives the same gradient: the column sums, computed once.
    var sums = [S](repeating: 0, count: gateWidth)
    sums.withUnsafeMutableBufferPointer { sum in
      S.addColumnSums(dGates, rows: rows, columns: gateWidth, ld: gateWidth, into: sum.baseAddress!)
      for v in 0..<biasVectors { S.add(grads + biasOffset + v * gateWidth, sum.baseAddress!, gateWidth) }
    }
    if let dx {
      S.gemm(
        false, false, rows, inputSize, gateWidth, 1, dGates, gateWidth, params + wihOffset, inputSize, 0, dx, inputSize)
    }
  }
}
