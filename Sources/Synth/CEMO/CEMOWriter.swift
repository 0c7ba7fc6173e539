import EmoCorpus
import EmoSupport
import Foundation

/// Writes a `CEMOPlan` as CEMO-style XML files (`schemas/cemo-xml-input.md`; some ISO-8859-1 with
/// French label aliases) and one 8 kHz WAV per dialog holding both speakers' segments at their annotated times.
struct CEMOWriter {
  let plan: CEMOPlan
  let root: String
  let seed: UInt64

  static let sampleRate = 8000

  /// French names the label mapping accepts as aliases, used in ISO-8859-1 files.
  static let frenchAliases: [String: String] = [
    "Fear": "Peur", "Anxiety": "Anxiété", "ColdAnger": "Colère froide", "HotAnger": "Colère chaude",
    "Relief": "Soulagement", "Annoyance": "Agacement", "Panic": "Panique", "Disappointment": "Déception",
    "Sadness": "Tristesse", "Despair": "Désespoir", "Pain": "Douleur", "Interest": "Intérêt", "Neutral": "Neutre",
    "Dismay": "Désarroi",
  ]

  func writeLabels() throws -> Int {
    let speakersByFile = Dictionary(grouping: plan.speakers, by: \.file)
    let dialogsByFile = Dictionary(grouping: plan.dialogs, by: \.file)
    var annotations = 0
    for (k, file) in plan.files.enumerated() {
      var xml = "<?xml version=\"1.0\" encoding=\"\(file.latin1 ? "ISO-8859-1" : "UTF-8")\"?>\n"
      xml += "<corpus name=\"cemo-synth\" version=\"1\">\n"
      xml += "  <coders><coder id=\"c1\"/><coder id=\"c2\"/></coders>\n"
      xml += "  <speakers>\n"
      for speaker in speakersByFile[k] ?? [] {
        xml +=
          "    <speaker id=\"\(speaker.id)\" role=\"\(speaker.role.rawValue)\" gender=\"\(speaker.gender.rawValue)\"/>\n"
      }
      xml += "  </speakers>\n"
      for dialog in dialogsByFile[k] ?? [] {
        xml += "  <dialog id=\"\(dialog.id)\" audio=\"audio/\(dialog.id).wav\">\n"
        for segment in dialog.segments {
          xml +=
            "    <segment id=\"\(segment.id)\" speaker=\"\(segment.speaker)\" start=\"\(Self.seconds(segment.start))\""
          xml += " end=\"\(Self.seconds(segment.end))\">\n"
          for judgement in segment.judgements {
            xml +=
              "      <annotation coder=\"\(judgement.coder)\" major=\"\(label(judgement.major, latin1: file.latin1))\""
            if let minor = judgement.minor { xml += " minor=\"\(label(minor, latin1: file.latin1))\"" }
            // The coder's ratings of what the segment renders (1–5).
            let rating = SegmentAffect(expression: segment.expression, intensity: segment.intensity).rated(
              seed: seed, segment: segment.id, rater: judgement.coder)
            xml +=
              " arousal=\"\(SegmentAffect.text(rating.arousal))\" valence=\"\(SegmentAffect.text(rating.valence))\""
            xml += "/>\n"
            annotations += 1
          }
          xml += "    </segment>\n"
        }
        xml += "  </dialog>\n"
      }
      xml += "</corpus>\n"
      let path = root + "/" + file.name
      guard let data = xml.data(using: file.latin1 ? .isoLatin1 : .utf8) else {
        throw LocatedError(file: path, "cannot encode the corpus file", expected: "ISO-8859-1 characters only")
      }
      try AtomicFile.write(data, to: path)
    }
    return annotations
  }

  /// Renders and writes every dialog's WAV in parallel; returns the seconds written.
  func writeAudio(jobs: Int, progress: EmoSupport.Progress) throws -> Double {
    let voices = Dictionary(uniqueKeysWithValues: plan.speakers.map { ($0.id, voice(for: $0)) })
    let recordings = plan.dialogs.map { dialog in
      DialogRecording(
        path: "\(root)/audio/\(dialog.id).wav", stream: "cemo/audio/\(dialog.id)", duration: dialog.duration,
        events: dialog.segments.map {
          SpeechEvent(
            start: $0.start, duration: $0.end - $0.start, voice: voices[$0.speaker]!, expression: $0.expression,
            intensity: $0.intensity)
        }, noise: dialog.noise)
    }
    return try DialogAudio.write(recordings, seed: seed, sampleRate: Self.sampleRate, jobs: jobs, progress: progress)
  }

  private func voice(for speaker: CEMOSpeaker) -> Voice {
    var rng = SeededRandom(seed: seed, stream: "voice/\(speaker.id)")
    return Voice.random(gender: speaker.gender, rng: &rng)
  }

  private func label(_ fine: String, latin1: Bool) -> String {
    guard latin1 else { return fine }
    if let french = Self.frenchAliases[fine] { return french }
    // Real files written by hand also vary in case.
    return fine == "Stress" ? "stress" : fine
  }

  static func seconds(_ value: Double) -> String { String(format: "%.2f", value) }
}
