import Testing

@testable import Trainer

@Suite struct SoftTargetTests {
  /// Cross-entropy against a distribution: its gradient is p − t, checked by central differences.
  @Test func softTargetGradientMatchesFiniteDifferences() {
    let logits: [Double] = [0.3, -1.2, 2.0, 0.1, -0.4, 0.9]  // 2 samples × 3 classes
    let targets: [Double] = [0.5, 0.25, 0.25, 0, 1, 0]
    func loss(_ z: [Double]) -> (Double, [Double]) {
      var p = z
      var g = [Double](repeating: 0, count: z.count)
      let value = p.withUnsafeMutableBufferPointer { pp in
        SoftmaxCrossEntropy.softmax(pp.baseAddress!, batch: 2, classes: 3)
        return g.withUnsafeMutableBufferPointer { gg in
          SoftmaxCrossEntropy.loss(
            posteriors: pp.baseAddress!, labels: [0, 1], classes: 3, scale: 1, gradient: gg.baseAddress!,
            targets: targets)
        }
      }
      return (value, g)
    }
    let (_, gradient) = loss(logits)
    let h = 1e-6
    for i in logits.indices {
      var up = logits
      var down = logits
      up[i] += h
      down[i] -= h
      let numeric = (loss(up).0 - loss(down).0) / (2 * h)
      #expect(abs(numeric - gradient[i]) < 1e-8, "logit \(i)")
    }
  }
}
