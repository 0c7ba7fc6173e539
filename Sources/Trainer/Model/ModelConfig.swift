import EmoSupport
import Foundation
import Yams

/// Architecture of a CNN-BiLSTM model, loaded from a YAML model config (`schemas/models/`).
///
/// Keys: `name`, `input_features`, `input_frames`, `mask_conv_outputs`, `layers` (list of
/// `conv1d`/`conv2d`), `lstm` (`hidden`, `dropout`, `bias_vectors`), `dense` (list of `units`,
/// `dropout`), `gender_head`. Missing keys take neutral defaults (120 × 300 inputs, no layers, LSTM 60
/// units, no dense layer, no gender head, no conv masking).
public struct ModelConfig: Codable, Sendable, Hashable {
  /// One convolution, followed by ReLU, He-normal initialized.
  public struct ConvSpec: Codable, Sendable, Hashable {
    /// `conv1d` (along time, features are channels) or `conv2d` (over time × features, channels last).
    public var type: String
    public var channels: Int
    /// Kernel, stride and padding as (time, feature); a conv1d has 1 on the feature axis.
    public var kernel: [Int]
    public var stride: [Int]
    public var padding: [Int]

    public init(type: String, channels: Int, kernel: [Int], stride: [Int], padding: [Int]) {
      self.type = type
      self.channels = channels
      self.kernel = kernel
      self.stride = stride
      self.padding = padding
    }

    public init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownKeys(CodingKeys.self, in: "a convolution layer")
      let c = try decoder.container(keyedBy: CodingKeys.self)
      type = try c.decode(String.self, forKey: .type)
      channels = try c.decode(Int.self, forKey: .channels)
      kernel = try Self.pair(c, .kernel, default: 3)
      stride = try Self.pair(c, .stride, default: 1)
      padding = try Self.pair(c, .padding, default: 0)
    }

