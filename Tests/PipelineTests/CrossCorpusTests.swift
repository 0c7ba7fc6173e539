import AudioFeatures
import EmoCorpus
import EmoSupport
import Foundation
import Synth
import TestSupport
import Testing
import Trainer

@testable import Pipeline

/// `train --test-prep OTHER`: each fold's model tested on every kept segment of another
/// prep output with the same task classes; different classes are refused.
@Suite struct CrossCorpusTests {
  static func prep(
    _ tmp: TemporaryDirectory, _ name: String, seed: UInt64, task: String, corpus: String? = nil,
    configure: (inout PrepConfig) -> Void = { _ in }
  ) throws -> String {
    let root = "\(tmp.path)/\(corpus ?? name)-corpus"
    if !FileManager.default.fileExists(atPath: root) {
      _ = try CorpusSynthesizer.generate(
        SynthOptions(layout: .cemo, outputDirectory: root, speakers: 14, dialogs: 10, seed: seed, jobs: 2))
    }
    var c = PrepConfig(source: .cemo, root: root, task: task, out: "\(tmp.path)/\(name)")
    c.roles = [.caller]
    c.folds = 3
    c.audit = false
    c.jobs = 2
    configure(&c)
    _ = try PrepPipeline.run(c, log: { _ in })
    return c.out
  }

  @Test func foldModelsAreTestedOnTheOtherCorpus() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let a = try Self.prep(tmp, "a", seed: 1, task: "cemo-anger-neutral")
    let b = try Self.prep(tmp, "b", seed: 2, task: "cemo-anger-neutral")
    var options = TrainPipeline.Options(prepDir: a, out: tmp.path + "/run")
    options.epochs = 1
    options.folds = [1]
    options.testPrep = b
    _ = try TrainPipeline.run(options, log: { _ in })
    let cross = try JSONDecoder().decode(
      CrossCorpusResult.self, from: Data(contentsOf: URL(fileURLWithPath: tmp.path + "/run/cross_corpus.json")))
    let kept = try JSONDecoder().decode(
      PrepSummary.self, from: Data(contentsOf: URL(fileURLWithPath: b + "/summary.json"))
    ).kept
    #expect(cross.segments == kept)
    #expect(cross.folds.map(\.fold) == [1])
    #expect((0...1).contains(cross.ua))
    #expect(cross.confusion.joined().reduce(0, +) == kept)
    let report = try String(contentsOfFile: tmp.path + "/run/report.html", encoding: .utf8)
    #expect(report.contains("Cross-corpus test on b"))
    // The task file's published figure is a row of the results table (cemo-anger-neutral: UA 76.9).
    #expect(
      report.contains("<td>Deschamps-Berger, Lamel &amp; Devillers, ACII 2021, cemo-anger-neutral</td><td>76.9</td>"))

    let other = try Self.prep(tmp, "c", seed: 3, task: "cemo-4")
    options.testPrep = other
    options.out = tmp.path + "/run2"
    #expect(throws: LocatedError.self) { try TrainPipeline.run(options, log: { _ in }) }
    // Refused before any training: no fold folder was written.
    #expect(!FileManager.default.fileExists(atPath: tmp.path + "/run2/fold-1"))
  }

  @Test func featuresMadeWithAnotherConfigAreRefusedNamingBoth() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    // The model learns on 8 kHz telephone features; the same calls prepared at 16 kHz with
    // libsamplerate are other features.
    let a = try Self.prep(tmp, "a", seed: 1, task: "cemo-anger-neutral")
    let wide = try Self.prep(tmp, "wide", seed: 1, task: "cemo-anger-neutral", corpus: "a") {
      $0.audio.rate = 16000
      $0.audio.resampler = .libsamplerate
    }
    var options = TrainPipeline.Options(prepDir: a, out: tmp.path + "/run")
    options.epochs = 1
    options.folds = [1]
    options.testPrep = wide
    do {
      _ = try TrainPipeline.run(options, log: { _ in })
      Issue.record("a prep with other features must be refused")
    } catch {
      let expected: String =
        "\(wide): its features were made with another feature config than the model's (sampleRate 16000 here, "
        + "8000 for the model; frameLength 400 here, 200 for the model; frameHop 160 here, 80 for the model; "
        + "fftSize 512 here, 256 for the model; fmax 8000.0 here, 4000.0 for the model; resampler "
        + "libsamplerate-best here, soxr-vhq for the model): here 16000 Hz, 40 htk Mel bands, hann 400/160, FFT 512, "
        + "Δ+ΔΔ, libsamplerate-best; model 8000 Hz, 40 htk Mel bands, hann 200/80, FFT 256, Δ+ΔΔ, soxr-vhq "
        + "(expected the model's feature config: prepare this corpus with the same rate, Mel, window, Δ and "
        + "resampler options as the training data (see README, \"A model and its features\"))"
      #expect("\(error)" == expected)
    }
    #expect(!FileManager.default.fileExists(atPath: tmp.path + "/run/fold-1"))

    // The same features config with another channel choice is accepted, and predict checks the
    // model's features.json against the model.
    let left = try Self.prep(tmp, "left", seed: 1, task: "cemo-anger-neutral", corpus: "a") { $0.audio.channel = 1 }
    options.testPrep = left
    _ = try TrainPipeline.run(options, log: { _ in })
    #expect(FileManager.default.fileExists(atPath: tmp.path + "/run/cross_corpus.json"))
    let fold = tmp.path + "/run/fold-1"
    let phone = tmp.path + "/phone.wav"
    try AudioWriter.write(
      (0..<8000).map { Float(0.3 * sin(Double($0) * 0.2)) }, sampleRate: 4000, to: phone)
    var notes: [String] = []
    let (_, results) = try PredictPipeline.run(modelDir: fold, files: [phone], threads: 1, log: { notes.append($0) })
    #expect(results.count == 1)
    #expect(
      notes == [
        "\(phone): 4000 Hz audio upsampled to the model's 8000 Hz: its features above 2000 Hz are empty, unlike the "
          + "training data's"
      ])
    var config = try JSONDecoder().decode(
      FeatureConfig.self, from: Data(contentsOf: URL(fileURLWithPath: fold + "/features.json")))
    #expect(config.resampler == .soxr)
    config.nMels = 64
    try JSONEncoder().encode(config).write(to: URL(fileURLWithPath: fold + "/features.json"))
    do {
      _ = try PredictPipeline.run(modelDir: fold, files: [phone], threads: 1, log: { _ in })
      Issue.record("a features.json that does not fit the model must be refused")
    } catch {
      #expect(
        "\(error)"
          == "\(fold)/features.json: the feature config gives 192 values per frame (8000 Hz, 64 htk Mel bands, "
          + "hann 200/80, FFT 256, Δ+ΔΔ, soxr-vhq) but the model takes 120 (expected the features.json written with "
          + "this model by emocorpus train)")
    }
  }
}
