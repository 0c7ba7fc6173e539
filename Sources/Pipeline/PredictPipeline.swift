import AudioFeatures
import EmoSupport
import Foundation
import Trainer

/// `emocorpus predict --model RUN/fold-K FILE…`: posteriors for new audio through the same front
/// end and normalization statistics as training.
public enum PredictPipeline {
  public struct FilePrediction: Codable, Sendable {
    public var file: String
    public var label: String
    public var posterior: [String: Double]
    /// One row per 3 s window: start in seconds and class posteriors.
    public var windows: [WindowPrediction]
    public var gender: [String: Double]?
    /// Each rated dimension's value in its scale's units: the mean of the windows (models trained
    /// with dimension targets).
    public var dimensions: [String: Double]?
  }

  public struct WindowPrediction: Codable, Sendable {
    public var start: Double
    public var frames: Int
    public var posterior: [String: Double]
    public var dimensions: [String: Double]?
  }

  /// Each file's features are computed with the model's own feature config (`features.json`, the
  /// training features' config: rate, Mel bands, window, Δ, resampler), so they match by
  /// construction; a config that does not fit the model is refused. Files below the model's rate
  /// are upsampled (their top bands empty) and noted through `log`.
  public static func run(
    modelDir: String, files: [String], threads: Int, log: (String) -> Void = PrepPipeline.note
  ) throws -> (classes: [String], [FilePrediction]) {
    try RunDirectory.FoldDirectory(modelDir).validateModel()
    let predictor = try Predictor.load(foldDir: modelDir)
    let config = try modelFeatures(modelDir, predictor: predictor)
    let extractor = try FeatureExtractor(config: config)
    let framing = config.framing
    var results: [FilePrediction] = []
    for file in files {
      let audio = try AudioFile(path: file)
      if audio.info.sampleRate < config.sampleRate {
        log(
          "\(file): \(audio.info.sampleRate) Hz audio upsampled to the model's \(config.sampleRate) Hz: its features "
            + "above \(audio.info.sampleRate / 2) Hz are empty, unlike the training data's")
      }
      let matrix = try extractor.features(file: audio)
      let windows = SubSegmenter.windows(matrix, framing: framing)
      guard !windows.isEmpty else {
        throw LocatedError(file: file, "audio is shorter than one analysis frame", expected: "at least 25 ms of audio")
      }
      let prediction = try predictor.predict(
        windows.map { Trainer.FeatureWindow(features: $0.values, length: $0.length) }, threads: threads)
      func named(_ values: [Float], _ names: [String]) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: zip(names, values.map(Double.init)))
      }
      let hop = Double(framing.frameHop) / Double(config.sampleRate)
      results.append(
        FilePrediction(
          file: file, label: prediction.label >= 0 ? predictor.classes[prediction.label] : "-",
          posterior: named(prediction.posterior, predictor.classes),
          windows: zip(windows, prediction.windows).enumerated().map { i, item in
            WindowPrediction(
              start: Double(item.0.start) * hop, frames: item.0.length, posterior: named(item.1, predictor.classes),
              dimensions: prediction.dimensions == nil ? nil : prediction.windowDimensions[i])
          },
          gender: prediction.gender.map { named($0, ["female", "male"]) }, dimensions: prediction.dimensions))
    }
    return (predictor.classes, results)
  }

  /// The feature config a fold model was trained with (`RUN/fold-K/features.json`), checked
  /// against the model's input width.
  static func modelFeatures(_ modelDir: String, predictor: Predictor) throws -> FeatureConfig {
    let configPath = RunDirectory.FoldDirectory(modelDir).featureConfig
    guard let data = FileManager.default.contents(atPath: configPath) else {
      throw LocatedError(
        file: configPath, "missing feature config", expected: "a fold folder written by emocorpus train")
    }
    let config: FeatureConfig
    do {
      config = try JSONDecoder().decode(FeatureConfig.self, from: data)
      try config.validate()
    } catch {
      throw LocatedError(file: configPath, "unreadable feature config", expected: "the features.json written by train")
    }
    guard config.featureCount == predictor.model.inputFeatures else {
      throw LocatedError(
        file: configPath,
        "the feature config gives \(config.featureCount) values per frame (\(config.summary)) but the model takes "
          + "\(predictor.model.inputFeatures)",
        expected: "the features.json written with this model by emocorpus train")
    }
    return config
  }

  /// A plain table: one row per window and one per file.
  /// Rated dimensions' values follow the label, one column each (models trained with them).
  public static func table(classes: [String], _ results: [FilePrediction]) -> String {
    let dims = dimensionNames(results)
    var lines = [(["file", "window", "start_s"] + classes + ["label"] + dims).joined(separator: "\t")]
    func cells(_ p: [String: Double]) -> [String] { classes.map { String(format: "%.3f", p[$0] ?? 0) } }
    func values(_ v: [String: Double]?) -> [String] { dims.map { v?[$0].map { String(format: "%.2f", $0) } ?? "-" } }
    for r in results {
      for (i, w) in r.windows.enumerated() {
        let best = classes.max { (w.posterior[$0] ?? 0) < (w.posterior[$1] ?? 0) } ?? "-"
        lines.append(
          ([r.file, "\(i + 1)", String(format: "%.2f", w.start)] + cells(w.posterior) + [best] + values(w.dimensions))
            .joined(separator: "\t"))
      }
      lines.append(
        ([r.file, "all", "-"] + cells(r.posterior) + [r.label] + values(r.dimensions)).joined(separator: "\t"))
    }
    return lines.joined(separator: "\n")
  }

  /// The rated dimensions of the predictions: arousal, valence, dominance first, then by name.
  static func dimensionNames(_ results: [FilePrediction]) -> [String] {
    let all = Set(results.flatMap { $0.dimensions?.keys.map { $0 } ?? [] })
    let preferred = ["arousal", "valence", "dominance"].filter { all.contains($0) }
    return preferred + all.subtracting(preferred).sorted()
  }
}