    /// Accepts `3` or `[3, 3]`.
    private static func pair(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys, default value: Int) throws
      -> [Int]
    {
      if let single = try? c.decode(Int.self, forKey: key) { return [single] }
      return try c.decodeIfPresent([Int].self, forKey: key) ?? [value]
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case type, channels, kernel, stride, padding }
  }

  /// Bidirectional LSTM after the convolutions.
  public struct LSTMSpec: Codable, Sendable, Hashable {
    public var hidden: Int = 60
    /// Dropout rate on the BiLSTM output.
    public var dropout: Double = 0.5
    /// 2 as in PyTorch (`b_ih` and `b_hh`), or 1.
    public var biasVectors: Int = 2

    public init(hidden: Int = 60, dropout: Double = 0.5, biasVectors: Int = 2) {
      self.hidden = hidden
      self.dropout = dropout
      self.biasVectors = biasVectors
    }

    public init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownKeys(CodingKeys.self, in: "the lstm settings")
      let c = try decoder.container(keyedBy: CodingKeys.self)
      hidden = try c.decodeIfPresent(Int.self, forKey: .hidden) ?? 60
      dropout = try c.decodeIfPresent(Double.self, forKey: .dropout) ?? 0.5
      biasVectors = try c.decodeIfPresent(Int.self, forKey: .biasVectors) ?? 2
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
      case hidden, dropout
      case biasVectors = "bias_vectors"
    }
  }

  /// A ReLU dense layer on the flattened BiLSTM outputs, then dropout.
  public struct DenseSpec: Codable, Sendable, Hashable {
    public var units: Int
    public var dropout: Double

    public init(units: Int, dropout: Double = 0.5) {
      self.units = units
      self.dropout = dropout
    }

    public init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownKeys(CodingKeys.self, in: "a dense layer")
      let c = try decoder.container(keyedBy: CodingKeys.self)
      units = try c.decode(Int.self, forKey: .units)
      dropout = try c.decodeIfPresent(Double.self, forKey: .dropout) ?? 0
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case units, dropout }
  }

  public var name: String
  /// Values per frame: 120 with ΔΔ, 80 without (replaced by the feature cache's dimension).
  public var inputFeatures: Int
  /// Frames per window (300).
  public var inputFrames: Int
  /// Frames past each convolution's output length (computed from the window's true length) are
  /// set to zero before the next layer reads them. Off: they hold what the convolution computes on
  /// the zero-padded input, as in a plain convolution over the padded window (configs written before
  /// this key existed, e.g. `temporal-cnn-bilstm-219k`).
  public var maskConvOutputs: Bool
  public var layers: [ConvSpec]
  public var lstm: LSTMSpec
  public var dense: [DenseSpec]
  /// Multitask: a Dense(→2) gender head on the last dense layer; loss = sum of cross-entropies.
  public var genderHead: Bool

  public init(
    name: String, inputFeatures: Int, inputFrames: Int, maskConvOutputs: Bool = false, layers: [ConvSpec],
    lstm: LSTMSpec, dense: [DenseSpec], genderHead: Bool
  ) {
    self.name = name
    self.inputFeatures = inputFeatures
    self.inputFrames = inputFrames
    self.maskConvOutputs = maskConvOutputs
    self.layers = layers
    self.lstm = lstm
    self.dense = dense
    self.genderHead = genderHead
  }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, in: "a model config")
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decodeIfPresent(String.self, forKey: .name) ?? "model"
    inputFeatures = try c.decodeIfPresent(Int.self, forKey: .inputFeatures) ?? 120
    inputFrames = try c.decodeIfPresent(Int.self, forKey: .inputFrames) ?? 300
    maskConvOutputs = try c.decodeIfPresent(Bool.self, forKey: .maskConvOutputs) ?? false
    layers = try c.decodeIfPresent([ConvSpec].self, forKey: .layers) ?? []
    lstm = try c.decodeIfPresent(LSTMSpec.self, forKey: .lstm) ?? LSTMSpec()
    dense = try c.decodeIfPresent([DenseSpec].self, forKey: .dense) ?? []
    genderHead = try c.decodeIfPresent(Bool.self, forKey: .genderHead) ?? false
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case name, layers, lstm, dense
    case inputFeatures = "input_features"
    case inputFrames = "input_frames"
    case maskConvOutputs = "mask_conv_outputs"
    case genderHead = "gender_head"
  }

  /// Parses a YAML model config; `file` names the source in errors.
  public static func parse(yaml text: String, file: String) throws -> ModelConfig {
    let config = try YAMLSource(text: text, file: file).decode(
      ModelConfig.self, shape: "a model config (see schemas/models/)")
    try config.validate(file: file)
    return config
  }

  /// Loads a YAML model config file.
  public static func load(path: String) throws -> ModelConfig {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
      throw LocatedError(file: path, "cannot read model config")
    }
    return try parse(yaml: text, file: path)
  }

  /// The YAML text of this config.
  public func yaml() throws -> String { try YAMLEncoder().encode(self) }

  /// The default model: the 3-convolution Temporal CNN-BiLSTM (221,172 parameters for 4 classes).
  public static var temporalCNNBiLSTM: ModelConfig { bundled("temporal-cnn-bilstm")! }

  /// The Temporal CNN-BiLSTM with the paper's exact count (219,062 parameters for 4 classes).
  public static var temporalCNNBiLSTM219k: ModelConfig { bundled("temporal-cnn-bilstm-219k")! }

  /// The 2D CNN-BiLSTM variant (about 1.2 M parameters).
  public static var cnn2dBiLSTM: ModelConfig { bundled("cnn2d-bilstm")! }

  /// Names of the bundled configs (`schemas/models/NAME.yaml`), the default first.
  public static var bundledNames: [String] { BundledModelConfigs.all.map(\.name) }

  /// A bundled config by name, nil when there is none of that name.
  public static func bundled(_ name: String) -> ModelConfig? {
    guard let entry = BundledModelConfigs.all.first(where: { $0.name == name }) else { return nil }
    return try! parse(yaml: entry.yaml, file: "schemas/models/\(name).yaml")
  }

  /// `--config NAME|FILE`: a bundled config by name, else a YAML file; an argument that is neither
  /// names both possibilities in its error.
  public static func resolve(_ nameOrPath: String) throws -> ModelConfig {
    if let config = bundled(nameOrPath) { return config }
    guard FileManager.default.fileExists(atPath: nameOrPath) else {
      throw LocatedError(
        file: nameOrPath, "no such model config file or bundled model",
        expected: "a YAML file or one of \(bundledNames.joined(separator: ", "))")
    }
    return try load(path: nameOrPath)
  }

  /// Checks shapes; errors name the config file and the offending layer.
  public func validate(file: String) throws {
    func fail(_ what: String, _ expected: String) -> LocatedError {
      LocatedError(file: file, what, expected: expected)
    }
    if inputFeatures < 1 || inputFrames < 1 {
      throw fail("input_features and input_frames must be positive", "integers ≥ 1")
    }
    for (i, layer) in layers.enumerated() {
      let n = layer.type == "conv1d" ? 1 : 2
      guard layer.type == "conv1d" || layer.type == "conv2d" else {
        throw fail("layer \(i + 1) has unknown type '\(layer.type)'", "conv1d or conv2d")
      }
      for (key, v) in [("kernel", layer.kernel), ("stride", layer.stride), ("padding", layer.padding)] {
        guard v.count == 1 || v.count == n else {
          throw fail("layer \(i + 1) \(key) has \(v.count) values", "\(n == 1 ? "one value" : "one or two values")")
        }
      }
      if layer.channels < 1 || layer.kernel.contains(where: { $0 < 1 }) || layer.stride.contains(where: { $0 < 1 })
        || layer.padding.contains(where: { $0 < 0 })
      {
        throw fail("layer \(i + 1) has a non-positive size", "channels, kernel, stride ≥ 1 and padding ≥ 0")
      }
    }
    if lstm.hidden < 1 || !(lstm.biasVectors == 1 || lstm.biasVectors == 2) {
      throw fail("lstm needs hidden ≥ 1 and bias_vectors 1 or 2", "e.g. {hidden: 60, bias_vectors: 2}")
    }
    for rate in [lstm.dropout] + dense.map(\.dropout) where !(rate >= 0 && rate < 1) {
      throw fail("dropout rate \(rate) out of range", "0 ≤ rate < 1")
    }
    if dense.contains(where: { $0.units < 1 }) { throw fail("dense layer with no units", "units ≥ 1") }
  }
}
