/// A convolution over a channels-last `[time, frequency, channels]` map, with optional ReLU.
///
/// Conv1D along time is the case `frequency == 1`, `kernelF == 1` (the feature vector of a frame
/// is the channel vector). Forward is im2col + one GEMM per sample; only the output time rows the
/// BiLSTM will read are computed (the rest are zero), so masking saves work without changing any
/// output that matters. Output length along time: ⌊(L + 2p − k)/s⌋ + 1.
struct ConvLayer: Sendable, Hashable {
  var inT: Int, inF: Int, inC: Int
  var outC: Int
  var kt: Int, kf: Int, st: Int, sf: Int, pt: Int, pf: Int
  var relu: Bool
  /// Offsets of the weight `[outC, kt·kf·inC]` and the bias `[outC]` in the flat parameter array.
  var weightOffset = 0
  var biasOffset = 0

  var outT: Int { (inT + 2 * pt - kt) / st + 1 }
  var outF: Int { (inF + 2 * pf - kf) / sf + 1 }
  var patch: Int { kt * kf * inC }
  var inSize: Int { inT * inF * inC }
  var outSize: Int { outT * outF * outC }
  var parameterCount: Int { outC * patch + outC }
  /// Values of one sample's patch matrix (`[outT·outF, patch]`).
  var colSize: Int { outT * outF * patch }

  /// Output length along time for a true input length (0 when the input is shorter than the kernel).
  func outLength(_ length: Int) -> Int {
    let span = length + 2 * pt - kt
    return span < 0 ? 0 : min(outT, span / st + 1)
  }

  /// Input time rows needed to compute the first `rows` output rows.
  func inputRowsNeeded(_ rows: Int) -> Int {
    rows <= 0 ? 0 : min(inT, max(0, (rows - 1) * st - pt + kt))
  }

  /// Copies the receptive fields of output rows `0..<rows` into `col` (`[rows·outF, patch]`).
  func im2col<S: TrainerScalar>(_ x: UnsafePointer<S>, rows: Int, _ col: UnsafeMutablePointer<S>) {
    let outF = self.outF
    for t in 0..<rows {
      for f in 0..<outF {
        var dst = col + (t * outF + f) * patch
        for dt in 0..<kt {
          let tin = t * st - pt + dt
          for df in 0..<kf {
            let fin = f * sf - pf + df
            if tin < 0 || tin >= inT || fin < 0 || fin >= inF {
              dst.update(repeating: 0, count: inC)
            } else {
              dst.update(from: x + (tin * inF + fin) * inC, count: inC)
            }
            dst += inC
          }
        }
      }
    }
  }

  /// Adds the patch gradients `dcol` back onto the input gradient `dx` (adjoint of `im2col`).
  func col2im<S: TrainerScalar>(_ dcol: UnsafePointer<S>, rows: Int, _ dx: UnsafeMutablePointer<S>) {
    let outF = self.outF
    for t in 0..<rows {
      for f in 0..<outF {
        var src = dcol + (t * outF + f) * patch
        for dt in 0..<kt {
          let tin = t * st - pt + dt
          for df in 0..<kf {
            let fin = f * sf - pf + df
            if tin >= 0 && tin < inT && fin >= 0 && fin < inF {
              S.add(dx + (tin * inF + fin) * inC, src, inC)
            }
            src += inC
          }
        }
      }
    }
  }

  /// Forward for one sample: `y` (`[outT, outF, outC]`) rows `0..<rows` computed, the rest zeroed.
  func forward<S: TrainerScalar>(
    _ params: UnsafePointer<S>, x: UnsafePointer<S>, rows: Int, y: UnsafeMutablePointer<S>,
    col: UnsafeMutablePointer<S>
  ) {
    let outF = self.outF
    let m = rows * outF
    y.update(repeating: 0, count: outSize)
    guard m > 0 else { return }
    im2col(x, rows: rows, col)
    S.gemm(false, true, m, outC, patch, 1, col, patch, params + weightOffset, patch, 0, y, outC)
    S.biasActivation(y, params + biasOffset, rows: m, columns: outC, ld: outC, relu: relu)
  }

