import CZlib
import Foundation
import ScreenNumerics

/// Reads a file in chunks (64 KiB), transparently gunzipping it when it starts with the gzip
/// magic bytes (1f 8b), so that a computed database of any size is read without ever holding
/// the whole file. Concatenated gzip members are read one after another.
///
/// `ByteCursor` gives byte-at-a-time access on top of it with line counting.
public final class ByteSource {
    /// The size of one read from the file, and of `ByteCursor`'s buffer, in bytes (64 KiB): large
    /// enough that system calls are rare, small enough that memory stays flat on any file size.
    public static let chunkSize = 64 * 1024

    /// The file's name as errors report it (not necessarily its path).
    public let file: String
    private let handle: UnsafeMutablePointer<FILE>
    private var raw = [UInt8](repeating: 0, count: ByteSource.chunkSize)
    private var rawCount = 0
    private var rawStart = 0
    private var rawEOF = false
    private var stream: UnsafeMutablePointer<z_stream>?
    private var inflateEnded = false

    /// Opens `url`; `file` is the name errors use. Reads the first chunk to detect gzip.
    ///
    /// - Throws: `InputError` when the file cannot be opened or read, or zlib cannot start.
    public init(url: URL, file: String) throws {
        self.file = file
        guard let h = fopen(url.path, "rb") else {
            throw InputError(file: file, "cannot open the file (\(String(cString: strerror(errno))))")
        }
        handle = h
        try fillRaw()
        if rawCount - rawStart >= 2 && raw[rawStart] == 0x1f && raw[rawStart + 1] == 0x8b {
            let s = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            s.initialize(to: z_stream())
            // 15 + 32: maximum window, automatic gzip/zlib header detection.
            let rc = inflateInit2_(s, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
            guard rc == Z_OK else {
                s.deallocate()
                fclose(h)
                throw InputError(file: file, "cannot start gzip decompression (zlib error \(rc))")
            }
            stream = s
            isGzipStorage = true
        }
    }

    private var isGzipStorage = false
    /// Whether the file was gzip-compressed (known after opening).
    public var compressed: Bool { isGzipStorage }

    deinit {
        // inflateEnd frees zlib's state and window whether or not the stream reached its end
        // (`inflateEnded` only says that the current gzip member is complete).
        if let s = stream {
            inflateEnd(s)
            s.deallocate()
        }
        fclose(handle)
    }

    /// Refills the raw buffer when it is exhausted.
    private func fillRaw() throws {
        guard rawStart >= rawCount, !rawEOF else { return }
        let n = raw.withUnsafeMutableBytes { fread($0.baseAddress, 1, ByteSource.chunkSize, handle) }
        if n < ByteSource.chunkSize {
            if ferror(handle) != 0 { throw InputError(file: file, "read error (\(String(cString: strerror(errno))))") }
            rawEOF = true
        }
        rawCount = n
        rawStart = 0
    }

    /// Fills `buffer` with up to `buffer.count` (decompressed) bytes; returns how many, 0 at the end.
    ///
    /// A gzip file's buffer must not be empty (a precondition). Bytes after the last gzip member
    /// are read as another member, so trailing garbage is an error (corrupt or truncated gzip data).
    /// - Throws: `InputError` for a read error, and for truncated or corrupt gzip data.
    /// - Complexity: O(`buffer.count` + c) for the c compressed bytes consumed.
    public func read(into buffer: inout [UInt8]) throws -> Int {
        guard let s = stream else {
            try fillRaw()
            let n = min(buffer.count, rawCount - rawStart)
            if n > 0 {
                buffer.withUnsafeMutableBufferPointer { dst in
                    raw.withUnsafeBufferPointer { src in
                        // `n > 0`, so neither buffer is empty and both base addresses exist.
                        dst.baseAddress!.update(from: src.baseAddress! + rawStart, count: n)
                    }
                }
                rawStart += n
            }
            return n
        }
        var produced = 0
        while produced == 0 {
            try fillRaw()
            if rawStart >= rawCount && rawEOF {
                if inflateEnded { return 0 }
                throw InputError(file: file, "truncated gzip data (the compressed stream ends early)")
            }
            if inflateEnded {
                // Another gzip member follows (concatenated members), or trailing garbage.
                let rc = inflateReset(s)
                guard rc == Z_OK else { throw InputError(file: file, "corrupt gzip data (zlib error \(rc))") }
                inflateEnded = false
            }
            let available = rawCount - rawStart
            // A caller's empty buffer has no base address (nothing could be inflated into it).
            precondition(!buffer.isEmpty, "ByteSource.read(into:) needs a non-empty buffer")
            let result: Int32 = raw.withUnsafeMutableBufferPointer { src in
                buffer.withUnsafeMutableBufferPointer { dst in
                    // `raw` has `chunkSize` > 0 bytes and `buffer` is not empty: both base addresses exist.
                    s.pointee.next_in = src.baseAddress! + rawStart
                    s.pointee.avail_in = UInt32(available)
                    s.pointee.next_out = dst.baseAddress!
                    s.pointee.avail_out = UInt32(dst.count)
                    return inflate(s, Z_NO_FLUSH)
                }
            }
            rawStart += available - Int(s.pointee.avail_in)
            produced = buffer.count - Int(s.pointee.avail_out)
            switch result {
            case Z_OK, Z_BUF_ERROR:
                if result == Z_BUF_ERROR && produced == 0 && rawEOF && rawStart >= rawCount {
                    throw InputError(file: file, "truncated gzip data (the compressed stream ends early)")
                }
            case Z_STREAM_END:
                inflateEnded = true
                try fillRaw()
                if rawStart >= rawCount && rawEOF { return produced }
            default:
                let message = s.pointee.msg.map { String(cString: $0) } ?? "zlib error \(result)"
                throw InputError(file: file, "corrupt gzip data (\(message))")
            }
        }
        return produced
    }
}

/// Byte-at-a-time reading of a `ByteSource` or of bytes in memory, counting lines (1-based; a
/// line feed, a carriage return, or the pair CR LF ends a line — the CSV reader accepts all three,
/// so errors in a file with old Mac line ends name their real line).
public final class ByteCursor {
    private let source: ByteSource?
    private var buffer: [UInt8]
    private var count = 0
    private var position = 0
    private var finished = false
    /// The last byte consumed was a carriage return (a line feed right after it ends no new line).
    private var afterCarriageReturn = false
    /// The line of the next byte.
    public private(set) var line = 1
    /// The file's name as errors report it, taken from the source or given with the bytes.
    public let file: String

