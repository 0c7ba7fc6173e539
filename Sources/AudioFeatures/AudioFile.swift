import CSndFile
import EmoSupport
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What a file's header says: read without decoding any sample.
public struct AudioInfo: Sendable, Hashable {
  public var sampleRate: Int
  public var channels: Int
  /// Sample frames per channel.
  public var frames: Int
  /// libsndfile's SF_FORMAT_* code (major | subtype).
  public var format: Int32

  /// Length in seconds.
  public var duration: Double { sampleRate > 0 ? Double(frames) / Double(sampleRate) : 0 }
}

/// An audio file opened through libsndfile (WAV PCM 16/24/32, float, μ-law/A-law, FLAC, …), from
/// its path or from its bytes already in memory (`AudioFileBytes`).
///
/// Samples come back as float32 in [-1, 1) for integer formats (libsndfile's normalization).
/// A WAV file whose header announces more frames than the file holds (an interrupted copy) is
/// refused with `AudioError.truncated` rather than read as a shorter recording.
/// Not thread-safe: one instance per thread.
public final class AudioFile {
  public let path: String
  public let info: AudioInfo
  private let handle: OpaquePointer
  /// The descriptor libsndfile reads (closed here, not by libsndfile), or -1 when from memory.
  private let descriptor: Int32
  /// Keeps the bytes and the read position alive while libsndfile reads from memory.
  private let memory: MemoryCursor?

  /// Opens `path` for reading (one open; libsndfile reads through the same descriptor); throws
  /// `AudioError.missing`, `.unreadable` or `.truncated` naming the file.
  public init(path: String) throws {
    self.path = path
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw AudioFileBytes.openError(path: path, errno: errno) }
    var status = stat()
    guard fstat(fd, &status) == 0, status.st_mode & S_IFMT != S_IFDIR else {
      close(fd)
      throw AudioError.missing(path: path)
    }
    AudioFileReads.opened(path)
    do {
      try WAVHeader.checkComplete(path: path, fileSize: Int(status.st_size)) { offset, count in
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
        return got == count ? bytes : nil
      }
    } catch {
      close(fd)
      throw error
    }
    var sfInfo = SF_INFO()
    guard let handle = sf_open_fd(fd, Int32(SFM_READ), &sfInfo, 0) else {
      let reason = String(cString: sf_strerror(nil))
      close(fd)
      throw AudioError.unreadable(path: path, reason: reason)
    }
    descriptor = fd
    memory = nil
    self.handle = handle
    info = try AudioFile.checkedInfo(sfInfo, handle: handle, path: path, descriptor: fd)
  }

  /// Decodes a file already read into memory (no further system call).
  public init(bytes: AudioFileBytes) throws {
    path = bytes.path
    try WAVHeader.checkComplete(path: bytes.path, fileSize: bytes.count) { offset, count in
      guard offset >= 0, offset + count <= bytes.count else { return nil }
      return Array(UnsafeRawBufferPointer(rebasing: bytes.buffer[offset..<(offset + count)]))
    }
    let cursor = MemoryCursor(bytes)
    var io = SF_VIRTUAL_IO(
      get_filelen: { user in sf_count_t(MemoryCursor.from(user).bytes.count) },
      seek: { offset, whence, user in MemoryCursor.from(user).seek(Int(offset), whence: whence) },
      read: { destination, count, user in MemoryCursor.from(user).read(into: destination, count: Int(count)) },
      write: { _, _, _ in 0 },
      tell: { user in sf_count_t(MemoryCursor.from(user).position) })
    var sfInfo = SF_INFO()
    guard let handle = sf_open_virtual(&io, Int32(SFM_READ), &sfInfo, Unmanaged.passUnretained(cursor).toOpaque())
    else {
      throw AudioError.unreadable(path: bytes.path, reason: String(cString: sf_strerror(nil)))
    }
    descriptor = -1
    memory = cursor
    self.handle = handle
    info = try AudioFile.checkedInfo(sfInfo, handle: handle, path: bytes.path, descriptor: -1)
  }

  private static func checkedInfo(_ sfInfo: SF_INFO, handle: OpaquePointer, path: String, descriptor: Int32) throws
    -> AudioInfo
  {
    guard sfInfo.channels > 0, sfInfo.samplerate > 0, sfInfo.frames >= 0 else {
      sf_close(handle)
      if descriptor >= 0 { close(descriptor) }
      throw AudioError.unreadable(
        path: path, reason: "invalid header (\(sfInfo.channels) channels, \(sfInfo.samplerate) Hz)")
    }
    return AudioInfo(
      sampleRate: Int(sfInfo.samplerate), channels: Int(sfInfo.channels), frames: Int(sfInfo.frames),
      format: sfInfo.format)
  }

  deinit {
    sf_close(handle)
    if descriptor >= 0 { close(descriptor) }
  }

  /// Header facts only (rate, channels, frames): cheap, no samples decoded.
  public static func probe(_ path: String) throws -> AudioInfo { try AudioFile(path: path).info }

  /// Samples of `[start, end)` seconds (end nil = end of file) as mono: the mixdown or one channel.
  ///
  /// Sample indices are round(t · rate). An end up to 10 ms past the file end is clamped (annotation
  /// times are rounded); further out, or a start at or past the end, throws `.spanBeyondEnd`.
  public func read(start: Double = 0, end: Double? = nil, channel: ChannelSelection = .mixdown) throws -> [Float] {
    let rate = info.sampleRate
    let total = info.frames
    let first = max(0, Int((start * Double(rate)).rounded()))
    var last = end.map { Int(($0 * Double(rate)).rounded()) } ?? total
    let tolerance = rate / 100
    if (first >= total && total > 0 && last > first) || last > total + tolerance {
      throw AudioError.spanBeyondEnd(path: path, start: start, end: end ?? info.duration, duration: info.duration)
    }
    last = min(last, total)
    let count = max(0, last - first)
    let channels = info.channels
    if case .channel(let n) = channel, n < 1 || n > channels {
      throw AudioError.noSuchChannel(path: path, channel: n, channels: channels)
    }
    if count == 0 { return [] }
    if sf_seek(handle, sf_count_t(first), SEEK_SET) < 0 {
      throw AudioError.unreadable(path: path, reason: "cannot seek to sample \(first): \(lastError)")
    }
    if channels == 1 {
      return try [Float](unsafeUninitializedCapacity: count) { mono, initialized in
        let got = Int(sf_readf_float(handle, mono.baseAddress, sf_count_t(count)))
        guard got == count else { throw AudioError.truncated(path: path, read: first + max(got, 0), expected: total) }
        initialized = count
      }
    }
    var interleaved = [Float](repeating: 0, count: count * channels)
    let got = interleaved.withUnsafeMutableBufferPointer {
      sf_readf_float(handle, $0.baseAddress, sf_count_t(count))
    }
    guard got == count else {
      throw AudioError.truncated(path: path, read: first + Int(max(got, 0)), expected: total)
    }
    var mono = [Float](repeating: 0, count: count)
    switch channel {
    case .channel(let n):
      for i in 0..<count { mono[i] = interleaved[i * channels + n - 1] }
    case .mixdown:
      let scale = 1 / Float(channels)
      for i in 0..<count {
        var sum: Float = 0
        for c in 0..<channels { sum += interleaved[i * channels + c] }
        mono[i] = sum * scale
      }
    }
    return mono
  }

  private var lastError: String { String(cString: sf_strerror(handle)) }
}

