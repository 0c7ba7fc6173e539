import EmoSupport
import Foundation

/// The layer geometry of a model built from a `ModelConfig` for a number of classes, and the
/// layout of its flat parameter array (every layer holds offsets into it).
///
/// Data flow: input `[frames, features]` → convolutions (channels last) → BiLSTM over the last
/// conv's time axis → dropout → all steps flattened → dense layers (ReLU, dropout) → emotion head
/// [+ gender head] [+ regression head: one linear output per rated dimension].
public struct Network: Sendable, Hashable {
  public let config: ModelConfig
  /// Emotion classes; 0 when the model only predicts dimensions (no emotion head).
  public let classes: Int
  /// Rated dimensions the regression head predicts (0: no regression head).
  public let dimensions: Int
  var convs: [ConvLayer] = []
  var lstm: BiLSTMLayer
  var denses: [DenseLayer] = []
  var emotionHead: DenseLayer
  var genderHead: DenseLayer?
  /// `Dense(flat → dimensions)`, linear, beside the emotion head; its parameters come last.
  var regressionHead: DenseLayer?
  /// Total trainable parameters.
  public let parameterCount: Int

  public init(config: ModelConfig, classes: Int, dimensions: Int = 0) throws {
    guard classes >= 2 || (classes == 0 && dimensions > 0), dimensions >= 0 else {
      throw LocatedError(file: nil, "a model needs at least 2 classes or a rated dimension, got \(classes) classes")
    }
    self.config = config
    self.classes = classes
    self.dimensions = dimensions
    var offset = 0
    // Shape of the running map: [time, frequency, channels]; raw features are [T, F, 1].
    var t = config.inputFrames
    var f = config.inputFeatures
    var c = 1
    var convs: [ConvLayer] = []
    for (i, spec) in config.layers.enumerated() {
      if spec.type == "conv1d" {
        c *= f
        f = 1
      }
      let k = spec.kernel, s = spec.stride, p = spec.padding
      let two = spec.type == "conv2d"
      var layer = ConvLayer(
        inT: t, inF: f, inC: c, outC: spec.channels, kt: k[0], kf: two ? k[k.count - 1] : 1, st: s[0],
        sf: two ? s[s.count - 1] : 1, pt: p[0], pf: two ? p[p.count - 1] : 0, relu: true)
      guard layer.outT >= 1 && layer.outF >= 1 else {
        throw LocatedError(
          file: nil, "layer \(i + 1) of model '\(config.name)' leaves no output for a \(t)×\(f) input",
          expected: "kernel ≤ input + 2·padding")
      }
      layer.weightOffset = offset
      layer.biasOffset = offset + layer.outC * layer.patch
      offset += layer.parameterCount
      convs.append(layer)
      t = layer.outT
      f = layer.outF
      c = layer.outC
    }
    self.convs = convs
    lstm = BiLSTMLayer(steps: t, inputSize: f * c, hidden: config.lstm.hidden, biasVectors: config.lstm.biasVectors)
    lstm.offset = offset
    offset += lstm.parameterCount
    var width = lstm.outSize
    for spec in config.dense {
      var layer = DenseLayer(inputs: width, outputs: spec.units, relu: true)
      layer.offset = offset
      offset += layer.parameterCount
      denses.append(layer)
      width = spec.units
    }
    emotionHead = DenseLayer(inputs: width, outputs: classes, relu: false)
    emotionHead.offset = offset
    offset += emotionHead.parameterCount
    if config.genderHead {
      var head = DenseLayer(inputs: width, outputs: 2, relu: false)
      head.offset = offset
      offset += head.parameterCount
      genderHead = head
    }
    if dimensions > 0 {
      var head = DenseLayer(inputs: width, outputs: dimensions, relu: false)
      head.offset = offset
      offset += head.parameterCount
      regressionHead = head
    }
    parameterCount = offset
  }

  /// Values per input window (`frames × features`).
  public var inputSize: Int { config.inputFrames * config.inputFeatures }

  /// Initial weights: He-normal convolutions (std √(2/fan_in), zero bias); PyTorch's defaults
  /// elsewhere: LSTM U(±1/√H), dense U(±1/√fan_in) for weights and biases.
  public func initialParameters(seed: UInt64) -> [Float] {
    var rng = SeededRandom(seed: seed, stream: "init")
    var p = [Float](repeating: 0, count: parameterCount)
    for conv in convs {
      let std = (2.0 / Double(conv.patch)).squareRoot()
      for i in 0..<(conv.outC * conv.patch) { p[conv.weightOffset + i] = Float(rng.normal() * std) }
    }
    let bound = 1 / Double(lstm.hidden).squareRoot()
    for i in 0..<lstm.parameterCount { p[lstm.offset + i] = Float((rng.uniform() * 2 - 1) * bound) }
    // The regression head draws last, so a model without it starts from the same weights as before.
    for layer in denses + [emotionHead] + (genderHead.map { [$0] } ?? []) + (regressionHead.map { [$0] } ?? []) {
      let b = 1 / Double(layer.inputs).squareRoot()
      for i in 0..<layer.parameterCount { p[layer.offset + i] = Float((rng.uniform() * 2 - 1) * b) }
    }
    return p
  }

  /// Per-layer parameter counts, for printing (`conv1 46208`, …).
  public var parameterBreakdown: [(name: String, count: Int)] {
    var rows = convs.enumerated().map {
      ("\(config.layers[$0.offset].type) \($0.offset + 1)", $0.element.parameterCount)
    }
    rows.append(("bilstm", lstm.parameterCount))
    rows += denses.enumerated().map { ("dense \($0.offset + 1)", $0.element.parameterCount) }
    if classes > 0 { rows.append(("emotion head", emotionHead.parameterCount)) }
    if let genderHead { rows.append(("gender head", genderHead.parameterCount)) }
    if let regressionHead { rows.append(("regression head", regressionHead.parameterCount)) }
    return rows
  }

  /// One line naming the model and its trainable parameters, with the per-layer counts:
  /// `model temporal-cnn-bilstm: 221,172 trainable parameters (conv1d 1: 38,464, …)`.
  public var summary: String {
    let layers = parameterBreakdown.map { "\($0.name): \(groupedDigits($0.count))" }.joined(separator: ", ")
    return "model \(config.name): \(groupedDigits(parameterCount)) trainable parameters (\(layers))"
  }

  /// True lengths after each convolution (index 0: input frames) for one window.
  func lengths(input length: Int) -> [Int] {
    var out = [min(max(length, 0), config.inputFrames)]
    for conv in convs { out.append(conv.outLength(out[out.count - 1])) }
    return out
  }

  /// Output rows each convolution computes (the rows after them are zero). Without conv masking:
  /// the rows the BiLSTM's true steps depend on, so it sees exactly what an unmasked network would
  /// give it. With conv masking (`mask_conv_outputs`), also at most the layer's true output length:
  /// the rows past it are the zeros the mask makes of them.
  func convRows(input length: Int) -> [Int] {
    let lens = lengths(input: length)
    var rows = [Int](repeating: 0, count: convs.count)
    var need = min(lens[lens.count - 1], lstm.steps)
    for i in stride(from: convs.count - 1, through: 0, by: -1) {
      rows[i] = config.maskConvOutputs ? min(need, lens[i + 1]) : need
      need = convs[i].inputRowsNeeded(rows[i])
    }
    return rows
  }
}
