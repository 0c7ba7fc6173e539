/// Fully connected layer `y = x·Wᵀ + b` over a batch, optional ReLU.
struct DenseLayer: Sendable, Hashable {
  var inputs: Int
  var outputs: Int
  var relu: Bool
  var offset = 0

  var weightOffset: Int { offset }
  var biasOffset: Int { offset + inputs * outputs }
  var parameterCount: Int { inputs * outputs + outputs }

  func forward<S: TrainerScalar>(
    _ params: UnsafePointer<S>, x: UnsafePointer<S>, batch: Int, y: UnsafeMutablePointer<S>
  ) {
    S.gemm(false, true, batch, outputs, inputs, 1, x, inputs, params + weightOffset, inputs, 0, y, outputs)
    S.biasActivation(y, params + biasOffset, rows: batch, columns: outputs, ld: outputs, relu: relu)
  }

  /// Accumulates parameter gradients; `dy` gets the ReLU gate applied; `dx` overwritten if given.
  func backward<S: TrainerScalar>(
    _ params: UnsafePointer<S>, _ grads: UnsafeMutablePointer<S>, x: UnsafePointer<S>, y: UnsafePointer<S>,
    dy: UnsafeMutablePointer<S>, batch: Int, dx: UnsafeMutablePointer<S>?, accumulateDx: Bool = false
  ) {
    if relu { S.reluBackward(dy, y, batch * outputs) }
    S.gemm(true, false, outputs, inputs, batch, 1, dy, outputs, x, inputs, 1, grads + weightOffset, inputs)
    S.addColumnSums(dy, rows: batch, columns: outputs, ld: outputs, into: grads + biasOffset)
    if let dx {
      S.gemm(
        false, false, batch, inputs, outputs, 1, dy, outputs, params + weightOffset, inputs, accumulateDx ? 1 : 0, dx,
        inputs)
    }
  }
}
