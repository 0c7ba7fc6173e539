import EmoSupport
import Foundation
import Testing

@testable import EmoCorpus

/// Builds an item with coders c1/c2 given as "Major/Minor" strings ("" = coder absent).
func auditItem(
  _ id: String, dialog: String = "d1", speaker: String = "s1", role: Role = .caller, c1: String, c2: String,
  label: String? = nil, duration: Double? = 1
) -> AuditItem {
  func judgement(_ coder: String, _ text: String) -> AuditJudgement? {
    guard !text.isEmpty else { return nil }
    let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    return AuditJudgement(
      coder: coder, major: parts[0] == "?" ? nil : parts[0], minor: parts.count > 1 ? parts[1] : nil)
  }
  return AuditItem(
    segmentID: id, dialog: dialog, speaker: speaker, role: role, gender: .unknown, duration: duration,
    judgements: [judgement("c1", c1), judgement("c2", c2)].compactMap { $0 }, finalLabel: label)
}

/// Every number of the JSON is finite (JSONEncoder would throw otherwise) and the keys exist.
func auditJSON(_ report: AuditReport) throws -> [String: Any] {
  try JSONSerialization.jsonObject(with: report.jsonData()) as! [String: Any]
}

@Suite struct AuditTests {
  @Test func noItemsGivesNullKappasWithNotes() throws {
    let report = runAudit(AuditInput(items: [], classes: ["Neutral", "Anger"], neutralClass: "Neutral"))
    let json = try auditJSON(report)
    let strict = (json["kappa"] as! [String: Any])["strict"] as! [String: Any]
    let all = strict["all"] as! [String: Any]
    #expect(all["value"] is NSNull && all["se"] is NSNull && all["ci95"] is NSNull)
    #expect(all["ci95_bootstrap"] is NSNull && (all["n"] as! Int) == 0)
    #expect(report.notes.contains { $0.hasPrefix("kappa: fewer than two coders") })
    #expect(report.notes.contains("kappa.strict.agent: no items with role agent; value is null (n = 0)"))
    #expect(report.fleissKappa.value == nil && report.krippendorffAlpha.value == nil)
    #expect(report.distribution.all.segmentsPerSpeaker.mean == nil)
    #expect(report.speakerLabelDependence.flag == false)
  }

