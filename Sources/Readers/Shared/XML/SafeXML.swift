import CLibXML2
import EmoCorpus
import EmoSupport
import Foundation

/// Parses untrusted XML with libxml2 without ever loading a DTD, an entity or anything over the network.
///
/// `XML_PARSE_NONET` without `NOENT`/`DTDLOAD` does not by itself refuse a `SYSTEM` entity, so the
/// parser is stopped (through SAX callbacks, before any declaration is processed) as soon as a
/// DOCTYPE with an internal subset or any declaration appears; a DOCTYPE alone is refused too unless
/// the rule allows an external one (Transcriber files name `trans-14.dtd`, which is never read).
/// libxml2's messages are captured per parse (never printed) and the first one is thrown as
/// `file:line: message`.
enum SafeXML {
  /// What a document may declare before its root element.
  struct DoctypeRule: Sendable {
    /// `<!DOCTYPE name SYSTEM "x.dtd">` without an internal subset is accepted (the DTD is not loaded).
    var allowsExternalDTD: Bool
    /// The error thrown when the document declares more than allowed: `what (expected …)`.
    var what: String
    var expected: String

    /// No DOCTYPE at all (CEMO annotation files).
    static let forbidden = DoctypeRule(
      allowsExternalDTD: false, what: "DOCTYPE/entity declarations are not allowed",
      expected: "a plain CEMO annotation file without DTD")
  }

  /// Options: no network; never NOENT, DTDLOAD, DTDATTR or DTDVALID.
  static let parseOptions = Int32(XML_PARSE_NONET.rawValue)

  /// Parses `data` (encoding from the BOM or the XML declaration; UTF-8 by default). `path` names
  /// the file in errors.
  static func parse(_ data: Data, path: String, doctype: DoctypeRule) throws -> SafeXMLDocument {
    _ = libxml2Initialized
    guard data.count < Int(Int32.max) else {
      throw LocatedError(file: path, "file too large for the XML parser", expected: "a file below 2 GiB")
    }
    guard !data.isEmpty else { throw LocatedError(file: path, "empty file", expected: "an XML document") }
    let state = XMLParseState(doctype: doctype)
    let document: xmlDocPtr? = try withCapturedErrors(state) {
      try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> xmlDocPtr? in
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self), let context = xmlNewParserCtxt()
        else { throw LocatedError(file: path, "cannot create an XML parser") }
        defer { xmlFreeParserCtxt(context) }
        context.pointee._private = Unmanaged.passUnretained(state).toOpaque()
        installDeclarationGuards(context.pointee.sax, state)
        let document = xmlCtxtReadMemory(context, base, Int32(bytes.count), path, nil, parseOptions)
        if state.refusal != nil || state.firstError != nil {
          if let document { xmlFreeDoc(document) }
          return nil
        }
        return document
      }
    }
    if let line = state.refusal {
      throw LocatedError(file: path, line: line, doctype.what, expected: doctype.expected)
    }
    if let error = state.firstError {
      throw LocatedError(file: path, line: error.line, error.message)
    }
    guard let document else { throw LocatedError(file: path, "not a well-formed XML document") }
    if !doctype.allowsExternalDTD, document.pointee.intSubset != nil {
      xmlFreeDoc(document)
      throw LocatedError(file: path, line: 1, doctype.what, expected: doctype.expected)
    }
    return SafeXMLDocument(document, path: path, longLines: state.longLines)
  }

  /// Routes libxml2 messages raised on this thread without a context (I/O, encoding conversion)
  /// to `state` for the duration of `body`, instead of stderr. libxml2 keeps this handler per
  /// thread and `body` is synchronous, so parallel parses do not see each other's messages.
  static func withCapturedErrors<T>(_ state: XMLParseState, _ body: () throws -> T) rethrows -> T {
    let previousHandler = __xmlStructuredError().pointee
    let previousContext = __xmlStructuredErrorContext().pointee
    xmlSetStructuredErrorFunc(Unmanaged.passUnretained(state).toOpaque(), recordStructuredError)
    defer { xmlSetStructuredErrorFunc(previousContext, previousHandler) }
    return try withExtendedLifetime(state) { try body() }
  }

  /// SAX hooks that stop the parser at the first declaration it is not allowed to see.
  private static func installDeclarationGuards(_ sax: UnsafeMutablePointer<xmlSAXHandler>?, _ state: XMLParseState) {
    guard let sax else { return }
    // libxml2 keeps element lines in 16 bits (XML_PARSE_BIG_LINES only approximates them from
    // text nodes): note the exact line of every element past 65534 as it is created.
    state.startElement = sax.pointee.startElementNs
    sax.pointee.startElementNs = {
      context, name, prefix, uri, namespaceCount, namespaces, count, defaulted, attributes in
      guard let parser = parserContext(context), let state = parseState(parser) else { return }
      state.startElement?(context, name, prefix, uri, namespaceCount, namespaces, count, defaulted, attributes)
      if let input = parser.pointee.input, input.pointee.line >= 65535, let node = parser.pointee.node {
        state.longLines[UnsafeMutableRawPointer(node)] = Int(input.pointee.line)
      }
    }
    sax.pointee.internalSubset = { context, _, _, _ in
      guard let parser = parserContext(context), let state = parseState(parser) else { return }
      let nextByte = parser.pointee.input?.pointee.cur?.pointee
      if !state.doctype.allowsExternalDTD || nextByte == UInt8(ascii: "[") {
        refuse(parser, state)
      }
    }
    // Never load an external subset, whatever the options say.
    sax.pointee.externalSubset = { _, _, _, _ in }
    sax.pointee.entityDecl = { context, _, _, _, _, _ in refuseDeclaration(context) }
    sax.pointee.unparsedEntityDecl = { context, _, _, _, _ in refuseDeclaration(context) }
    sax.pointee.elementDecl = { context, _, _, _ in refuseDeclaration(context) }
    sax.pointee.attributeDecl = { context, _, _, _, _, _, tree in
      xmlFreeEnumeration(tree)
      refuseDeclaration(context)
    }
    sax.pointee.notationDecl = { context, _, _, _ in refuseDeclaration(context) }
  }
}

