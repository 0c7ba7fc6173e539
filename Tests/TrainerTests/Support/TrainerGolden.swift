import Foundation

@testable import Trainer

/// `Fixtures/golden/trainer.json`, written by `scripts/dev/golden_trainer.py` with PyTorch.
struct TrainerGolden: Decodable {
  struct Conv: Decodable {
    var channels: Int
    var kernel: Int
    var stride: Int
    var padding: Int
  }

  /// A small network built from torch.nn with fixed weights (in the flat layout), a batch, and its
  /// posteriors and summed-loss gradient (dropout off).
  struct NetworkCase: Decodable {
    var name: String
    var features: Int
    var frames: Int
    var convs: [Conv]
    var maskConvOutputs: Bool
    var hidden: Int
    var dense: [Int]
    var classes: Int
    var parameters: [Double]
    var input: [Double]
    var lengths: [Int]
    var labels: [Int]
    var genders: [Int]
    var posteriors: [Double]
    var genderPosteriors: [Double]
    var loss: Double
    var gradient: [Double]

    enum CodingKeys: String, CodingKey {
      case name, features, frames, convs, hidden, dense, classes, parameters, input, lengths, labels, genders
      case posteriors, loss, gradient
      case maskConvOutputs = "mask_conv_outputs"
      case genderPosteriors = "gender_posteriors"
    }

    /// The same architecture as an EmoCorpus model config.
    var config: ModelConfig {
      ModelConfig(
        name: name, inputFeatures: features, inputFrames: frames, maskConvOutputs: maskConvOutputs,
        layers: convs.map {
          .init(type: "conv1d", channels: $0.channels, kernel: [$0.kernel], stride: [$0.stride], padding: [$0.padding])
        },
        lstm: .init(hidden: hidden, dropout: 0.5), dense: dense.map { .init(units: $0, dropout: 0.5) },
        genderHead: true)
    }
  }

  /// torch.optim.Adam after clip_grad_value_, step by step.
  struct AdamCase: Decodable {
    struct Step: Decodable {
      var params: [Float]
      var m: [Float]
      var v: [Float]
    }
    var initial: [Float]
    var gradients: [[Float]]
    var rates: [Double]
    var clip: Float
    var steps: [Step]
  }

  var networks: [NetworkCase]
  var adam: AdamCase

  static let shared: TrainerGolden = {
    let url = Bundle.module.url(forResource: "trainer", withExtension: "json", subdirectory: "Fixtures/golden")!
    return try! JSONDecoder().decode(TrainerGolden.self, from: Data(contentsOf: url))
  }()
}
