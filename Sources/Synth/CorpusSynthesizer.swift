import EmoSupport
import Foundation

/// Generates synthetic corpora in the readers' layouts (`emocorpus synth`).
public enum CorpusSynthesizer {
  /// Writes the corpus `options` describe and reports what it holds.
  public static func generate(_ options: SynthOptions) throws -> SynthReport {
    if let problem = options.problem { throw LocatedError(file: nil, problem) }
    let root = URL(fileURLWithPath: options.outputDirectory).standardizedFileURL.path
    try prepareOutput(root)
    let jobs = options.jobs ?? ProcessInfo.processInfo.activeProcessorCount
    switch options.layout {
    case .cemo:
      let sizes =
        options.preset == .cemoPaper
        ? CEMOSizes.paper : CEMOSizes.scaled(callers: options.speakers ?? 40, dialogs: options.dialogs)
      let plan = CEMOPlanner(sizes: sizes, disagreement: options.disagreement, seed: options.seed).plan()
      let writer = CEMOWriter(plan: plan, root: root, seed: options.seed)
      let annotations = try writer.writeLabels()
      var report = plan.report(root: root, seed: options.seed, annotations: annotations)
      if options.writeAudio {
        let progress = EmoSupport.Progress("synth audio", total: plan.dialogs.count, unit: "dialogs")
        report.audioSeconds = try writer.writeAudio(jobs: jobs, progress: progress)
        progress.finish()
        report.audioFiles = plan.dialogs.count
      }
      return report
    case .iemocap:
      let sessions = (options.speakers ?? 10) / 2
      let preset = options.preset == .iemocapPaper
      let plan = IEMOCAPPlanner(
        sessions: sessions, dialogs: preset ? 150 : options.dialogs ?? 4 * sessions,
        disagreement: options.disagreement, seed: options.seed, pools: preset ? .release : nil
      ).plan()
      let writer = IEMOCAPWriter(plan: plan, root: root, seed: options.seed)
      let annotations = try writer.writeLabels()
      var report = plan.report(root: root, seed: options.seed, annotations: annotations)
      if options.writeAudio {
        let progress = EmoSupport.Progress("synth audio", total: plan.dialogs.count, unit: "dialogs")
        report.audioSeconds = try writer.writeAudio(jobs: jobs, progress: progress)
        progress.finish()
        report.audioFiles = report.segments
      }
      return report
    case .table:
      let speakers = options.speakers ?? 12
      let plan = TablePlanner(
        speakers: speakers, dialogs: options.dialogs ?? max(12, (speakers + 1) / 2),
        disagreement: options.disagreement, seed: options.seed
      ).plan()
      let writer = TableWriter(plan: plan, root: root, seed: options.seed)
      try writer.writeLabels()
      var report = plan.report(root: root, seed: options.seed)
      if options.writeAudio {
        let progress = EmoSupport.Progress("synth audio", total: plan.dialogs.count, unit: "recordings")
        report.audioSeconds = try writer.writeAudio(jobs: jobs, progress: progress)
        progress.finish()
        report.audioFiles = plan.dialogs.count
      }
      return report
    }
  }

  /// Creates the output folder; refuses one that already holds files (a corpus is never mixed
  /// with the leftovers of another run).
  private static func prepareOutput(_ root: String) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw LocatedError(file: root, "output exists and is not a folder", expected: "a new or empty folder")
      }
      let contents = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
      if !contents.isEmpty {
        throw LocatedError(file: root, "output folder is not empty", expected: "a new or empty folder")
      }
    }
    try AtomicFile.createDirectory(root)
  }
}