/// A whole audio file read into memory with one open and one read, so that its content hash and
/// its samples come from the same bytes.
public final class AudioFileBytes: @unchecked Sendable {
  public let path: String
  let buffer: UnsafeMutableRawBufferPointer

  /// Bytes held.
  public var count: Int { buffer.count }

  private init(path: String, buffer: UnsafeMutableRawBufferPointer) {
    self.path = path
    self.buffer = buffer
  }

  deinit { buffer.deallocate() }

  /// Reads the file at `path` whole; nil when it is larger than `limit` bytes (read it from its
  /// path instead). Throws `AudioError.missing` (no file, or a folder) or `.unreadable`.
  public static func read(_ path: String, limit: Int = .max) throws -> AudioFileBytes? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw openError(path: path, errno: errno) }
    defer { close(fd) }
    var status = stat()
    guard fstat(fd, &status) == 0, status.st_mode & S_IFMT != S_IFDIR else { throw AudioError.missing(path: path) }
    let size = Int(status.st_size)
    if size > limit { return nil }
    AudioFileReads.opened(path)
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(size, 1), alignment: 16)
    var done = 0
    while done < size {
      let n = systemRead(fd, buffer.baseAddress! + done, size - done)
      if n < 0 && errno == EINTR { continue }
      if n < 0 {
        let reason = String(cString: strerror(errno))
        buffer.deallocate()
        throw AudioError.unreadable(path: path, reason: "cannot read the file: \(reason)")
      }
      if n == 0 { break }  // The file shrank since fstat: what was read is the file.
      done += n
    }
    return AudioFileBytes(path: path, buffer: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<done]))
  }

  /// SHA-256 of the bytes, hex.
  public var sha256Hex: String { AudioFileHash.of(UnsafeRawBufferPointer(buffer)) }

  static func openError(path: String, errno code: Int32) -> AudioError {
    if code == ENOENT || code == ENOTDIR { return .missing(path: path) }
    return .unreadable(path: path, reason: "cannot open the file: \(String(cString: strerror(code)))")
  }
}

/// read(2) (the name is shadowed inside `AudioFileBytes.read`).
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(fd, buffer, count)
}

/// libsndfile's read position in an `AudioFileBytes` (virtual I/O).
private final class MemoryCursor {
  let bytes: AudioFileBytes
  var position = 0

  init(_ bytes: AudioFileBytes) { self.bytes = bytes }

  static func from(_ pointer: UnsafeMutableRawPointer?) -> MemoryCursor {
    Unmanaged<MemoryCursor>.fromOpaque(pointer!).takeUnretainedValue()
  }

  func seek(_ offset: Int, whence: Int32) -> sf_count_t {
    let base: Int
    switch whence {
    case SEEK_SET: base = 0
    case SEEK_CUR: base = position
    case SEEK_END: base = bytes.count
    default: return -1
    }
    let target = base + offset
    guard target >= 0 else { return -1 }
    position = target
    return sf_count_t(target)
  }

  func read(into destination: UnsafeMutableRawPointer?, count: Int) -> sf_count_t {
    guard let destination, count > 0, position < bytes.count else { return 0 }
    let n = min(count, bytes.count - position)
    destination.copyMemory(from: bytes.buffer.baseAddress! + position, byteCount: n)
    position += n
    return sf_count_t(n)
  }
}
