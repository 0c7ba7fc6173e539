import EmoSupport
import Foundation

/// What a shard record says about its segment (JSON with sorted keys inside the record).
struct RecordMeta: Codable, Hashable, Sendable {
  var id: String
  /// Cache key: SHA-256 of audio hash + span + feature config hash ("" when the audio is missing).
  var key: String
  var audioHash: String?
  var frames: Int
  var windows: Int
  var featureCount: Int
  /// Set for a dropped segment (then frames = 0 and there is no payload).
  var dropReason: FeatureDropReason?
  var detail: String?
  /// The source file's rate, channels and length (nil when the file could not be opened).
  var source: SourceAudio?
}

/// One record of a shard file. Layout (little-endian):
/// `"EFR1"` · u32 meta length · u64 payload length · u64 checksum(meta ‖ payload) · meta · float32 payload.
enum ShardRecord {
  static let magic: [UInt8] = Array("EFR1".utf8)
  static let headerSize = 24

  /// The meta as compact JSON with sorted keys (the bytes JSONEncoder's `.sortedKeys,
  /// .withoutEscapingSlashes` gives), written directly: a record is encoded per segment, and
  /// JSONEncoder's set-up alone cost more than the rest of the record.
  static func encodeMeta(_ meta: RecordMeta) -> Data {
    var text = "{"
    var first = true
    func field(_ name: String, _ value: String) {
      if !first { text += "," }
      first = false
      text += "\"" + name + "\":" + value
    }
    if let audioHash = meta.audioHash { field("audioHash", JSONString.quoted(audioHash)) }
    if let detail = meta.detail { field("detail", JSONString.quoted(detail)) }
    if let dropReason = meta.dropReason { field("dropReason", JSONString.quoted(dropReason.rawValue)) }
    field("featureCount", String(meta.featureCount))
    field("frames", String(meta.frames))
    field("id", JSONString.quoted(meta.id))
    field("key", JSONString.quoted(meta.key))
    if let source = meta.source {
      field(
        "source",
        "{\"channels\":\(source.channels),\"frames\":\(source.frames),\"sampleRate\":\(source.sampleRate)}")
    }
    field("windows", String(meta.windows))
    text += "}"
    return Data(text.utf8)
  }

  /// Appends one record (header, meta, payload) to `out`.
  static func append(meta: RecordMeta, payload: [Float], to out: inout Data) {
    let metaBytes = encodeMeta(meta)
    var checksum = Checksum64()
    metaBytes.withUnsafeBytes { checksum.update($0) }
    let payloadBytes = payload.count * 4
    payload.withUnsafeBytes { checksum.update($0) }
    out.reserveCapacity(out.count + headerSize + metaBytes.count + payloadBytes)
    out.append(contentsOf: magic)
    appendLE(UInt32(metaBytes.count), to: &out)
    appendLE(UInt64(payloadBytes), to: &out)
    appendLE(checksum.finalize(), to: &out)
    out.append(metaBytes)
    #if _endian(little)
      payload.withUnsafeBytes { out.append(contentsOf: $0) }
    #else
      for v in payload { appendLE(v.bitPattern, to: &out) }
    #endif
  }

  static func appendLE<T: FixedWidthInteger>(_ value: T, to out: inout Data) {
    withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
  }

  /// A record located in a shard file: its meta and where its payload is.
  struct Located: Sendable {
    var meta: RecordMeta
    var offset: Int
    var metaLength: Int
    var payloadLength: Int
    var checksum: UInt64
    var recordLength: Int { ShardRecord.headerSize + metaLength + payloadLength }
  }

  /// Parses a record header + meta at `offset` of `bytes`; nil if malformed or past the end.
  static func parseHeader(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Located? {
    guard offset + headerSize <= bytes.count else { return nil }
    for i in 0..<4 where bytes[offset + i] != magic[i] { return nil }
    let metaLength = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)))
    let payload = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
    let checksum = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
    guard metaLength > 0, metaLength < 1 << 20, payload < 1 << 40, payload % 4 == 0 else { return nil }
    let payloadLength = Int(payload)
    guard offset + headerSize + metaLength + payloadLength <= bytes.count else { return nil }
    let metaStart = offset + headerSize
    let metaData = Data(bytes: bytes.baseAddress! + metaStart, count: metaLength)
    guard let meta = try? JSONDecoder().decode(RecordMeta.self, from: metaData) else { return nil }
    guard payloadLength == meta.frames * meta.featureCount * 4 else { return nil }
    return Located(
      meta: meta, offset: offset, metaLength: metaLength, payloadLength: payloadLength, checksum: checksum)
  }

  /// True when the record's checksum matches its bytes (`bytes` = the whole record).
  static func verify(_ record: Located, recordBytes: UnsafeRawBufferPointer) -> Bool {
    var checksum = Checksum64()
    checksum.update(UnsafeRawBufferPointer(rebasing: recordBytes[headerSize..<(headerSize + record.metaLength)]))
    checksum.update(UnsafeRawBufferPointer(rebasing: recordBytes[(headerSize + record.metaLength)...]))
    return checksum.finalize() == record.checksum
  }

  /// Decodes a verified record's payload.
  static func payload(_ record: Located, recordBytes: UnsafeRawBufferPointer) -> [Float] {
    let count = record.payloadLength / 4
    var values = [Float](repeating: 0, count: count)
    let start = headerSize + record.metaLength
    values.withUnsafeMutableBytes { dst in
      dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: recordBytes[start..<(start + record.payloadLength)]))
    }
    #if !_endian(little)
      for i in 0..<count { values[i] = Float(bitPattern: UInt32(littleEndian: values[i].bitPattern)) }
    #endif
    return values
  }

  /// Every valid record of a shard file in order; stops at the first malformed or corrupted one.
  /// `complete` is false when bytes remain after the last valid record (truncation or corruption).
  static func scan(_ path: String) -> (records: [Located], complete: Bool) {
    // Memory-mapped: a large shard is checked page by page, never held in memory whole.
    guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
      return ([], false)
    }
    return data.withUnsafeBytes { bytes in
      var records: [Located] = []
      var offset = 0
      while offset < bytes.count {
        guard let record = parseHeader(bytes, at: offset) else { return (records, false) }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + record.recordLength)])
        guard verify(record, recordBytes: slice) else { return (records, false) }
        records.append(record)
        offset += record.recordLength
      }
      return (records, true)
    }
  }
}