/// Runs `xmlInitParser` once before any parse (libxml2 asks for it before multi-threaded use).
private let libxml2Initialized: Void = { xmlInitParser() }()

/// What one parse or validation collected through libxml2's callbacks.
final class XMLParseState {
  let doctype: SafeXML.DoctypeRule
  /// Line of a refused DOCTYPE/declaration.
  var refusal: Int?
  /// First message of level error or fatal.
  var firstError: (line: Int, message: String)?
  /// Exact lines of elements past 65534 (libxml2 stores 65535 for them), keyed by node address.
  var longLines: [UnsafeMutableRawPointer: Int]
  /// libxml2's own element handler, called before a long line is noted.
  var startElement: startElementNsSAX2Func?

  init(doctype: SafeXML.DoctypeRule = .forbidden, longLines: [UnsafeMutableRawPointer: Int] = [:]) {
    self.doctype = doctype
    self.longLines = longLines
  }

  func record(_ error: xmlErrorPtr?) {
    guard firstError == nil, let error else { return }
    guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
    let message = error.pointee.message.map { String(cString: $0) } ?? "XML error \(error.pointee.code)"
    var line = Int(error.pointee.line)
    if line >= 65535, let node = error.pointee.node?.assumingMemoryBound(to: xmlNode.self) {
      // Validation errors name a node (an attribute's parent is its element).
      let element = node.pointee.type == XML_ATTRIBUTE_NODE ? node.pointee.parent : node
      if let element, let exact = longLines[UnsafeMutableRawPointer(element)] { line = exact }
    }
    firstError = (line, message.trimmingCharacters(in: .whitespacesAndNewlines))
  }
}

private func parserContext(_ context: UnsafeMutableRawPointer?) -> xmlParserCtxtPtr? {
  context?.assumingMemoryBound(to: xmlParserCtxt.self)
}

private func parseState(_ parser: xmlParserCtxtPtr) -> XMLParseState? {
  guard let opaque = parser.pointee._private else { return nil }
  return Unmanaged<XMLParseState>.fromOpaque(opaque).takeUnretainedValue()
}

private func refuse(_ parser: xmlParserCtxtPtr, _ state: XMLParseState) {
  if state.refusal == nil { state.refusal = Int(parser.pointee.input?.pointee.line ?? 0) }
  xmlStopParser(parser)
}

private func refuseDeclaration(_ context: UnsafeMutableRawPointer?) {
  guard let parser = parserContext(context), let state = parseState(parser) else { return }
  refuse(parser, state)
}

/// The thread's structured error handler while `SafeXML` works: `context` is the `XMLParseState`.
private func recordStructuredError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
  guard let context else { return }
  Unmanaged<XMLParseState>.fromOpaque(context).takeUnretainedValue().record(error)
}

/// A parsed document, freed when the last reference goes.
final class SafeXMLDocument {
  let path: String
  let pointer: xmlDocPtr
  /// Exact lines of elements past 65534.
  let longLines: [UnsafeMutableRawPointer: Int]

  init(_ pointer: xmlDocPtr, path: String, longLines: [UnsafeMutableRawPointer: Int] = [:]) {
    self.pointer = pointer
    self.path = path
    self.longLines = longLines
  }

  deinit { xmlFreeDoc(pointer) }

  /// The root element, if any.
  var root: XMLElementNode? {
    xmlDocGetRootElement(pointer).map { XMLElementNode(document: self, node: $0) }
  }
}

/// An element of a `SafeXMLDocument` (keeps the document alive).
struct XMLElementNode {
  let document: SafeXMLDocument
  let node: xmlNodePtr

  var name: String { String(cString: node.pointee.name) }

  /// 1-based line where the start tag ends (libxml2's convention).
  var line: Int { document.longLines[UnsafeMutableRawPointer(node)] ?? Int(xmlGetLineNo(node)) }

  /// `file:line` of this element.
  var origin: Origin { Origin(file: document.path, line: line) }

  /// The attribute's value as written (character references resolved), or nil when absent.
  func attribute(_ name: String) -> String? {
    var attribute = node.pointee.properties
    while let current = attribute {
      if String(cString: current.pointee.name) == name {
        var value = ""
        var child = current.pointee.children
        while let text = child {
          if let content = text.pointee.content { value += String(cString: content) }
          child = text.pointee.next
        }
        return value
      }
      attribute = current.pointee.next
    }
    return nil
  }

  /// Child elements in document order (text, comments and processing instructions skipped).
  var children: [XMLElementNode] {
    var result: [XMLElementNode] = []
    var child = node.pointee.children
    while let current = child {
      if current.pointee.type == XML_ELEMENT_NODE { result.append(XMLElementNode(document: document, node: current)) }
      child = current.pointee.next
    }
    return result
  }

  /// Child elements with this name.
  func children(named name: String) -> [XMLElementNode] { children.filter { $0.name == name } }
}