  @Test func singleClassUsedByBothIsOneWithNote() throws {
    let items = (0..<4).map { auditItem("s\($0)", dialog: "d\($0)", c1: "Neutral", c2: "Neutral", label: "Neutral") }
    let report = runAudit(AuditInput(items: items, classes: ["Neutral"], seed: 3, bootstrapReplicates: 20))
    let all = report.kappa.strict.all
    #expect(all.value == 1 && all.se == nil && all.ci95 == nil && all.n == 4)
    #expect(all.ci95Bootstrap == [1, 1])
    #expect(!report.speakerLabelDependence.flag && report.speakerLabelDependence.cramersV == nil)
    #expect(
      report.notes.contains(
        "kappa.strict.all: both coders used one and the same class; kappa is defined as 1, se and ci95 are null"))
    #expect(report.fleissKappa.value == 1 && report.krippendorffAlpha.value == 1)
    _ = try auditJSON(report)
  }

  @Test func missingCoderAndMissingLabelAreCountedAndExcluded() {
    let items = [
      auditItem("a", c1: "Fear", c2: "Fear"),
      auditItem("b", c1: "Anger", c2: "Fear"),
      auditItem("c", c1: "Anger", c2: ""),
      auditItem("d", role: .agent, c1: "Anger", c2: "?"),
      auditItem("e", role: .agent, c1: "Neutral", c2: "Neutral"),
      auditItem("f", role: .agent, c1: "Fear", c2: "Neutral"),
    ]
    let report = runAudit(AuditInput(items: items, classes: [], bootstrapReplicates: 0))
    let k = report.kappa.strict
    #expect(k.all.n == 4 && k.all.excludedMissingCoder == 1 && k.all.excludedMissingLabel == 1)
    #expect(k.caller.n == 2 && k.caller.excludedMissingCoder == 1 && k.caller.excludedMissingLabel == 0)
    #expect(k.agent.n == 2 && k.agent.excludedMissingCoder == 0 && k.agent.excludedMissingLabel == 1)
    #expect(k.all.ci95Bootstrap == nil)
  }

  @Test func oneCoderMissingEverywhereIsNullNotNaN() throws {
    let items = (0..<3).map { auditItem("s\($0)", c1: "Fear", c2: "") }
    let report = runAudit(AuditInput(items: items, classes: [], twoCoderIDs: ("c1", "c2")))
    #expect(report.kappa.strict.all.value == nil && report.kappa.strict.all.excludedMissingCoder == 3)
    #expect(
      report.notes.contains(
        "kappa.strict.all: none of the 3 items has a Major label from both coders; value is null (n = 0)"))
    #expect(report.kappa.codersChosenBy == "input")
    _ = try auditJSON(report)
  }

  @Test func codersPresentMostOftenAreChosen() {
    let items = [
      AuditItem(
        segmentID: "1", dialog: "d", speaker: "s", role: .speaker, gender: .female, duration: nil,
        judgements: [
          AuditJudgement(coder: "E3", major: "ang"), AuditJudgement(coder: "E1", major: "ang"),
          AuditJudgement(coder: "E2", major: "neu"),
        ], finalLabel: nil),
      AuditItem(
        segmentID: "2", dialog: "d", speaker: "s", role: .speaker, gender: .female, duration: nil,
        judgements: [AuditJudgement(coder: "E3", major: "sad"), AuditJudgement(coder: "E2", major: "sad")],
        finalLabel: nil),
    ]
    let report = runAudit(AuditInput(items: items, classes: []))
    #expect(report.kappa.coderA == "E2" && report.kappa.coderB == "E3")
    #expect(report.pairwise.map { "\($0.coderA)-\($0.coderB):\($0.n)" } == ["E1-E2:1", "E1-E3:1", "E2-E3:2"])
  }

  @Test func bootstrapIsDeterministicForTheSeedAndBracketsTheValue() {
    var items: [AuditItem] = []
    var random = SeededRandom(seed: 11, stream: "tests.bootstrap")
    let classes = ["Fear", "Anger", "Neutral", "Positive"]
    for i in 0..<240 {
      let a = classes[Int(random.next() % 4)]
      let b = random.next() % 3 == 0 ? classes[Int(random.next() % 4)] : a
      items.append(auditItem("s\(i)", dialog: "d\(i / 8)", c1: a, c2: b))
    }
    let first = runAudit(AuditInput(items: items, classes: [], seed: 5, bootstrapReplicates: 200))
    let again = runAudit(AuditInput(items: items, classes: [], seed: 5, bootstrapReplicates: 200))
    let other = runAudit(AuditInput(items: items, classes: [], seed: 6, bootstrapReplicates: 200))
    let ci = first.kappa.strict.all.ci95Bootstrap!
    #expect(ci == again.kappa.strict.all.ci95Bootstrap!)
    #expect(ci != other.kappa.strict.all.ci95Bootstrap!)
    let value = first.kappa.strict.all.value!
    #expect(ci[0] < value && value < ci[1])
    // Dialog resampling gives an interval of the same order as the analytic one.
    let analytic = first.kappa.strict.all.ci95!
    let ratio = (ci[1] - ci[0]) / (analytic[1] - analytic[0])
    #expect(ratio > 0.5 && ratio < 2)
  }

  @Test func jsonHasTheStableKeys() throws {
    let items = [
      auditItem("a", c1: "Fear/Anger", c2: "Anger", label: "Fear"),
      auditItem("b", role: .agent, c1: "Neutral", c2: "Neutral", label: "Neutral"),
    ]
    let report = runAudit(AuditInput(items: items, classes: ["Fear", "Neutral"], bootstrapReplicates: 10))
    let json = try auditJSON(report)
    let kappa = json["kappa"] as! [String: Any]
    for rule in ["strict", "relaxed"] {
      let byRole = kappa[rule] as! [String: Any]
      for subset in ["all", "caller", "agent"] {
        let entry = byRole[subset] as! [String: Any]
        let keys = ["value", "se", "ci95", "ci95_bootstrap", "n", "excluded_missing_coder", "excluded_missing_label"]
        for key in keys { #expect(entry[key] != nil, "kappa.\(rule).\(subset).\(key)") }
      }
    }
    for key in [
      "per_class_kappa", "confusion", "fleiss_kappa", "krippendorff_alpha", "pairwise", "distribution",
      "speaker_label_dependence", "notes", "pairwise_mean_kappa",
    ] {
      #expect(json[key] != nil, "\(key)")
    }
    let text = String(decoding: try report.jsonData(), as: UTF8.self)
    #expect(text.contains("\"ci95_bootstrap\""))
    let decoded = try JSONDecoder().decode(AuditReport.self, from: report.jsonData())
    #expect(decoded == report)
  }

  @Test func distributionsMatchHandCounts() {
    // Speaker A: Neutral ×3; B: Anger, Neutral; C: Fear, Anger, Neutral; one unlabeled item.
    let items = [
      auditItem("1", speaker: "A", c1: "Neutral", c2: "Neutral", label: "Neutral", duration: 1),
      auditItem("2", speaker: "A", c1: "Neutral", c2: "Neutral", label: "Neutral", duration: 2),
      auditItem("3", speaker: "A", c1: "Neutral", c2: "Neutral", label: "Neutral", duration: 3),
      auditItem("4", speaker: "B", c1: "Anger", c2: "Anger", label: "Anger", duration: 4),
      auditItem("5", speaker: "B", c1: "Neutral", c2: "Neutral", label: "Neutral", duration: nil),
      auditItem("6", speaker: "C", c1: "Fear", c2: "Fear", label: "Fear", duration: 6),
      auditItem("7", speaker: "C", c1: "Anger", c2: "Anger", label: "Anger", duration: 7),
      auditItem("8", speaker: "C", c1: "Neutral", c2: "Neutral", label: "Neutral", duration: 8),
      auditItem("9", speaker: "D", c1: "Pain", c2: "Pain", label: nil, duration: 9),
    ]
    let report = runAudit(
      AuditInput(
        items: items, classes: ["Fear", "Anger", "Positive", "Neutral"], neutralClass: "Neutral",
        bootstrapReplicates: 0))
    let d = report.distribution.all
    #expect(d.labeled == 8 && d.unlabeled == 1 && d.speakers == 3)
    #expect(d.classes.map(\.count) == [1, 2, 0, 5])
    #expect(close(d.classes[3].share, 5.0 / 8.0))
    #expect(d.speakersByClassCount.map(\.speakers) == [1, 1, 1, 0])
    #expect(d.speakersPerClass.map(\.count) == [1, 2, 0, 3])
    #expect(d.onlyNeutralSpeakers?.count == 1 && close(d.onlyNeutralSpeakers?.share, 1.0 / 3.0))
    #expect(close(d.segmentsPerSpeaker.mean, 8.0 / 3.0) && d.segmentsPerSpeaker.median == 3)
    #expect(d.duration.n == 7 && d.durationMissing == 1 && d.duration.median == 4 && d.duration.max == 8)
    #expect(report.distribution.agent.labeled == 0)
    #expect(close(report.speakerLabelDependence.singleClassShare, 1.0 / 3.0))
  }

  @Test func speakerWhoPredictsTheLabelIsFlagged() {
    var items: [AuditItem] = []
    for s in 0..<10 {
      for i in 0..<5 {
        let label = ["Anger", "Neutral"][s % 2]
        items.append(auditItem("\(s)-\(i)", speaker: "S\(s)", c1: label, c2: label, label: label))
      }
    }
    let report = runAudit(AuditInput(items: items, classes: ["Anger", "Neutral"], bootstrapReplicates: 0))
    let dep = report.speakerLabelDependence
    #expect(dep.flag && dep.singleClassShare == 1 && close(dep.cramersV, 1))
    #expect(dep.message?.contains("speaker-independent folds cannot be stratified") == true)
  }

  @Test func perClassKappaIsNullForAClassNobodyUsed() {
    let items = [
      auditItem("a", c1: "Fear", c2: "Fear"), auditItem("b", c1: "Anger", c2: "Fear"),
      auditItem("c", c1: "Anger", c2: "Anger"),
    ]
    let report = runAudit(
      AuditInput(items: items, classes: [], macroClasses: ["Fear", "Anger", "Pain"], bootstrapReplicates: 0))
    let pain = report.perClassKappa.strict.first { $0.label == "Pain" }!
    #expect(pain.value == nil && pain.countA == 0)
    #expect(report.notes.contains("per_class_kappa.strict: classes neither coder used have null kappa: Pain"))
    #expect(report.confusion.classes == ["Fear", "Anger", "Pain"])
    #expect(report.confusion.strict == [[1, 0, 0], [1, 1, 0], [0, 0, 0]])
  }

  @Test func numberFormatRoundsToThreeDecimals() {
    #expect(formatAuditNumber(0.6603773) == "0.660")
    #expect(formatAuditNumber(-0.0526) == "-0.053")
    #expect(formatAuditNumber(-0.0001) == "0.000")
    #expect(formatAuditNumber(1) == "1.000")
    #expect(formatAuditNumber(12.3456) == "12.346")
  }
}

