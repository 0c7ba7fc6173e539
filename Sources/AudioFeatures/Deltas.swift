/// Regression deltas: d_t = Σ_{n=1..N} n·(c_{t+n} − c_{t−n}) / (2·Σ n²), edge frames repeated.
///
/// Float32 arithmetic; against a float64 reference the error is below 1e-5 for log-Mel-sized values.
public enum Deltas {
  /// Deltas of `frames` rows of `width` values (rows `inputStride` apart) into rows `outputStride` apart.
  public static func compute(
    _ src: UnsafePointer<Float>, inputStride: Int, frames: Int, width: Int, halfWidth: Int = 2,
    into dst: UnsafeMutablePointer<Float>, outputStride: Int
  ) {
    let stride = outputStride
    guard frames > 0 else { return }
    var denominator = 0
    for n in 1...halfWidth { denominator += n * n }
    let scale = 1 / Float(2 * denominator)
    if halfWidth == 2 {
      // The default case (N = 2), fused into one pass per row so that it vectorizes.
      for t in 0..<frames {
        let out = dst + t * stride
        let a1 = src + min(t + 1, frames - 1) * inputStride
        let b1 = src + max(t - 1, 0) * inputStride
        let a2 = src + min(t + 2, frames - 1) * inputStride
        let b2 = src + max(t - 2, 0) * inputStride
        for j in 0..<width { out[j] = ((a1[j] - b1[j]) + 2 * (a2[j] - b2[j])) * scale }
      }
      return
    }
    for t in 0..<frames {
      let out = dst + t * stride
      for j in 0..<width { out[j] = 0 }
      for n in 1...halfWidth {
        let ahead = src + min(t + n, frames - 1) * inputStride
        let behind = src + max(t - n, 0) * inputStride
        let weight = Float(n)
        for j in 0..<width { out[j] += weight * (ahead[j] - behind[j]) }
      }
      for j in 0..<width { out[j] *= scale }
    }
  }

  /// Deltas of a row-major frames × width array (convenience for tests and small inputs).
  public static func compute(_ input: [Float], frames: Int, width: Int, halfWidth: Int = 2) -> [Float] {
    var output = [Float](repeating: 0, count: frames * width)
    if frames == 0 { return output }
    input.withUnsafeBufferPointer { src in
      output.withUnsafeMutableBufferPointer { dst in
        compute(
          src.baseAddress!, inputStride: width, frames: frames, width: width, halfWidth: halfWidth,
          into: dst.baseAddress!, outputStride: width)
      }
    }
    return output
  }
}
