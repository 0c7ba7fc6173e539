// swift-tools-version:6.1
// EmoCorpus — speech-emotion corpus preparation, annotation audit and reference trainer.
// SPDX-License-Identifier: GPL-3.0-or-later
import PackageDescription

/// Numeric targets are optimized even in debug builds so that `swift test` stays fast.
let numericFlags: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
  name: "EmoCorpus",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "emocorpus", targets: ["emocorpus"]),
    .library(name: "EmoCorpus", targets: ["Agreement", "EmoCorpus", "Readers", "Folds"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
  ],
  targets: [
    // System-library shims: a module map and a shim header per C library.
    .systemLibrary(name: "CSndFile", pkgConfig: "sndfile", providers: [.apt(["libsndfile1-dev"])]),
    .systemLibrary(name: "CSampleRate", pkgConfig: "samplerate", providers: [.apt(["libsamplerate0-dev"])]),
    .systemLibrary(name: "CSoxr", pkgConfig: "soxr", providers: [.apt(["libsoxr-dev"])]),
    .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
    .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
    .systemLibrary(name: "COpenBLAS", providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(name: "CFFTW", pkgConfig: "fftw3f", providers: [.apt(["libfftw3-dev"])]),
    .target(
      name: "CKernels",
      cSettings: [.unsafeFlags(["-O3"])]),
    // Layers, lowest first; a target imports only targets listed before it (`make lint` checks).
    // Cross-cutting helpers every layer uses: errors with locations, atomic files, hashing,
    // progress, seeded randomness, delimited text. Knows nothing of corpora, audio or models.
    .target(name: "EmoSupport", dependencies: ["CKernels", "CZlib", .product(name: "Yams", package: "Yams")]),
    // Agreement statistics on plain arrays: coefficients, standard errors, rater diagnostics.
    .target(name: "Agreement", dependencies: ["EmoSupport"], swiftSettings: numericFlags),
    // The corpus model, labels and tasks, selection, the audit of a corpus, the catalog.
    .target(
      name: "EmoCorpus",
      dependencies: ["Agreement", "CSQLite", "EmoSupport"],
      swiftSettings: numericFlags),
    // One folder per source format, each producing a Corpus.
    .target(
      name: "Readers",
      dependencies: ["CLibXML2", "EmoCorpus", "EmoSupport"]),
    // Fold planning, manifests, fold checks, splits made elsewhere, exports for other toolkits.
    .target(name: "Folds", dependencies: ["EmoCorpus", "EmoSupport", "Readers"], swiftSettings: numericFlags),
    .target(
      name: "AudioFeatures",
      dependencies: ["CSndFile", "CSampleRate", "CSoxr", "CFFTW", "COpenBLAS", "EmoSupport"],
      swiftSettings: numericFlags),
    .target(
      name: "Trainer",
      dependencies: ["COpenBLAS", "CKernels", "EmoSupport", .product(name: "Yams", package: "Yams")],
      swiftSettings: numericFlags),
    .target(name: "Reports", dependencies: ["Agreement", "EmoCorpus", "Trainer"]),
    .target(
      name: "Synth", dependencies: ["Readers", "EmoCorpus", "EmoSupport", "CSndFile"], swiftSettings: numericFlags),
    .target(
      name: "Pipeline",
      dependencies: [
        "Agreement",
        "Folds", "Readers",
        "EmoCorpus", "EmoSupport", "AudioFeatures", "Trainer", "Reports", .product(name: "Yams", package: "Yams"),
      ]),
    .executableTarget(
      name: "emocorpus",
      dependencies: [
        "Agreement", "Folds", "Readers",
        "Pipeline", "EmoCorpus", "EmoSupport", "Synth", "AudioFeatures", "Trainer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(
      name: "EmoBench",
      dependencies: ["Agreement", "Folds", "EmoCorpus", "EmoSupport", "AudioFeatures", "Trainer", "Pipeline"],
      path: "Benchmarks/EmoBench",
      swiftSettings: numericFlags),

    .target(name: "TestSupport", dependencies: ["Folds", "EmoCorpus", "EmoSupport"], path: "Tests/TestSupport"),
    .testTarget(
      name: "EmoCorpusTests",
      dependencies: [
        "Agreement", "Folds", "Readers", "EmoCorpus", "EmoSupport", "TestSupport",
        .product(name: "Yams", package: "Yams"),
      ],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "AudioFeaturesTests", dependencies: ["AudioFeatures", "EmoSupport", "TestSupport"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "TrainerTests", dependencies: ["Trainer", "EmoSupport", "TestSupport"], resources: [.copy("Fixtures")]),
    .testTarget(name: "ReportsTests", dependencies: ["Agreement", "Reports", "EmoCorpus", "EmoSupport", "Trainer"]),
    .testTarget(name: "SynthTests", dependencies: ["Readers", "Synth", "EmoCorpus", "EmoSupport", "TestSupport"]),
    .testTarget(
      name: "PipelineTests",
      dependencies: [
        "Folds", "Readers", "Pipeline", "AudioFeatures", "Synth", "Trainer", "EmoCorpus", "EmoSupport", "TestSupport",
      ]),
    .testTarget(name: "EmoSupportTests", dependencies: ["EmoSupport"]),
  ]
)

// Fuzz targets (`make fuzz`): one libFuzzer executable per parser of outside input, declared only
// when EMOCORPUS_FUZZ is set (the Makefile sets it and builds in its own scratch path with
// `--sanitize=fuzzer --sanitize=address`), so the normal build and `make test` never see them.
if Context.environment["EMOCORPUS_FUZZ"] != nil {
  package.targets.append(
    .target(
      name: "FuzzSupport", dependencies: ["EmoCorpus", "EmoSupport", "Folds", "Readers"], path: "Tests/Fuzz/Support"))
  // Target name → the product modules it imports.
  let fuzzTargets: [(String, [Target.Dependency])] = [
    ("iemocap", ["Agreement", "EmoCorpus", "Readers", "Folds"]),
    ("cemo-xml", ["Agreement", "EmoCorpus", "Readers", "Folds"]),
    ("transcriber", ["Agreement", "EmoCorpus", "Readers", "Folds"]),
    ("table", ["Agreement", "EmoCorpus", "EmoSupport", "Readers", "Folds"]),
    ("votes", ["Agreement", "EmoCorpus", "Readers", "Folds"]),
    ("ratings", ["Agreement", "EmoCorpus", "Readers", "Folds"]),
    ("yaml-config", ["Pipeline"]), ("yaml-mapping", ["Agreement", "EmoCorpus", "Readers", "Folds"]),
    ("yaml-task", ["Agreement", "EmoCorpus", "Readers", "Folds"]),
    ("yaml-preset", ["EmoCorpus", "EmoSupport", "Readers"]), ("model-config", ["Trainer"]),
    ("manifest-jsonl", ["Agreement", "EmoCorpus", "Readers", "Folds"]),
    ("split-emobox", ["Agreement", "EmoCorpus", "Readers", "Folds"]),
    ("split-speechbrain", ["Agreement", "EmoCorpus", "Readers", "Folds"]),
    ("split-s3prl", ["Agreement", "EmoCorpus", "Readers", "Folds"]),
    ("split-kaldi", ["Agreement", "EmoCorpus", "Readers", "Folds"]),
    ("split-lhotse", ["Agreement", "EmoCorpus", "Readers", "Folds"]),
    ("split-csv", ["Agreement", "EmoCorpus", "Readers", "Folds"]),
    ("msp-podcast", ["EmoCorpus", "Readers"]),
    ("wav-header", ["AudioFeatures"]),
  ]
  for (name, modules) in fuzzTargets {
    package.targets.append(
      .executableTarget(
        name: "fuzz-\(name)", dependencies: ["FuzzSupport"] + modules, path: "Tests/Fuzz/Targets/\(name)"))
  }
}
