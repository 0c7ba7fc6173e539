import EmoSupport
import Foundation

/// Writes a `TablePlan` as `corpus.csv` (one row per annotation) and 16 kHz WAVs under `wav/`.
struct TableWriter {
  let plan: TablePlan
  let root: String
  let seed: UInt64

  static let sampleRate = 16000
  /// `arousal` and `valence`: the coder's ratings (1–5) of what the segment renders
  /// (`prep table --dimensions arousal=arousal,valence=valence --scale 1:5`).
  static let header = "id,path,speaker,gender,dialog,start,end,coder,label,arousal,valence"

  func writeLabels() throws {
    let genders = Dictionary(uniqueKeysWithValues: plan.speakers.map { ($0.id, $0.gender) })
    var text = Self.header + "\n"
    for dialog in plan.dialogs {
      for segment in dialog.segments {
        let affect = SegmentAffect(expression: segment.expression, intensity: segment.intensity)
        for (coder, label) in segment.labels {
          let rating = affect.rated(seed: seed, segment: segment.id, rater: coder)
          let fields = [
            segment.id, "wav/\(dialog.file).wav", segment.speaker, genders[segment.speaker]?.rawValue ?? "unknown",
            dialog.name, String(format: "%.2f", segment.start), String(format: "%.2f", segment.end), coder,
            label.rawValue, SegmentAffect.text(rating.arousal), SegmentAffect.text(rating.valence),
          ]
          text += CSVQuoting.row(fields) + "\n"
        }
      }
    }
    try AtomicFile.write(text, to: root + "/corpus.csv")
  }

  func writeAudio(jobs: Int, progress: EmoSupport.Progress) throws -> Double {
    let seed = self.seed
    let voices = Dictionary(
      uniqueKeysWithValues: plan.speakers.map { speaker in
        var rng = SeededRandom(seed: seed, stream: "voice/\(speaker.id)")
        return (speaker.id, Voice.random(gender: speaker.gender, rng: &rng))
      })
    let recordings = plan.dialogs.map { dialog in
      DialogRecording(
        path: "\(root)/wav/\(dialog.file).wav", stream: "table/audio/\(dialog.file)", duration: dialog.duration,
        events: dialog.segments.map {
          SpeechEvent(
            start: $0.start, duration: $0.end - $0.start, voice: voices[$0.speaker]!, expression: $0.expression,
            intensity: $0.intensity)
        }, noise: dialog.noise)
    }
    return try DialogAudio.write(recordings, seed: seed, sampleRate: Self.sampleRate, jobs: jobs, progress: progress)
  }
}