    /// Reads `source` one chunk (`ByteSource.chunkSize` bytes) at a time, starting on line 1.
    public init(_ source: ByteSource) {
        self.source = source
        file = source.file
        buffer = [UInt8](repeating: 0, count: ByteSource.chunkSize)
    }

    /// Reads `bytes` (a text already in memory); `file` is the name errors use.
    public init(bytes: [UInt8], file: String) {
        source = nil
        self.file = file
        buffer = bytes
        count = bytes.count
        finished = true
    }

    @inline(__always)
    private func ensure() throws -> Bool {
        if position < count { return true }
        guard !finished, let source else { return false }
        count = try source.read(into: &buffer)
        position = 0
        if count == 0 { finished = true; return false }
        return true
    }

    /// The next byte without consuming it; nil at the end.
    @inline(__always)
    public func peek() throws -> UInt8? {
        guard try ensure() else { return nil }
        return buffer[position]
    }

    /// Consumes and returns the next byte; nil at the end.
    @inline(__always)
    public func next() throws -> UInt8? {
        guard try ensure() else { return nil }
        let b = buffer[position]
        position += 1
        Self.count(b, line: &line, afterCarriageReturn: &afterCarriageReturn)
        return b
    }

    /// Counts the line `b` ends, if any: a line feed (not right after a carriage return) or a
    /// carriage return. One comparison for the common bytes.
    @inline(__always)
    private static func count(_ b: UInt8, line: inout Int, afterCarriageReturn: inout Bool) {
        if b <= 0x0D {
            if b == 0x0A && !afterCarriageReturn { line += 1 }
            if b == 0x0D { line += 1 }
            afterCarriageReturn = b == 0x0D
        } else {
            afterCarriageReturn = false
        }
    }

    /// The bytes read but not consumed yet (the next chunk is read first when there are none);
    /// empty at the end. The caller consumes those it has looked at with `skip(_:)`.
    ///
    /// Why: `next()` is a call per byte from another module (not inlined), with an exclusivity
    /// check on the buffer each time; a scanner that looks at every byte of a large file (the
    /// JSON element scanner over 7 MB of structures at every `db build`) spends most of its time
    /// there. Handed a chunk, it loops over the bytes itself.
    /// - Complexity: O(1), or one chunk read (`ByteSource.chunkSize` bytes).
    public func buffered() throws -> ArraySlice<UInt8> {
        guard try ensure() else { return [] }
        return buffer[position..<count]
    }

    /// Consumes the first `n` bytes of `buffered()`, counting their lines as `next()` does.
    /// - Precondition: `0 ≤ n ≤ buffered().count`.
    /// - Complexity: O(n).
    public func skip(_ n: Int) {
        precondition(n >= 0 && position + n <= count, "ByteCursor.skip: more bytes than are buffered")
        var line = self.line
        var afterCarriageReturn = self.afterCarriageReturn
        buffer.withUnsafeBufferPointer { bytes in
            for b in bytes[position..<(position + n)] { Self.count(b, line: &line, afterCarriageReturn: &afterCarriageReturn) }
        }
        self.line = line
        self.afterCarriageReturn = afterCarriageReturn
        position += n
    }

    /// Skips a UTF-8 byte-order mark at the current position (call at the start).
    public func skipByteOrderMark() throws {
        guard try ensure() else { return }
        if count - position >= 3, buffer[position] == 0xEF, buffer[position + 1] == 0xBB, buffer[position + 2] == 0xBF {
            position += 3
        }
    }
}
