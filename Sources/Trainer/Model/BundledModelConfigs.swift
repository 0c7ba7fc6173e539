/// Embedded copies of `schemas/models/*.yaml` (a test checks they stay identical to the files).
public enum BundledModelConfigs {
  /// `schemas/models/temporal-cnn-bilstm.yaml`.
  public static let temporalCNNBiLSTM = """
    # Temporal CNN-BiLSTM, the default model of SPEC §6 (reconstruction of the paper's network).
    # 219,062 trainable parameters for 4 classes at 120 inputs with the gender head off
    # (two bias vectors per LSTM gate, as in PyTorch; 218,582 with `bias_vectors: 1`).
    # `input_features` is replaced by the feature cache's dimension (120 with ΔΔ, 80 without).
    name: temporal-cnn-bilstm
    input_features: 120
    input_frames: 300
    layers:
      - {type: conv1d, channels: 128, kernel: 3, stride: 2, padding: 1}   # 300 -> 150 frames
      - {type: conv1d, channels: 96, kernel: 3, stride: 3, padding: 1}    # 150 -> 50 frames
    lstm: {hidden: 60, dropout: 0.5, bias_vectors: 2}                     # 50 x (60 + 60) = 6000
    dense:
      - {units: 10, dropout: 0.5}
    gender_head: false
    """

  /// `schemas/models/cnn2d-bilstm.yaml`.
  public static let cnn2dBiLSTM = """
    # 2D CNN-BiLSTM variant (SPEC §6, "about 1.2 M parameters"): two 3x3 convolutions over the
    # (time, feature) plane, channels last; each output frame (features x channels) feeds the BiLSTM.
    # [300, 120, 1] -> conv 32 ch, stride (2, 2) -> [150, 60, 32] -> conv 76 ch, stride (3, 2)
    # -> [50, 30, 76] = 2280 values per frame -> BiLSTM 60 + 60 -> 6000 -> Dense(10) -> classes.
    # 1,206,498 parameters for 4 classes at 120 inputs, gender head off.
    name: cnn2d-bilstm
    input_features: 120
    input_frames: 300
    layers:
      - {type: conv2d, channels: 32, kernel: [3, 3], stride: [2, 2], padding: [1, 1]}
      - {type: conv2d, channels: 76, kernel: [3, 3], stride: [3, 2], padding: [1, 1]}
    lstm: {hidden: 60, dropout: 0.5, bias_vectors: 2}
    dense:
      - {units: 10, dropout: 0.5}
    gender_head: false
    """
}
