import CKernels
import COpenBLAS
import Foundation

/// The element type of the network: `Float` for training and inference, `Double` for the
/// finite-difference gradient checks (same layer code, BLAS `sgemm` vs `dgemm`).
public protocol TrainerScalar: BinaryFloatingPoint, Sendable, Codable where Self.RawSignificand: FixedWidthInteger {
  /// C = alpha·op(A)·op(B) + beta·C, row-major (cblas_?gemm).
  static func gemm(
    _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Self,
    _ a: UnsafePointer<Self>, _ lda: Int, _ b: UnsafePointer<Self>, _ ldb: Int,
    _ beta: Self, _ c: UnsafeMutablePointer<Self>, _ ldc: Int)
  /// In-place logistic sigmoid.
  static func sigmoid(_ values: UnsafeMutablePointer<Self>, _ count: Int)
  /// In-place hyperbolic tangent.
  static func tanh(_ values: UnsafeMutablePointer<Self>, _ count: Int)
  /// In-place exponential.
  static func exp(_ values: UnsafeMutablePointer<Self>, _ count: Int)
  /// Natural logarithm of one value.
  static func log(_ value: Self) -> Self
  /// One recurrent step's product (CKernels `ck_recurrent_gemm`): `c[r][j] += Σ_k a[r][k]·wt[k][j]`
  /// for `rows` rows (`lda`, `ldc` apart), `cols` columns and `depth` terms; `wt` is the recurrent
  /// weight matrix transposed (`depth × cols`).
  static func recurrentGemm(
    _ a: UnsafePointer<Self>, _ lda: Int, _ wt: UnsafePointer<Self>, _ cols: Int, _ depth: Int,
    _ c: UnsafeMutablePointer<Self>, _ ldc: Int, _ rows: Int)
  /// One LSTM step for `rows` samples (CKernels `ck_lstm_forward`): gate pre-activations (rows
  /// `gateStride` apart) become activations; writes cell, tanh(cell) and output (rows `stateStride`
  /// apart) from the previous cell state (nil: zero).
  static func lstmForward(
    _ gates: UnsafeMutablePointer<Self>, _ gateStride: Int, _ cPrev: UnsafePointer<Self>?,
    _ cell: UnsafeMutablePointer<Self>, _ tanhCell: UnsafeMutablePointer<Self>, _ out: UnsafeMutablePointer<Self>,
    _ stateStride: Int, _ rows: Int, _ hidden: Int)
  /// Backward of `lstmForward` (CKernels `ck_lstm_backward`): pre-activation gate gradients from the
  /// output gradient plus `dh` (`rows × hidden`); `dc` (`rows × hidden`) carries the cell gradient.
  static func lstmBackward(
    _ gates: UnsafePointer<Self>, _ gateStride: Int, _ cPrev: UnsafePointer<Self>?, _ tanhCell: UnsafePointer<Self>,
    _ dOut: UnsafePointer<Self>, _ stateStride: Int, _ dh: UnsafePointer<Self>, _ dc: UnsafeMutablePointer<Self>,
    _ dGates: UnsafeMutablePointer<Self>, _ rows: Int, _ hidden: Int)
  /// `y[r][c] += bias[c]`, then ReLU when `relu`; rows `ld` apart.
  static func biasActivation(
    _ y: UnsafeMutablePointer<Self>, _ bias: UnsafePointer<Self>, rows: Int, columns: Int, ld: Int, relu: Bool)
  /// ReLU backward: `dy[i] = 0` where `y[i] <= 0`.
  static func reluBackward(_ dy: UnsafeMutablePointer<Self>, _ y: UnsafePointer<Self>, _ count: Int)
  /// `sums[c] += Σ_r m[r][c]`; rows `ld` apart.
  static func addColumnSums(
    _ m: UnsafePointer<Self>, rows: Int, columns: Int, ld: Int, into sums: UnsafeMutablePointer<Self>)
  /// `y[i] += x[i]`.
  static func add(_ y: UnsafeMutablePointer<Self>, _ x: UnsafePointer<Self>, _ count: Int)
  /// `y[i] *= x[i]`.
  static func multiply(_ y: UnsafeMutablePointer<Self>, _ x: UnsafePointer<Self>, _ count: Int)
}

/// OpenBLAS runs single-threaded, its idle server threads stopped: parallelism is at the batch level.
enum BLASSetup {
  static let once: Void = { emo_openblas_use_one_thread() }()
}

@inline(__always) private func order(_ t: Bool) -> CBLAS_TRANSPOSE { t ? CblasTrans : CblasNoTrans }

