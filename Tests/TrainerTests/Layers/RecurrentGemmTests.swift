import EmoSupport
import Testing

@testable import Trainer

/// The recurrent step's product (CKernels `ck_recurrent_gemm`: float tiles of 4 rows × 64, 48, 32
/// or 16 columns, 1-row tiles for the last rows, a scalar loop past a multiple of 16 columns)
/// against the sum written out, for every kind of tile, strided rows, float and double.
@Suite struct RecurrentGemmTests {
  func check<S: TrainerScalar>(_: S.Type, rows: Int, cols: Int, depth: Int, tolerance: Double) {
    var rng = SeededRandom(seed: UInt64(rows * 1000 + cols * 10 + depth))
    let lda = depth + 3
    let ldc = cols + 5
    let a = (0..<(rows * lda)).map { _ in S(rng.normal()) }
    let wt = (0..<(depth * cols)).map { _ in S(rng.normal()) }
    let c0 = (0..<(rows * ldc)).map { _ in S(rng.normal()) }
    var c = c0
    a.withUnsafeBufferPointer { ap in
      wt.withUnsafeBufferPointer { wp in
        c.withUnsafeMutableBufferPointer { cp in
          S.recurrentGemm(ap.baseAddress!, lda, wp.baseAddress!, cols, depth, cp.baseAddress!, ldc, rows)
        }
      }
    }
    for r in 0..<rows {
      for j in 0..<ldc {
        var expected = Double(c0[r * ldc + j])
        if j < cols {
          for k in 0..<depth { expected += Double(a[r * lda + k]) * Double(wt[k * cols + j]) }
        }
        let got = Double(c[r * ldc + j])
        // Columns past `cols` (the row padding) are left as they were.
        #expect(abs(got - expected) <= tolerance * max(1, abs(expected)), "rows \(rows) cols \(cols) at \(r),\(j)")
      }
    }
  }

  @Test(arguments: [
    (16, 240, 60), (7, 240, 60), (1, 240, 60), (4, 48, 5), (9, 50, 13), (3, 20, 1), (0, 240, 60), (5, 96, 7),
    (6, 112, 9), (4, 64, 3), (2, 33, 4),
  ])
  func matchesTheSumWrittenOut(_ shape: (Int, Int, Int)) {
    check(Float.self, rows: shape.0, cols: shape.1, depth: shape.2, tolerance: 1e-5)
    check(Double.self, rows: shape.0, cols: shape.1, depth: shape.2, tolerance: 1e-12)
  }
}
