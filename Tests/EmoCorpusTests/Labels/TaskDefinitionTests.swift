import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import EmoCorpus

@Suite struct TaskDefinitionTests {
  /// The task definitions, written out independently of the task files: class → canonical classes it gathers.
  static let bundled: [(name: String, classes: [String: [String]], order: [String], neutral: String?)] = [
    (
      "cemo-4", ["Fear": ["Fear"], "Anger": ["Anger"], "Positive": ["Positive"], "Neutral": ["Neutral"]],
      ["Fear", "Anger", "Positive", "Neutral"], "Neutral"
    ),
    (
      "cemo-3", ["Anger": ["Anger"], "Positive": ["Positive"], "Neutral": ["Neutral"]],
      ["Anger", "Positive", "Neutral"], "Neutral"
    ),
    (
      "cemo-neg-pos-neu", ["Negative": ["Anger", "Fear"], "Positive": ["Positive"], "Neutral": ["Neutral"]],
      ["Negative", "Positive", "Neutral"], "Neutral"
    ),
    ("cemo-anger-neutral", ["Anger": ["Anger"], "Neutral": ["Neutral"]], ["Anger", "Neutral"], "Neutral"),
    (
      "cemo-negative-neutral", ["Negative": ["Anger", "Fear"], "Neutral": ["Neutral"]], ["Negative", "Neutral"],
      "Neutral"
    ),
    (
      "cemo-positive-negative", ["Positive": ["Positive"], "Negative": ["Anger", "Fear"]], ["Positive", "Negative"], nil
    ),
    (
      "iemocap-4",
      [
        "neutral": ["neu", "neutral"], "sadness": ["sad", "sadness"], "anger": ["ang", "anger"],
        "happiness": ["hap", "happiness"],
      ],
      ["neutral", "sadness", "anger", "happiness"], "neutral"
    ),
    (
      "iemocap-4-exc",
      [
        "neutral": ["neu", "neutral"], "sadness": ["sad", "sadness"], "anger": ["ang", "anger"],
        "happiness": ["hap", "exc", "happiness"],
      ],
      ["neutral", "sadness", "anger", "happiness"], "neutral"
    ),
    (
      "anger-neutral", ["Anger": ["ang", "Anger", "anger"], "Neutral": ["neu", "Neutral", "neutral"]],
      ["Anger", "Neutral"], "Neutral"
    ),
    (
      "msp-podcast-8",
      [
        "neutral": ["neutral"], "happiness": ["happiness"], "anger": ["anger"], "sadness": ["sadness"],
        "fear": ["fear"], "disgust": ["disgust"], "contempt": ["contempt"], "surprise": ["surprise"],
      ],
      ["neutral", "happiness", "anger", "sadness", "fear", "disgust", "contempt", "surprise"], "neutral"
    ),
    (
      "msp-podcast-4",
      ["neutral": ["neutral"], "happiness": ["happiness"], "anger": ["anger"], "sadness": ["sadness"]],
      ["neutral", "happiness", "anger", "sadness"], "neutral"
    ),
  ]

  @Test func everySpecTaskIsBundledAndNothingElse() {
    #expect(TaskDefinition.bundledNames == Self.bundled.map(\.name).sorted())
  }

  @Test(arguments: bundled.map(\.name)) func bundledTaskHasTheClassesOfTheSpec(name: String) throws {
    let spec = Self.bundled.first { $0.name == name }!
    let task = try TaskDefinition.load(name)
    #expect(task.name == name)
    #expect(task.classNames == spec.order)
    #expect(task.neutral == spec.neutral)
    #expect(task.source == "bundled")
    var gathered: [String: [String]] = [:]
    for mapping in task.labelMappings {
      for canonical in mapping.canonicalClasses {
        if let taskClass = task.taskClass(of: canonical) { gathered[taskClass, default: []].append(canonical) }
      }
    }
    #expect(gathered.mapValues { Set($0) } == spec.classes.mapValues { Set($0) })
    // Everything else is dropped explicitly (one entry drops a class two mappings spell alike).
    let allCanonical = Set(task.labelMappings.flatMap(\.canonicalClasses))
    let rest = allCanonical.subtracting(spec.classes.values.flatMap { $0 })
    #expect(Set(task.drop.map(LabelKey.of)) == Set(rest.map(LabelKey.of)))
    for canonical in rest { #expect(task.taskClass(of: canonical) == nil) }
  }

  @Test func iemocapTasksUseTheIEMOCAPMappingAndCEMOTasksTheCEMOOne() throws {
    // IEMOCAP's own vocabulary first: on IEMOCAP it wins the tie-break; acted corpora read by file
    // name resolve through emotion-words.
    #expect(try TaskDefinition.load("iemocap-4").labelMappings.map(\.name) == ["iemocap-labels", "emotion-words"])
    #expect(try TaskDefinition.load("cemo-4").labelMappings.map(\.name) == ["cemo-fine-to-macro"])
    #expect(
      try TaskDefinition.load("anger-neutral").labelMappings.map(\.name) == [
        "iemocap-labels", "cemo-fine-to-macro", "emotion-words",
      ])
  }

