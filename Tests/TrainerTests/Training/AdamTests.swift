import Foundation
import Testing

@testable import Trainer

@Suite struct AdamTests {
  @Test func adamClipsGradientValuesToOne() {
    var adam = Adam(parameterCount: 2)
    var params: [Float] = [0, 0]
    var grads: [Float] = [5, -0.5]
    adam.update(&params, grads: &grads, rate: 0.1, clip: 1)
    #expect(grads == [1, -0.5])
    // First Adam step moves each parameter by lr·sign(g) (bias-corrected m/√v = ±1, up to ε).
    #expect(abs(params[0] + 0.1) < 1e-6 && abs(params[1] - 0.1) < 1e-6)
  }

  /// Eight steps against torch.optim.Adam after clip_grad_value_ (golden values), with gradients
  /// from 1e-4 to beyond the clip and a learning rate that changes between steps: β₂, the bias
  /// corrections and the moments all show after the first step.
  @Test func adamFollowsPyTorchOverEightSteps() {
    let golden = TrainerGolden.shared.adam
    var adam = Adam(parameterCount: golden.initial.count)
    var params = golden.initial
    for (t, expected) in golden.steps.enumerated() {
      var grads = golden.gradients[t]
      adam.update(&params, grads: &grads, rate: golden.rates[t], clip: golden.clip)
      #expect(adam.step == t + 1)
      for i in params.indices {
        #expect(abs(params[i] - expected.params[i]) <= 1e-6 * max(1, abs(expected.params[i])), "step \(t + 1)")
        // PyTorch updates m by lerp (m + 0.1·(g − m)): a few float roundings apart.
        #expect(abs(adam.m[i] - expected.m[i]) <= 1e-5 * abs(expected.m[i]) + 1e-9, "step \(t + 1)")
        #expect(abs(adam.v[i] - expected.v[i]) <= 1e-5 * abs(expected.v[i]) + 1e-15, "step \(t + 1)")
      }
    }
  }

  /// The same trajectory recomputed here in double from Adam's definition, as a second,
  /// independent computation (and a check of the golden file's inputs).
  @Test func adamMatchesItsDefinitionInDouble() {
    let golden = TrainerGolden.shared.adam
    var adam = Adam(parameterCount: golden.initial.count)
    var params = golden.initial
    var p = golden.initial.map(Double.init)
    var m = [Double](repeating: 0, count: p.count)
    var v = m
    for t in 0..<golden.steps.count {
      var grads = golden.gradients[t]
      let g = grads.map { min(max(Double($0), -1), 1) }
      adam.update(&params, grads: &grads, rate: golden.rates[t], clip: 1)
      let c1 = 1 - pow(0.9, Double(t + 1))
      let c2 = 1 - pow(0.999, Double(t + 1))
      for i in p.indices {
        m[i] = 0.9 * m[i] + 0.1 * g[i]
        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i]
        p[i] -= golden.rates[t] * (m[i] / c1) / ((v[i] / c2).squareRoot() + 1e-8)
        #expect(abs(Double(params[i]) - p[i]) < 1e-6)
      }
    }
  }
}
