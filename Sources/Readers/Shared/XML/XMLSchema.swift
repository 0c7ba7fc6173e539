import CLibXML2
import EmoSupport
import Foundation

/// A compiled XML Schema (libxml2 xmlschemas) that validates parsed documents with line-numbered errors.
final class XMLSchema {
  private let schema: xmlSchemaPtr

  /// Compiles schema text; `name` identifies it in errors (it is embedded, not a user file).
  init(text: String, name: String) throws {
    let state = XMLParseState()
    let bytes = Array(text.utf8)
    let compiled: xmlSchemaPtr? = SafeXML.withCapturedErrors(state) {
      bytes.withUnsafeBufferPointer { buffer -> xmlSchemaPtr? in
        guard let base = buffer.baseAddress,
          let parser = base.withMemoryRebound(
            to: CChar.self, capacity: buffer.count,
            {
              xmlSchemaNewMemParserCtxt($0, Int32(buffer.count))
            })
        else { return nil }
        defer { xmlSchemaFreeParserCtxt(parser) }
        let handler = Unmanaged.passUnretained(state).toOpaque()
        xmlSchemaSetParserStructuredErrors(parser, recordSchemaError, handler)
        return xmlSchemaParse(parser)
      }
    }
    guard let compiled else {
      let error = state.firstError
      throw LocatedError(file: name, line: error?.line ?? 0, error?.message ?? "cannot compile the XML Schema")
    }
    schema = compiled
  }

  deinit { xmlSchemaFree(schema) }

  /// Throws the first schema violation of `document` as `file:line: message`.
  func validate(_ document: SafeXMLDocument) throws {
    let state = XMLParseState(longLines: document.longLines)
    let result: Int32 = SafeXML.withCapturedErrors(state) {
      guard let validator = xmlSchemaNewValidCtxt(schema) else { return -1 }
      defer { xmlSchemaFreeValidCtxt(validator) }
      xmlSchemaSetValidStructuredErrors(validator, recordSchemaError, Unmanaged.passUnretained(state).toOpaque())
      return xmlSchemaValidateDoc(validator, document.pointer)
    }
    if let error = state.firstError {
      throw LocatedError(file: document.path, line: error.line, error.message)
    }
    if result != 0 {
      throw LocatedError(file: document.path, "XML Schema validation failed (libxml2 code \(result))")
    }
  }
}

private func recordSchemaError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
  guard let context else { return }
  Unmanaged<XMLParseState>.fromOpaque(context).takeUnretainedValue().record(error)
}