  static func loadError(_ nameOrPath: String) -> String? {
    do {
      _ = try TaskDefinition.load(nameOrPath)
      return nil
    } catch {
      return "\(error)"
    }
  }

  static let taskList =
    "anger-neutral, cemo-3, cemo-4, cemo-anger-neutral, cemo-neg-pos-neu, cemo-negative-neutral, "
    + "cemo-positive-negative, iemocap-4, iemocap-4-exc, msp-podcast-4, msp-podcast-8, or a path to a .yaml task file"

  @Test func unknownTaskSuggestsTheNearestName() {
    #expect(
      Self.loadError("cemo4") == "unknown task 'cemo4' (expected one of: \(Self.taskList); did you mean 'cemo-4'?)")
    #expect(
      Self.loadError("iemocap4exc")
        == "unknown task 'iemocap4exc' (expected one of: \(Self.taskList); did you mean 'iemocap-4-exc'?)")
  }

  @Test func unknownTaskFarFromEveryNameGetsNoSuggestion() {
    #expect(Self.loadError("speech") == "unknown task 'speech' (expected one of: \(Self.taskList))")
  }

  @Test func userTaskFileLoadsWithItsOwnMapping() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    try dir.write(
      "emodb.yaml",
      """
      name: emodb
      classes:
        - name: anger
          labels: [W, Wut]
        - name: neutral
          labels: [N]
        - name: boredom
          labels: [L]
      """)
    let path = try dir.write(
      "tasks/emodb-2.yaml",
      """
      name: emodb-2
      description: EmoDB anger versus neutral
      mappings: [../emodb.yaml]
      classes:
        - name: Anger
          gathers: [anger]
        - name: Neutral
          gathers: [neutral]
      neutral: Neutral
      drop: [boredom]
      """)
    let task = try TaskDefinition.load(path)
    #expect(task.name == "emodb-2")
    #expect(task.source == path)
    #expect(task.classNames == ["Anger", "Neutral"])
    #expect(task.taskClass(of: "anger") == "Anger")
    #expect(task.taskClass(of: "boredom") == nil)
    #expect(task.labelMappings.first?.resolve("wut") == .canonical("anger"))
  }

  @Test func userTaskFileCanUseABundledMapping() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write(
      "fear-neutral.yaml",
      """
      name: fear-neutral
      mappings: [cemo-fine-to-macro]
      classes:
        - name: Fear
          gathers: [fear]
        - name: Neutral
          gathers: [Neutral]
      drop: [Anger, Sadness, Pain, Positive, Surprise]
      """)
    let task = try TaskDefinition.load(path)
    #expect(task.taskClass(of: "Fear") == "Fear")
    #expect(task.neutral == nil)
  }

  @Test func missingTaskFileIsAnError() {
    #expect(
      Self.loadError("/nonexistent/t.yaml") == "/nonexistent/t.yaml: cannot read file (expected a readable YAML file)")
  }

  static func parseError(_ yaml: String) -> String? {
    do {
      _ = try TaskDefinition.parse(yaml, file: "t.yaml")
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test func taskFileErrorsNameTheLine() {
    let head = "name: t\nmappings: [cemo-fine-to-macro]\nclasses:\n"
    let cases: [(String, String)] = [
      (
        head + "  - name: A\n    gathers: [Angry]\n",
        "t.yaml:5: 'Angry' is not a class of cemo-fine-to-macro "
          + "(expected one of: Fear, Anger, Sadness, Pain, Positive, Surprise, Neutral)"
      ),
      (
        head + "  - name: A\n    gathers: [Anger]\ndrop: [Fear, Sadness, Pain, Positive]\n",
        "t.yaml:6: 'Surprise', 'Neutral' of cemo-fine-to-macro neither gathered nor dropped "
          + "(expected every class of the mapping in a task class or in drop)"
      ),
      (
        head + "  - name: A\n    gathers: [Anger]\n  - name: B\n    gathers: [Fear, Anger]\n",
        "t.yaml:7: 'Anger' is already in class 'A' (expected each canonical class in one task class or in drop)"
      ),
      (
        head + "  - name: A\n    gathers: [Anger]\nneutral: Neutral\n",
        "t.yaml:6: neutral class 'Neutral' is not a class of the task (expected one of: A)"
      ),
      (
        "name: t\nmappings: [cemo]\nclasses:\n  - name: A\n    gathers: [Anger]\n",
        "t.yaml:2: unknown mapping 'cemo' "
          + "(expected one of: cemo-fine-to-macro, emotion-words, iemocap-labels, msp-podcast-labels, or a path to a .yaml file)"
      ),
      (
        head + "  - name: A\n    gathers: [Anger]\nneutrl: A\n",
        "t.yaml:6: unknown field 'neutrl' in a task file (did you mean 'neutral'?) "
          + "(expected one of: name, description, mappings, classes, neutral, drop, reference, from, bins)"
      ),
      (
        "name: t\nclasses:\n  - name: A\n    gathers: [Anger]\n",
        "t.yaml:1: missing field 'mappings' "
          + "(expected a task file: name, description, mappings, classes [{name, gathers}], neutral, drop, "
          + "reference {ua, wa, source}; or name, from, bins [{name, max}])"
      ),
    ]
    for (yaml, expected) in cases {
      #expect(Self.parseError(yaml) == expected)
    }
  }

  @Test func malformedTaskYAMLNamesFileAndLine() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write("bad.yaml", "name: t\nclasses:\n  - name: A\n   gathers: [x]\n")
    let message = Self.loadError(path) ?? ""
    #expect(message.hasPrefix("\(path):4: invalid YAML: "))
  }
}