  /// Forward for a batch: sample `b` reads `x + b·inStride` and writes `y + b·outSize` (rows
  /// `0..<rows[b]` computed, the rest zeroed) and keeps its patch matrix at `cols + b·colSize`.
  /// Consecutive samples share one GEMM when the rows computed in between for nothing (past a
  /// sample's needed rows) cost at most 1/8 of the group's useful work: fewer, larger GEMMs run
  /// closer to the machine's peak.
  func forwardBatch<S: TrainerScalar>(
    _ params: UnsafePointer<S>, x: UnsafePointer<S>, inStride: Int, rows: [Int], y: UnsafeMutablePointer<S>,
    cols: UnsafeMutablePointer<S>
  ) {
    let batch = rows.count
    let outF = self.outF
    for b in 0..<batch where rows[b] > 0 { im2col(x + b * inStride, rows: rows[b], cols + b * colSize) }
    var b = 0
    while b < batch {
      guard rows[b] > 0 else {
        b += 1
        continue
      }
      var end = b + 1
      var useful = rows[b]
      var waste = 0
      while end < batch && rows[end] > 0 {
        let extra = outT - rows[end - 1]
        if (waste + extra) * 8 > useful + rows[end] { break }
        waste += extra
        useful += rows[end]
        end += 1
      }
      let m = ((end - 1 - b) * outT + rows[end - 1]) * outF
      S.gemm(
        false, true, m, outC, patch, 1, cols + b * colSize, patch, params + weightOffset, patch, 0, y + b * outSize,
        outC)
      b = end
    }
    let bias = params + biasOffset
    for b in 0..<batch {
      let sample = y + b * outSize
      let m = rows[b] * outF
      S.biasActivation(sample, bias, rows: m, columns: outC, ld: outC, relu: relu)
      (sample + m * outC).update(repeating: 0, count: outSize - m * outC)
    }
  }

  /// Forward for a batch without patch matrices, for passes no backward follows (inference). A
  /// Conv1D along time (`inF == 1`, `kf == 1`) is the sum over its kernel taps of the input rows
  /// that tap reads times the tap's weights; those rows are a strided view of `x` itself (row `t`
  /// of tap `dt` is input row `t·st − pt + dt`), so each tap is one GEMM reading `x` in place and
  /// rows that would read the zero padding are left out of that tap. This spares writing and
  /// reading the patch matrix (`kt` times the input), the largest memory traffic of the forward
  /// pass. Same layout as `forwardBatch`: rows `0..<rows[b]` computed, the rest zeroed.
  func forwardBatchInPlace<S: TrainerScalar>(
    _ params: UnsafePointer<S>, x: UnsafePointer<S>, inStride: Int, rows: [Int], y: UnsafeMutablePointer<S>
  ) {
    precondition(isTemporal, "in-place convolution needs a Conv1D along time")
    let weights = params + weightOffset
    let bias = params + biasOffset
    // Rows t of tap dt with 0 ≤ t·st − pt + dt < inT, among the first `count`.
    func valid(_ dt: Int, _ count: Int) -> Range<Int> {
      let first = max(0, (pt - dt + st - 1) / st)
      return first..<max(first, min(count, (inT - 1 + pt - dt) / st + 1))
    }
    for (b, count) in rows.enumerated() {
      let sample = y + b * outSize
      let input = x + b * inStride
      // Tap dt's product over its rows, written (beta 0) or added.
      func tap(_ dt: Int, beta: S) {
        let t = valid(dt, count)
        guard !t.isEmpty else { return }
        S.gemm(
          false, true, t.count, outC, inC, 1, input + (t.lowerBound * st - pt + dt) * inC, st * inC,
          weights + dt * inC, patch, beta, sample + t.lowerBound * outC, outC)
      }
      // The tap that reads every row writes them first, so only rows past `count` are zeroed.
      let lead = count > 0 ? (0..<kt).first { valid($0, count) == 0..<count } : nil
      let written = lead == nil ? 0 : count * outC
      (sample + written).update(repeating: 0, count: outSize - written)
      guard count > 0 else { continue }
      if let lead { tap(lead, beta: 0) }
      for dt in 0..<kt where dt != lead { tap(dt, beta: 1) }
      S.biasActivation(sample, bias, rows: count, columns: outC, ld: outC, relu: relu)
    }
  }

  /// A convolution along time only (frequency 1, kernel 1 along it): `forwardBatchInPlace` applies.
  var isTemporal: Bool { inF == 1 && kf == 1 && pf == 0 }

  /// Backward for one sample, after `forward` filled `col` for the same sample. `dy` is modified
  /// (ReLU gate applied); gradients are accumulated into `grads`; `dx` (if given) is overwritten
  /// with the input gradient (`col` is then used as scratch).
  func backward<S: TrainerScalar>(
    _ params: UnsafePointer<S>, _ grads: UnsafeMutablePointer<S>, x: UnsafePointer<S>, y: UnsafePointer<S>,
    dy: UnsafeMutablePointer<S>, rows: Int, dx: UnsafeMutablePointer<S>?, col: UnsafeMutablePointer<S>
  ) {
    let m = rows * outF
    dx?.update(repeating: 0, count: inSize)
    guard m > 0 else { return }
    if relu {
      S.reluBackward(dy, y, m * outC)
    }
    S.gemm(true, false, outC, patch, m, 1, dy, outC, col, patch, 1, grads + weightOffset, patch)
    S.addColumnSums(dy, rows: m, columns: outC, ld: outC, into: grads + biasOffset)
    if let dx {
      S.gemm(false, false, m, patch, outC, 1, dy, outC, params + weightOffset, patch, 0, col, patch)
      col2im(col, rows: rows, dx)
    }
  }
}
