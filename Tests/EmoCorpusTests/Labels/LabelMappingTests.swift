import EmoSupport
import Testing

@testable import EmoCorpus

@Suite struct LabelMappingTests {
  let cemo = try! LabelMapping.bundled("cemo-fine-to-macro")
  let iemocap = try! LabelMapping.bundled("iemocap-labels")

  /// The 21 fine labels of the CEMO taxonomy, written out independently of the YAML file: the 21 fine labels and their macro-class.
  static let fineLabels: [(String, String)] = [
    ("Fear", "Fear"), ("Anxiety", "Fear"), ("Stress", "Fear"), ("Panic", "Fear"), ("Embarrassment", "Fear"),
    ("Dismay", "Fear"),
    ("Annoyance", "Anger"), ("Impatience", "Anger"), ("HotAnger", "Anger"), ("ColdAnger", "Anger"),
    ("Disappointment", "Sadness"), ("Sadness", "Sadness"), ("Despair", "Sadness"), ("Resignation", "Sadness"),
    ("Pain", "Pain"),
    ("Interest", "Positive"), ("Compassion", "Positive"), ("Amusement", "Positive"), ("Relief", "Positive"),
    ("Surprise", "Surprise"),
    ("Neutral", "Neutral"),
  ]

  @Test func thereAreTwentyOneFineLabelsInSevenMacroClasses() {
    #expect(Self.fineLabels.count == 21)
    #expect(cemo.canonicalClasses == ["Fear", "Anger", "Sadness", "Pain", "Positive", "Surprise", "Neutral"])
    #expect(cemo.classes.flatMap(\.labels).count == 21)
  }

  @Test(arguments: fineLabels) func everyFineLabelMapsToItsMacroClass(fine: String, macro: String) {
    #expect(cemo.resolve(fine) == .canonical(macro))
  }

  @Test(arguments: ["Fear", "Anger", "Sadness", "Pain", "Positive", "Surprise", "Neutral"])
  func macroClassNamesAreLabels(macro: String) {
    #expect(cemo.resolve(macro) == .canonical(macro))
  }

  /// Alias groups of the mapping file: French fine labels, French macro-classes, English variants.
  static let aliases: [(String, String)] = [
    // French fine labels, with accents.
    ("Peur", "Fear"), ("Anxiété", "Fear"), ("Stress", "Fear"), ("Panique", "Fear"), ("Embarras", "Fear"),
    ("Gêne", "Fear"), ("Désarroi", "Fear"), ("Consternation", "Fear"),
    ("Agacement", "Anger"), ("Énervement", "Anger"), ("Impatience", "Anger"), ("Colère chaude", "Anger"),
    ("Colère froide", "Anger"),
    ("Déception", "Sadness"), ("Tristesse", "Sadness"), ("Désespoir", "Sadness"), ("Résignation", "Sadness"),
    ("Douleur", "Pain"),
    ("Intérêt", "Positive"), ("Compassion", "Positive"), ("Amusement", "Positive"), ("Soulagement", "Positive"),
    ("Surprise", "Surprise"), ("Neutre", "Neutral"),
    // The same without accents.
    ("Anxiete", "Fear"), ("Gene", "Fear"), ("Desarroi", "Fear"), ("Enervement", "Anger"), ("Colere chaude", "Anger"),
    ("Deception", "Sadness"), ("Desespoir", "Sadness"), ("Resignation", "Sadness"), ("Interet", "Positive"),
    // French macro-classes.
    ("Colère", "Anger"), ("Colere", "Anger"), ("Positif", "Positive"), ("Émotion positive", "Positive"),
    // English variants.
    ("Hot Anger", "Anger"), ("Cold Anger", "Anger"), ("Irritation", "Anger"), ("Anxious", "Fear"),
    ("Panicked", "Fear"), ("Embarrassed", "Fear"), ("Disappointed", "Sadness"), ("Sad", "Sadness"),
    ("Neutral state", "Neutral"), ("État neutre", "Neutral"), ("Etat neutre", "Neutral"),
  ]

  @Test(arguments: aliases) func everyAliasMapsToItsMacroClass(alias: String, macro: String) {
    #expect(cemo.resolve(alias) == .canonical(macro))
  }

  @Test(arguments: [
    "HotAnger", "hot anger", "Hot-Anger", "hot_anger", "HOT ANGER", " HotAnger ", "hot\u{2010}anger",
  ])
  func spellingsOfHotAngerMatch(spelling: String) {
    #expect(cemo.resolve(spelling) == .canonical("Anger"))
  }

  @Test(arguments: ["colere froide", "Colère froide", "COLÈRE-FROIDE", "ColereFroide", "ColdAnger", "cold_anger"])
  func spellingsOfColdAngerMatch(spelling: String) {
    #expect(cemo.resolve(spelling) == .canonical("Anger"))
  }

  @Test func decomposedAccentsMatchPrecomposedOnes() {
    // "Anxiété" typed with combining acute accents (NFD) instead of precomposed é (NFC).
    #expect(cemo.resolve("Anxie\u{301}te\u{301}") == .canonical("Fear"))
  }

  @Test(arguments: ["Happiness", "Joy", "Colere chaud", "Angry", "", "xxx"])
  func wordsOutsideTheCEMOVocabularyAreUnknown(word: String) {
    #expect(cemo.resolve(word) == .unknown)
  }

