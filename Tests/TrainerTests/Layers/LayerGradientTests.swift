import EmoSupport
import Foundation
import Testing

@testable import Trainer

/// Finite-difference checks of every layer's backward pass, in Double (relative error < 1e-5).
@Suite struct LayerGradientTests {
  /// Loss Σ r ⊙ y of a conv layer over a batch of `rows`-limited samples.
  func convCheck(_ layer: ConvLayer, batch: Int) {
    var layer = layer
    layer.weightOffset = 0
    layer.biasOffset = layer.outC * layer.patch
    var params = randomValues(layer.parameterCount, seed: 1, scale: 0.5)
    var x = randomValues(batch * layer.inSize, seed: 2)
    let r = randomValues(batch * layer.outSize, seed: 3)
    let rows = (0..<batch).map { max(1, layer.outT - $0) }
    var col = [Double](repeating: 0, count: layer.outT * layer.outF * layer.patch)
    func loss(_ p: [Double], _ x: [Double]) -> Double {
      var y = [Double](repeating: 0, count: layer.outSize)
      var total = 0.0
      for b in 0..<batch {
        x.withUnsafeBufferPointer { xb in
          layer.forward(p, x: xb.baseAddress! + b * layer.inSize, rows: rows[b], y: &y, col: &col)
        }
        for i in 0..<layer.outSize { total += r[b * layer.outSize + i] * y[i] }
      }
      return total
    }
    var grads = [Double](repeating: 0, count: layer.parameterCount)
    var dx = [Double](repeating: 0, count: batch * layer.inSize)
    for b in 0..<batch {
      var y = [Double](repeating: 0, count: layer.outSize)
      var dy = Array(r[(b * layer.outSize)..<((b + 1) * layer.outSize)])
      var dxb = [Double](repeating: 0, count: layer.inSize)
      let xb = Array(x[(b * layer.inSize)..<((b + 1) * layer.inSize)])
      layer.forward(params, x: xb, rows: rows[b], y: &y, col: &col)
      layer.backward(params, &grads, x: xb, y: y, dy: &dy, rows: rows[b], dx: &dxb, col: &col)
      for i in 0..<layer.inSize { dx[b * layer.inSize + i] = dxb[i] }
    }
    let pIdx = sampleIndices(params.count)
    let xCopy = x
    let numP = numericGradient(&params, indices: pIdx) { loss($0, xCopy) }
    #expect(worstRelativeError(pIdx.map { grads[$0] }, numP) < 1e-5)
    let xIdx = sampleIndices(x.count)
    let pCopy = params
    let numX = numericGradient(&x, indices: xIdx) { loss(pCopy, $0) }
    #expect(worstRelativeError(xIdx.map { dx[$0] }, numX) < 1e-5)
  }

  @Test func conv1DGradientsMatchFiniteDifferences() {
    convCheck(
      ConvLayer(inT: 11, inF: 1, inC: 4, outC: 5, kt: 3, kf: 1, st: 2, sf: 1, pt: 1, pf: 0, relu: true), batch: 3)
    convCheck(
      ConvLayer(inT: 9, inF: 1, inC: 3, outC: 2, kt: 3, kf: 1, st: 3, sf: 1, pt: 1, pf: 0, relu: false), batch: 2)
  }

  @Test func conv1DWithoutPaddingAndStrideOneGradientsMatch() {
    convCheck(
      ConvLayer(inT: 10, inF: 1, inC: 3, outC: 4, kt: 4, kf: 1, st: 1, sf: 1, pt: 0, pf: 0, relu: true), batch: 3)
    convCheck(
      ConvLayer(inT: 7, inF: 1, inC: 2, outC: 3, kt: 3, kf: 1, st: 2, sf: 1, pt: 2, pf: 0, relu: false), batch: 2)
  }

