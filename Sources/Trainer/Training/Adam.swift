import CKernels
import Foundation

/// Adam (β₁ 0.9, β₂ 0.999, ε 1e-8, PyTorch's defaults) with gradient value clipping.
struct Adam: Sendable {
  var m: [Float]
  var v: [Float]
  /// Optimizer steps taken.
  var step: Int = 0
  let beta1 = 0.9
  let beta2 = 0.999
  let epsilon: Float = 1e-8

  init(parameterCount: Int) {
    m = .init(repeating: 0, count: parameterCount)
    v = .init(repeating: 0, count: parameterCount)
  }

  /// Clips `grads` to [−clip, clip] in place, then takes one step with learning rate `rate`.
  mutating func update(_ params: inout [Float], grads: inout [Float], rate: Double, clip: Float) {
    step += 1
    let c1 = Float(1 - pow(beta1, Double(step)))
    let c2 = Float(1 - pow(beta2, Double(step)))
    let count = params.count
    params.withUnsafeMutableBufferPointer { p in
      grads.withUnsafeMutableBufferPointer { g in
        m.withUnsafeMutableBufferPointer { m in
          v.withUnsafeMutableBufferPointer { v in
            ck_adam_f(
              p.baseAddress!, g.baseAddress!, m.baseAddress!, v.baseAddress!, count, Float(rate), Float(beta1),
              Float(1 - beta1), Float(beta2), Float(1 - beta2), c1, c2, epsilon, clip)
          }
        }
      }
    }
  }
}