/// A task file may name a published result (`reference:`), which a run's report shows beside its own.
@Suite struct TaskReferenceTests {
  /// The paper's Tables III/IV (percent), written out independently of the task files.
  static let paper: [String: (ua: Double, wa: Double?)] = [
    "iemocap-4": (63.0, 62.0), "cemo-4": (45.6, 47.1), "cemo-3": (52.4, nil), "cemo-neg-pos-neu": (54.4, nil),
    "cemo-anger-neutral": (76.9, nil), "cemo-negative-neutral": (77.5, nil), "cemo-positive-negative": (69.2, nil),
  ]

  @Test func bundledTasksCarryThePapersFigures() throws {
    for name in TaskDefinition.bundledNames {
      let reference = try TaskDefinition.load(name).reference
      if let expected = Self.paper[name] {
        #expect(reference?.ua == expected.ua, "\(name)")
        #expect(reference?.wa == expected.wa, "\(name)")
        #expect(reference?.source.contains("ACII 2021") == true, "\(name)")
      } else {
        #expect(reference == nil, "\(name) has a reference the paper does not give")
      }
    }
  }

  @Test func aReferenceIsReadStrictly() throws {
    let head =
      "name: t\nmappings: [cemo-fine-to-macro]\nclasses:\n  - name: Anger\n    gathers: [Anger]\n"
      + "drop: [Fear, Positive, Neutral, Sadness, Pain, Surprise]\n"
    let ok = try TaskDefinition.parse(head + "reference:\n  ua: 50.5\n  source: my lab\n", file: "t.yaml")
    #expect(ok.reference == .init(ua: 50.5, wa: nil, source: "my lab"))
    #expect(try TaskDefinition.parse(head, file: "t.yaml").reference == nil)
    for (bad, words) in [
      ("reference:\n  ua: 150\n  source: x\n", "t.yaml:8: reference ua 150.0 is not a percentage"),
      ("reference:\n  ua: 50\n  sorce: x\n", "did you mean 'source'?"),
      ("reference:\n  wa: 50\n  source: x\n", "ua"),
    ] {
      do {
        _ = try TaskDefinition.parse(head + bad, file: "t.yaml")
        Issue.record("accepted: \(bad)")
      } catch {
        #expect("\(error)".contains(words), "\(error)")
      }
    }
  }

  @Test func taskFilesAreToldApartFromNames() {
    #expect(TaskDefinition.isFile("my-task.yaml") && TaskDefinition.isFile("a/b.yml"))
    #expect(!TaskDefinition.isFile("cemo-4") && !TaskDefinition.isFile("yaml"))
  }
}