@Suite struct AuditItemFromLabeledSegmentTests {
  @Test func keepsCategoricalJudgementsOnly() {
    let origin = Origin(file: "x.txt", line: 3)
    let segment = Segment(
      id: "Ses01F_impro01_M000", dialog: "Ses01F_impro01", speaker: "Ses01M", span: TimeSpan(start: 1, end: 3.5),
      origin: origin)
    let annotations = [
      NormalizedAnnotation(
        coder: "C-E1", kind: .categorical, rawMajor: "Anger", rawMinor: nil, major: "ang", minor: nil),
      NormalizedAnnotation(
        coder: "C-M1", kind: .selfEvaluation, rawMajor: "Neutral", rawMinor: nil, major: "neu", minor: nil),
      NormalizedAnnotation(coder: "A-E2", kind: .dimensional, rawMajor: nil, rawMinor: nil, major: nil, minor: nil),
      NormalizedAnnotation(coder: "C-E3", kind: .categorical, rawMajor: "Odd", rawMinor: nil, major: nil, minor: nil),
    ]
    let labeled = LabeledSegment(
      segment: segment, annotations: annotations, consensus: "ang", label: "anger", drop: nil)
    let speaker = Speaker(id: "Ses01M", gender: .male, role: .speaker, origin: origin)
    let item = AuditItem(labeled, speaker: speaker)
    #expect(
      item.judgements == [AuditJudgement(coder: "C-E1", major: "ang"), AuditJudgement(coder: "C-E3", major: nil)])
    #expect(item.finalLabel == "anger" && item.gender == .male && close(item.duration, 2.5))
  }
}