  /// Forward against the convolution written as plain loops (independent of im2col and GEMM).
  @Test func convForwardMatchesDirectLoops() {
    let layers = [
      ConvLayer(inT: 11, inF: 1, inC: 4, outC: 5, kt: 3, kf: 1, st: 2, sf: 1, pt: 1, pf: 0, relu: false),
      ConvLayer(inT: 10, inF: 1, inC: 3, outC: 2, kt: 3, kf: 1, st: 3, sf: 1, pt: 1, pf: 0, relu: true),
      ConvLayer(inT: 8, inF: 7, inC: 2, outC: 3, kt: 3, kf: 3, st: 2, sf: 2, pt: 1, pf: 1, relu: false),
    ]
    for var layer in layers {
      layer.weightOffset = 0
      layer.biasOffset = layer.outC * layer.patch
      let params = randomValues(layer.parameterCount, seed: 51)
      let x = randomValues(layer.inSize, seed: 52)
      var y = [Double](repeating: .nan, count: layer.outSize)
      var col = [Double](repeating: 0, count: layer.outT * layer.outF * layer.patch)
      layer.forward(params, x: x, rows: layer.outT, y: &y, col: &col)
      for t in 0..<layer.outT {
        for f in 0..<layer.outF {
          for o in 0..<layer.outC {
            var sum = params[layer.biasOffset + o]
            for dt in 0..<layer.kt {
              for df in 0..<layer.kf {
                let ti = t * layer.st - layer.pt + dt
                let fi = f * layer.sf - layer.pf + df
                guard ti >= 0 && ti < layer.inT && fi >= 0 && fi < layer.inF else { continue }
                for c in 0..<layer.inC {
                  sum +=
                    params[o * layer.patch + (dt * layer.kf + df) * layer.inC + c]
                    * x[(ti * layer.inF + fi) * layer.inC + c]
                }
              }
            }
            if layer.relu { sum = max(sum, 0) }
            #expect(abs(y[(t * layer.outF + f) * layer.outC + o] - sum) < 1e-12)
          }
        }
      }
    }
  }

  /// The in-place forward (kernel taps as GEMMs on strided views of the input, inference) against
  /// the convolution written as plain loops, for strides below, at and above the kernel, padding
  /// wider than the stride, partial rows and samples with no rows.
  @Test func convInPlaceForwardMatchesDirectLoops() {
    let layers = [
      ConvLayer(inT: 30, inF: 1, inC: 6, outC: 4, kt: 5, kf: 1, st: 2, sf: 1, pt: 2, pf: 0, relu: true),
      ConvLayer(inT: 15, inF: 1, inC: 4, outC: 5, kt: 5, kf: 1, st: 2, sf: 1, pt: 2, pf: 0, relu: true),
      ConvLayer(inT: 12, inF: 1, inC: 3, outC: 3, kt: 3, kf: 1, st: 1, sf: 1, pt: 1, pf: 0, relu: false),
      ConvLayer(inT: 13, inF: 1, inC: 2, outC: 3, kt: 3, kf: 1, st: 3, sf: 1, pt: 1, pf: 0, relu: true),
      ConvLayer(inT: 10, inF: 1, inC: 3, outC: 2, kt: 4, kf: 1, st: 1, sf: 1, pt: 0, pf: 0, relu: false),
      ConvLayer(inT: 9, inF: 1, inC: 2, outC: 2, kt: 3, kf: 1, st: 2, sf: 1, pt: 3, pf: 0, relu: false),
    ]
    for var layer in layers {
      #expect(layer.isTemporal)
      layer.weightOffset = 0
      layer.biasOffset = layer.outC * layer.patch
      let params = randomValues(layer.parameterCount, seed: 71)
      let rows = [layer.outT, layer.outT - 1, max(1, layer.outT / 2), 1, 0]
      let x = randomValues(rows.count * layer.inSize, seed: 72)
      var y = [Double](repeating: .nan, count: rows.count * layer.outSize)
      layer.forwardBatchInPlace(params, x: x, inStride: layer.inSize, rows: rows, y: &y)
      for (b, count) in rows.enumerated() {
        for t in 0..<layer.outT {
          for o in 0..<layer.outC {
            var sum = 0.0
            if t < count {
              sum = params[layer.biasOffset + o]
              for dt in 0..<layer.kt {
                let ti = t * layer.st - layer.pt + dt
                guard ti >= 0 && ti < layer.inT else { continue }
                for c in 0..<layer.inC {
                  sum += params[o * layer.patch + dt * layer.inC + c] * x[b * layer.inSize + ti * layer.inC + c]
                }
              }
              if layer.relu { sum = max(sum, 0) }
            }
            #expect(abs(y[b * layer.outSize + t * layer.outC + o] - sum) < 1e-12, "\(layer) sample \(b) row \(t)")
          }
        }
      }
    }
  }

