import EmoCorpus
import Foundation
import Readers
import TestSupport
import Testing

@testable import Synth

/// The continuous arousal and valence a synthetic corpus carries follow what its audio renders.
@Suite struct AffectTests {
  @Test func affectFollowsTheExpressionAndItsIntensity() {
    #expect(SegmentAffect(expression: .neutral, intensity: 0.9) == SegmentAffect(arousal: 3, valence: 3))
    let mildAnger = SegmentAffect(expression: .anger, intensity: 0.3)
    let strongAnger = SegmentAffect(expression: .anger, intensity: 0.9)
    #expect(strongAnger.arousal > mildAnger.arousal && mildAnger.arousal > 3)
    #expect(strongAnger.valence < mildAnger.valence && mildAnger.valence < 3)
    #expect(SegmentAffect(expression: .sadness, intensity: 0.8).arousal < 3)
    #expect(SegmentAffect(expression: .happiness, intensity: 0.8).valence > 3)
    for expression in VocalExpression.allCases {
      let a = SegmentAffect(expression: expression, intensity: 1)
      #expect((1...5).contains(a.arousal) && (1...5).contains(a.valence))
    }
    // A rater's rating is reproducible, on the scale, in steps of 0.1.
    let r = strongAnger.rated(seed: 3, segment: "D1-001", rater: "c1")
    #expect(r == strongAnger.rated(seed: 3, segment: "D1-001", rater: "c1"))
    #expect((1...5).contains(r.arousal))
    #expect(abs(r.arousal * 10 - (r.arousal * 10).rounded()) < 1e-9)
  }

  @Test func cemoAnnotationsCarryRatingsThatFollowTheRenderedIntensity() throws {
    let dir = try TemporaryDirectory("synth-affect")
    defer { dir.remove() }
    let options = SynthOptions(layout: .cemo, outputDirectory: dir.path + "/c", speakers: 14, dialogs: 10)
    let report = try CorpusSynthesizer.generate(options)
    let corpus = try CEMOXMLReader().read(root: report.root)
    let plan = CEMOPlanner(
      sizes: CEMOSizes.scaled(callers: 14, dialogs: 10), disagreement: options.disagreement, seed: options.seed
    ).plan()
    let rendered = Dictionary(
      uniqueKeysWithValues: plan.dialogs.flatMap(\.segments).map {
        ($0.id, SegmentAffect(expression: $0.expression, intensity: $0.intensity))
      })
    var truth: [Double] = []
    var rated: [Double] = []
    var annotations = 0
    for segment in corpus.segments {
      var values: [Double] = []
      for annotation in segment.annotations {
        let d = try #require(annotation.dimensions)
        #expect(d.dominance == nil)
        values.append(d.activation!)
        annotations += 1
      }
      // The segment's consensus: the mean of its coders' ratings.
      truth.append(rendered[segment.id]!.arousal)
      rated.append(values.reduce(0, +) / Double(values.count))
    }
    #expect(annotations == report.annotations)
    // Ratings scatter around the rendered value (rater noise 0.35) but their mean follows it.
    let n = Double(truth.count)
    let mt = truth.reduce(0, +) / n
    let mr = rated.reduce(0, +) / n
    let cov = zip(truth, rated).reduce(0) { $0 + ($1.0 - mt) * ($1.1 - mr) }
    let vt = truth.reduce(0) { $0 + ($1 - mt) * ($1 - mt) }
    let vr = rated.reduce(0) { $0 + ($1 - mr) * ($1 - mr) }
    #expect(cov / (vt * vr).squareRoot() > 0.6)
  }

  @Test func tableRowsCarryArousalAndValenceColumns() throws {
    let dir = try TemporaryDirectory("synth-affect-table")
    defer { dir.remove() }
    let report = try CorpusSynthesizer.generate(
      SynthOptions(layout: .table, outputDirectory: dir.path + "/t", speakers: 6, dialogs: 4))
    let text = try String(contentsOfFile: report.root + "/corpus.csv", encoding: .utf8)
    let lines = text.split(separator: "\n")
    #expect(lines[0] == "id,path,speaker,gender,dialog,start,end,coder,label,arousal,valence")
    for line in lines.dropFirst() {
      let fields = line.split(separator: ",")
      let arousal = Double(fields[fields.count - 2])!
      let valence = Double(fields[fields.count - 1])!
      #expect((1...5).contains(arousal) && (1...5).contains(valence))
    }
  }
}
