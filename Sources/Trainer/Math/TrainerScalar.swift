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
}

/// OpenBLAS runs single-threaded: parallelism is at the batch level (DESIGN.md, Known traps).
enum BLASSetup {
  static let once: Void = { openblas_set_num_threads(1) }()
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
}