  /// The grouped batch forward equals the per-sample forward, whatever the rows per sample.
  @Test func convBatchForwardMatchesPerSampleForward() {
    var layer = ConvLayer(inT: 20, inF: 1, inC: 3, outC: 4, kt: 3, kf: 1, st: 2, sf: 1, pt: 1, pf: 0, relu: true)
    layer.biasOffset = layer.outC * layer.patch
    let params = randomValues(layer.parameterCount, seed: 61)
    let rows = [10, 10, 9, 9, 9, 4, 1, 0, 0]
    let x = randomValues(rows.count * layer.inSize, seed: 62)
    var y = [Double](repeating: .nan, count: rows.count * layer.outSize)
    var cols = [Double](repeating: .nan, count: rows.count * layer.colSize)
    layer.forwardBatch(params, x: x, inStride: layer.inSize, rows: rows, y: &y, cols: &cols)
    for (b, r) in rows.enumerated() {
      var one = [Double](repeating: 0, count: layer.outSize)
      var col = [Double](repeating: 0, count: layer.colSize)
      layer.forward(params, x: Array(x[(b * layer.inSize)...]), rows: r, y: &one, col: &col)
      for i in 0..<layer.outSize { #expect(abs(y[b * layer.outSize + i] - one[i]) < 1e-12) }
    }
  }

  @Test func conv2DGradientsMatchFiniteDifferences() {
    convCheck(
      ConvLayer(inT: 8, inF: 7, inC: 2, outC: 3, kt: 3, kf: 3, st: 2, sf: 2, pt: 1, pf: 1, relu: true), batch: 2)
  }

  @Test func convOutputLengthFollowsTheFormula() {
    let c1 = ConvLayer(inT: 300, inF: 1, inC: 120, outC: 128, kt: 3, kf: 1, st: 2, sf: 1, pt: 1, pf: 0, relu: true)
    let c2 = ConvLayer(inT: 150, inF: 1, inC: 128, outC: 96, kt: 3, kf: 1, st: 3, sf: 1, pt: 1, pf: 0, relu: true)
    #expect(c1.outT == 150 && c2.outT == 50)
    // ⌊(L + 2 − 3)/2⌋ + 1 then ⌊(L + 2 − 3)/3⌋ + 1, worked by hand.
    #expect(c1.outLength(300) == 150 && c2.outLength(150) == 50)
    #expect(c1.outLength(101) == 51 && c2.outLength(51) == 17)
    #expect(c1.outLength(1) == 1 && c2.outLength(1) == 1)
    #expect(c1.outLength(2) == 1 && c1.outLength(3) == 2)
  }

  @Test func maskedBiLSTMGradientsMatchFiniteDifferencesAndPaddedStepsAreInert() {
    var lstm = BiLSTMLayer(steps: 5, inputSize: 3, hidden: 2, biasVectors: 2)
    lstm.offset = 0
    let batch = 3
    let lengths = [5, 3, 1]
    var params = randomValues(lstm.parameterCount, seed: 11, scale: 0.8)
    var x = randomValues(batch * lstm.steps * 3, seed: 12)
    let r = randomValues(batch * lstm.outSize, seed: 13)
    func run(_ p: [Double], _ x: [Double]) -> (out: [Double], gates: [Double], cell: [Double], tc: [Double]) {
      var gates = [Double](repeating: 0, count: batch * lstm.steps * lstm.gateWidth)
      var cell = [Double](repeating: 0, count: batch * lstm.outSize)
      var tc = cell
      var out = cell
      lstm.project(p, x: x, batch: batch, gates: &gates)
      for d in 0..<2 {
        lstm.recur(p, direction: d, lengths: lengths, gates: &gates, cell: &cell, tanhCell: &tc, out: &out)
      }
      return (out, gates, cell, tc)
    }
    func loss(_ p: [Double], _ x: [Double]) -> Double { zip(run(p, x).out, r).map { $0 * $1 }.reduce(0, +) }
    let f = run(params, x)
    // Padded steps produce exactly zero output.
    for b in 0..<batch {
      for t in lengths[b]..<lstm.steps {
        for j in 0..<(2 * lstm.hidden) { #expect(f.out[(b * lstm.steps + t) * 2 * lstm.hidden + j] == 0) }
      }
    }
    var grads = [Double](repeating: 0, count: lstm.parameterCount)
    var dGates = [Double](repeating: 0, count: f.gates.count)
    var dx = [Double](repeating: 0, count: x.count)
    for d in 0..<2 {
      var dh = [Double](repeating: 0, count: batch * lstm.hidden)
      var dc = dh
      lstm.backRecur(
        params, &grads, direction: d, lengths: lengths, gates: f.gates, cell: f.cell, tanhCell: f.tc, out: f.out,
        dOut: r, dGates: &dGates, dh: &dh, dc: &dc)
    }
    lstm.backProject(params, &grads, x: x, batch: batch, dGates: dGates, dx: &dx)
    let pIdx = sampleIndices(params.count)
    let xCopy = x
    let numP = numericGradient(&params, indices: pIdx) { loss($0, xCopy) }
    #expect(worstRelativeError(pIdx.map { grads[$0] }, numP) < 1e-5)
    let pCopy = params
    let xIdx = Array(0..<x.count)
    let numX = numericGradient(&x, indices: xIdx) { loss(pCopy, $0) }
    #expect(worstRelativeError(dx, numX) < 1e-5)
    // Gradients at padded input steps are exactly zero, and padded inputs do not change the output.
    var changed = x
    for b in 0..<batch {
      for t in lengths[b]..<lstm.steps {
        for j in 0..<3 {
          #expect(dx[(b * lstm.steps + t) * 3 + j] == 0)
          changed[(b * lstm.steps + t) * 3 + j] = 7
        }
      }
    }
    #expect(run(params, changed).out == f.out)
  }

  @Test func oneBiasVectorLSTMGradientsMatch() {
    var lstm = BiLSTMLayer(steps: 3, inputSize: 2, hidden: 2, biasVectors: 1)
    lstm.offset = 0
    var params = randomValues(lstm.parameterCount, seed: 21, scale: 0.8)
    let x = randomValues(2 * 3 * 2, seed: 22)
    let r = randomValues(2 * lstm.outSize, seed: 23)
    let lengths = [3, 2]
    func forward(_ p: [Double]) -> ([Double], [Double], [Double], [Double]) {
      var gates = [Double](repeating: 0, count: 2 * 3 * lstm.gateWidth)
      var cell = [Double](repeating: 0, count: 2 * lstm.outSize)
      var tc = cell
      var out = cell
      lstm.project(p, x: x, batch: 2, gates: &gates)
      for d in 0..<2 {
        lstm.recur(p, direction: d, lengths: lengths, gates: &gates, cell: &cell, tanhCell: &tc, out: &out)
      }
      return (out, gates, cell, tc)
    }
    let (out, gates, cell, tc) = forward(params)
    var grads = [Double](repeating: 0, count: lstm.parameterCount)
    var dGates = [Double](repeating: 0, count: gates.count)
    for d in 0..<2 {
      var dh = [Double](repeating: 0, count: 2 * lstm.hidden)
      var dc = dh
      lstm.backRecur(
        params, &grads, direction: d, lengths: lengths, gates: gates, cell: cell, tanhCell: tc, out: out, dOut: r,
        dGates: &dGates, dh: &dh, dc: &dc)
    }
    lstm.backProject(params, &grads, x: x, batch: 2, dGates: dGates, dx: nil)
    let idx = Array(0..<params.count)
    let num = numericGradient(&params, indices: idx) { p in zip(forward(p).0, r).map { $0 * $1 }.reduce(0, +) }
    #expect(worstRelativeError(grads, num) < 1e-5)
  }

  @Test func denseGradientsMatchFiniteDifferences() {
    for relu in [true, false] {
      var layer = DenseLayer(inputs: 6, outputs: 4, relu: relu)
      layer.offset = 0
      var params = randomValues(layer.parameterCount, seed: 31)
      var x = randomValues(3 * 6, seed: 32)
      let r = randomValues(3 * 4, seed: 33)
      func loss(_ p: [Double], _ x: [Double]) -> Double {
        var y = [Double](repeating: 0, count: 12)
        layer.forward(p, x: x, batch: 3, y: &y)
        return zip(y, r).map { $0 * $1 }.reduce(0, +)
      }
      var y = [Double](repeating: 0, count: 12)
      layer.forward(params, x: x, batch: 3, y: &y)
      var dy = r
      var grads = [Double](repeating: 0, count: layer.parameterCount)
      var dx = [Double](repeating: 0, count: x.count)
      layer.backward(params, &grads, x: x, y: y, dy: &dy, batch: 3, dx: &dx)
      let xc = x
      let pc = params
      #expect(
        worstRelativeError(grads, numericGradient(&params, indices: Array(0..<params.count)) { loss($0, xc) }) < 1e-5)
      #expect(worstRelativeError(dx, numericGradient(&x, indices: Array(0..<x.count)) { loss(pc, $0) }) < 1e-5)
    }
  }

  @Test func softmaxCrossEntropyGradientMatchesFiniteDifferences() {
    var logits = randomValues(3 * 4, seed: 41, scale: 3)
    let labels = [2, 0, -1]
    func loss(_ z: [Double]) -> Double {
      var p = z
      SoftmaxCrossEntropy.softmax(&p, batch: 3, classes: 4)
      var g = [Double](repeating: 0, count: 12)
      return SoftmaxCrossEntropy.loss(posteriors: p, labels: labels, classes: 4, scale: 1, gradient: &g)
    }
    var p = logits
    SoftmaxCrossEntropy.softmax(&p, batch: 3, classes: 4)
    var g = [Double](repeating: 0, count: 12)
    _ = SoftmaxCrossEntropy.loss(posteriors: p, labels: labels, classes: 4, scale: 1, gradient: &g)
    #expect(worstRelativeError(g, numericGradient(&logits, indices: Array(0..<12), loss)) < 1e-5)
    // Unlabelled row: no gradient.
    #expect(g[8..<12].allSatisfy { $0 == 0 })
  }

  @Test func dropoutMaskKeepsAboutHalfAndScalesByTwo() {
    var rng = SeededRandom(seed: 5)
    var mask = [Double](repeating: -1, count: 10_000)
    Dropout.fill(rate: 0.5, rng: &rng, count: mask.count, mask: &mask)
    #expect(mask.allSatisfy { $0 == 0 || $0 == 2 })
    let kept = Double(mask.filter { $0 == 2 }.count) / 10_000
    #expect(abs(kept - 0.5) < 0.03)  // binomial sd 0.005: 6 sd
    var rng2 = SeededRandom(seed: 5)
    var again = [Double](repeating: -1, count: 10_000)
    Dropout.fill(rate: 0.5, rng: &rng2, count: again.count, mask: &again)
    #expect(again == mask)
  }
}

/// The BiLSTM against PyTorch's documented equations written as plain scalar loops
/// (i, f, g, o = σ, σ, tanh, σ of W_i·x + b_i + W_h·h + b_h; c' = f·c + i·g; h' = o·tanh(c')),
/// with packed-sequence semantics: the forward direction runs t = 0…L−1, the reverse direction
/// t = L−1…0 from a zero state, and steps ≥ L output 0.
@Suite struct BiLSTMReferenceTests {
  @Test func biLSTMMatchesScalarPyTorchEquations() {
    var lstm = BiLSTMLayer(steps: 6, inputSize: 3, hidden: 4, biasVectors: 2)
    lstm.offset = 0
    let h = 4
    let d = 3
    let batch = 3
    let lengths = [6, 4, 1]
    let p = randomValues(lstm.parameterCount, seed: 71, scale: 0.7)
    let x = randomValues(batch * 6 * d, seed: 72)
    var gates = [Double](repeating: 0, count: batch * 6 * lstm.gateWidth)
    var cell = [Double](repeating: 0, count: batch * lstm.outSize)
    var tc = cell
    var out = cell
    lstm.project(p, x: x, batch: batch, gates: &gates)
    for dir in 0..<2 {
      lstm.recur(p, direction: dir, lengths: lengths, gates: &gates, cell: &cell, tanhCell: &tc, out: &out)
    }
    func sigmoid(_ v: Double) -> Double { 1 / (1 + exp(-v)) }
    for b in 0..<batch {
      for dir in 0..<2 {
        var hState = [Double](repeating: 0, count: h)
        var cState = [Double](repeating: 0, count: h)
        let order = dir == 0 ? Array(0..<lengths[b]) : Array((0..<lengths[b]).reversed())
        for t in order {
          var pre = [Double](repeating: 0, count: 4 * h)
          for r in 0..<(4 * h) {
            let row = dir * 4 * h + r
            var v = p[lstm.biasOffset + row] + p[lstm.biasOffset + 8 * h + row]
            for j in 0..<d { v += p[lstm.wihOffset + row * d + j] * x[(b * 6 + t) * d + j] }
            for j in 0..<h { v += p[lstm.whhOffset(dir) + r * h + j] * hState[j] }
            pre[r] = v
          }
          for j in 0..<h {
            let i = sigmoid(pre[j])
            let f = sigmoid(pre[h + j])
            let g = tanh(pre[2 * h + j])
            let o = sigmoid(pre[3 * h + j])
            cState[j] = f * cState[j] + i * g
            hState[j] = o * tanh(cState[j])
          }
          for j in 0..<h { #expect(abs(out[(b * 6 + t) * 2 * h + dir * h + j] - hState[j]) < 1e-12) }
        }
        for t in lengths[b]..<6 {
          for j in 0..<h { #expect(out[(b * 6 + t) * 2 * h + dir * h + j] == 0) }
        }
      }
    }
  }
}