extension Float: TrainerScalar {
  public static func gemm(
    _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
    _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
    _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int
  ) {
    if m == 0 || n == 0 { return }
    cblas_sgemm(
      CblasRowMajor, order(transA), order(transB), Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b,
      Int32(ldb), beta, c, Int32(ldc))
  }
  public static func sigmoid(_ values: UnsafeMutablePointer<Float>, _ count: Int) { ck_sigmoid(values, count) }
  public static func tanh(_ values: UnsafeMutablePointer<Float>, _ count: Int) { ck_tanh(values, count) }
  public static func exp(_ values: UnsafeMutablePointer<Float>, _ count: Int) { ck_exp_inplace(values, count) }
  public static func log(_ value: Float) -> Float { Foundation.log(value) }
  public static func lstmForward(
    _ gates: UnsafeMutablePointer<Float>, _ gateStride: Int, _ cPrev: UnsafePointer<Float>?,
    _ cell: UnsafeMutablePointer<Float>, _ tanhCell: UnsafeMutablePointer<Float>, _ out: UnsafeMutablePointer<Float>,
    _ stateStride: Int, _ rows: Int, _ hidden: Int
  ) {
    ck_lstm_forward_f(gates, gateStride, cPrev, cell, tanhCell, out, stateStride, rows, hidden)
  }
  public static func recurrentGemm(
    _ a: UnsafePointer<Float>, _ lda: Int, _ wt: UnsafePointer<Float>, _ cols: Int, _ depth: Int,
    _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ rows: Int
  ) {
    ck_recurrent_gemm_f(a, lda, wt, cols, depth, c, ldc, rows)
  }
  public static func lstmBackward(
    _ gates: UnsafePointer<Float>, _ gateStride: Int, _ cPrev: UnsafePointer<Float>?, _ tanhCell: UnsafePointer<Float>,
    _ dOut: UnsafePointer<Float>, _ stateStride: Int, _ dh: UnsafePointer<Float>, _ dc: UnsafeMutablePointer<Float>,
    _ dGates: UnsafeMutablePointer<Float>, _ rows: Int, _ hidden: Int
  ) {
    ck_lstm_backward_f(gates, gateStride, cPrev, tanhCell, dOut, stateStride, dh, dc, dGates, rows, hidden)
  }
  public static func biasActivation(
    _ y: UnsafeMutablePointer<Float>, _ bias: UnsafePointer<Float>, rows: Int, columns: Int, ld: Int, relu: Bool
  ) {
    ck_bias_activation_f(y, bias, rows, columns, ld, relu ? 1 : 0)
  }
  public static func reluBackward(_ dy: UnsafeMutablePointer<Float>, _ y: UnsafePointer<Float>, _ count: Int) {
    ck_relu_backward_f(dy, y, count)
  }
  public static func addColumnSums(
    _ m: UnsafePointer<Float>, rows: Int, columns: Int, ld: Int, into sums: UnsafeMutablePointer<Float>
  ) {
    ck_add_column_sums_f(m, rows, columns, ld, sums)
  }
  public static func add(_ y: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, _ count: Int) {
    ck_add_f(y, x, count)
  }
  public static func multiply(_ y: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, _ count: Int) {
    ck_multiply_f(y, x, count)
  }
}

extension Double: TrainerScalar {
  public static func gemm(
    _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Double,
    _ a: UnsafePointer<Double>, _ lda: Int, _ b: UnsafePointer<Double>, _ ldb: Int,
    _ beta: Double, _ c: UnsafeMutablePointer<Double>, _ ldc: Int
  ) {
    if m == 0 || n == 0 { return }
    cblas_dgemm(
      CblasRowMajor, order(transA), order(transB), Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b,
      Int32(ldb), beta, c, Int32(ldc))
  }
  public static func sigmoid(_ values: UnsafeMutablePointer<Double>, _ count: Int) {
    for i in 0..<count { values[i] = 1 / (1 + Foundation.exp(-values[i])) }
  }
  public static func tanh(_ values: UnsafeMutablePointer<Double>, _ count: Int) {
    for i in 0..<count { values[i] = Foundation.tanh(values[i]) }
  }
  public static func exp(_ values: UnsafeMutablePointer<Double>, _ count: Int) {
    for i in 0..<count { values[i] = Foundation.exp(values[i]) }
  }
  public static func log(_ value: Double) -> Double { Foundation.log(value) }
  public static func lstmForward(
    _ gates: UnsafeMutablePointer<Double>, _ gateStride: Int, _ cPrev: UnsafePointer<Double>?,
    _ cell: UnsafeMutablePointer<Double>, _ tanhCell: UnsafeMutablePointer<Double>, _ out: UnsafeMutablePointer<Double>,
    _ stateStride: Int, _ rows: Int, _ hidden: Int
  ) {
    ck_lstm_forward_d(gates, gateStride, cPrev, cell, tanhCell, out, stateStride, rows, hidden)
  }
  public static func recurrentGemm(
    _ a: UnsafePointer<Double>, _ lda: Int, _ wt: UnsafePointer<Double>, _ cols: Int, _ depth: Int,
    _ c: UnsafeMutablePointer<Double>, _ ldc: Int, _ rows: Int
  ) {
    ck_recurrent_gemm_d(a, lda, wt, cols, depth, c, ldc, rows)
  }
  public static func lstmBackward(
    _ gates: UnsafePointer<Double>, _ gateStride: Int, _ cPrev: UnsafePointer<Double>?,
    _ tanhCell: UnsafePointer<Double>,
    _ dOut: UnsafePointer<Double>, _ stateStride: Int, _ dh: UnsafePointer<Double>, _ dc: UnsafeMutablePointer<Double>,
    _ dGates: UnsafeMutablePointer<Double>, _ rows: Int, _ hidden: Int
  ) {
    ck_lstm_backward_d(gates, gateStride, cPrev, tanhCell, dOut, stateStride, dh, dc, dGates, rows, hidden)
  }
  public static func biasActivation(
    _ y: UnsafeMutablePointer<Double>, _ bias: UnsafePointer<Double>, rows: Int, columns: Int, ld: Int, relu: Bool
  ) {
    ck_bias_activation_d(y, bias, rows, columns, ld, relu ? 1 : 0)
  }
  public static func reluBackward(_ dy: UnsafeMutablePointer<Double>, _ y: UnsafePointer<Double>, _ count: Int) {
    ck_relu_backward_d(dy, y, count)
  }
  public static func addColumnSums(
    _ m: UnsafePointer<Double>, rows: Int, columns: Int, ld: Int, into sums: UnsafeMutablePointer<Double>
  ) {
    ck_add_column_sums_d(m, rows, columns, ld, sums)
  }
  public static func add(_ y: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ count: Int) {
    ck_add_d(y, x, count)
  }
  public static func multiply(_ y: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ count: Int) {
    ck_multiply_d(y, x, count)
  }
}