  @Test func nearestLabelsOfAMisspellingComeFirst() {
    #expect(cemo.nearestLabels(to: "Colere chaud").first == "Colère chaude")
    #expect(cemo.nearestLabels(to: "Anxeity", count: 1) == ["Anxiety"])
  }

  static let iemocapLabels: [(String, String)] = [
    ("neu", "neu"), ("sad", "sad"), ("ang", "ang"), ("hap", "hap"), ("exc", "exc"), ("fru", "fru"),
    ("sur", "sur"), ("fea", "fea"), ("dis", "dis"), ("oth", "oth"),
    ("Neutral", "neu"), ("Neutral state", "neu"), ("Frustration", "fru"), ("Anger", "ang"), ("Happiness", "hap"),
    ("Excited", "exc"), ("Sadness", "sad"), ("Surprise", "sur"), ("Fear", "fea"), ("Disgust", "dis"),
    ("Other", "oth"), ("NEU", "neu"), ("neutral_state", "neu"), ("Happy", "hap"),
  ]

  @Test(arguments: iemocapLabels) func iemocapCodesAndWordsMapToCodes(label: String, code: String) {
    #expect(iemocap.resolve(label) == .canonical(code))
  }

  @Test func iemocapXXXMeansNoConsensusNotUnknown() {
    #expect(iemocap.resolve("xxx") == .noConsensus)
    #expect(iemocap.resolve("XXX") == .noConsensus)
  }

  @Test(arguments: ["Other: sarcasm", "Other:bored", "Other (sarcastic)"])
  func iemocapOtherWithFreeTextIsOth(label: String) {
    #expect(iemocap.resolve(label) == .canonical("oth"))
  }

  @Test func freeTextAfterAnOrdinaryLabelIsStillUnknown() {
    #expect(iemocap.resolve("Anger: very") == .unknown)
  }

  @Test func iemocapCanonicalClassesAreTheConsensusCodes() {
    #expect(iemocap.canonicalClasses == ["neu", "sad", "ang", "hap", "exc", "fru", "sur", "fea", "dis", "oth"])
  }

  // MARK: errors in mapping files

  static func parseError(_ yaml: String) -> String? {
    do {
      _ = try LabelMapping.parse(yaml, file: "m.yaml")
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test func malformedYAMLNamesFileAndLine() {
    let yaml = "name: m\nclasses:\n  - name: A\n    labels: [a, b\n  - name: B\n"
    let message = Self.parseError(yaml) ?? ""
    #expect(message.hasPrefix("m.yaml:5: invalid YAML: "))
    #expect(message.hasSuffix("(expected well-formed YAML)"))
  }

  @Test func duplicateKeyNamesItsLine() {
    let yaml = "name: m\nclasses:\n  - name: A\n    labels: [a]\nname: n\n"
    #expect(Self.parseError(yaml)?.hasPrefix("m.yaml:") == true)
    #expect(Self.parseError(yaml)?.contains("duplicate key 'name' (expected each key once per mapping)") == true)
  }

  @Test func mappingFileErrorsNameTheLine() {
    let cases: [(String, String)] = [
      (
        "name: m\nclasses:\n  - name: A\n    labels: [a]\n  - name: B\n    labels: [b, A]\n",
        "m.yaml:6: label 'A' is already in class 'A' (expected each label in one class; matching ignores case, "
          + "spaces, hyphens, underscores and accents)"
      ),
      (
        "name: m\nclasses:\n  - name: A\n    labels: [a]\naliases:\n  - group: g\n    map:\n      x: z\n",
        "m.yaml:8: alias 'x' names 'z', which is not a label of this mapping "
          + "(expected a class name or a label listed under classes)"
      ),
      (
        "name: m\nclasses:\n  - name: A\n    lables: [a]\n",
        "m.yaml:4: unknown field 'lables' in a mapping class (did you mean 'labels'?) (expected one of: name, labels)"
      ),
      (
        "name: m\nclasses:\n  - labels: [a]\n",
        "m.yaml:3: missing field 'name' in classes.1 (expected a label mapping: name, description, "
          + "classes [{name, labels}], aliases, noConsensus, freeText)"
      ),
      (
        "name: m\nclasses: A\n",
        "m.yaml:2: 'classes' has the wrong type (expected a list)"
      ),
      (
        "name: m\nclasses:\n  - name: A\n    labels: [a]\nnoConsensus: [a]\n",
        "m.yaml:5: 'a' is both a label and a no-consensus marker (expected a value that is not a label)"
      ),
    ]
    for (yaml, expected) in cases {
      #expect(Self.parseError(yaml) == expected)
    }
  }
}

extension LabelMappingTests {
  @Test func wrongNodeKindsSayWhatWasExpected() {
    #expect(
      Self.parseError("name: m\nclasses:\n  - name: [A]\n")
        == "m.yaml:3: 'classes.1.name' has the wrong type (expected text)")
    #expect(
      Self.parseError("name: m\nclasses:\n  - name: A\naliases:\n  - group: g\n    map: [a]\n")
        == "m.yaml:6: 'aliases.1.map' has the wrong type (expected a mapping of key: value)")
  }
}
