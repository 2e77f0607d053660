import Foundation
import ScreenCore
import ScreenNumerics

/// Yields the elements of one JSON array — the top-level array, or the array under a key path
/// such as `data.entries` — one at a time: each element's bytes are cut out of the stream by a
/// small scanner (strings, escapes and nesting) and parsed alone with `JSONSerialization`, so
/// memory is one record, not the file. Keys before the array are skipped without being parsed.
final class StreamingJSONArrayReader {
    struct Element {
        /// 1-based line on which the element starts.
        let line: Int
        /// 0-based position in the array.
        let index: Int
        let value: Any
    }

    private let cursor: ByteCursor
    private let path: [String]
    private var started = false
    private var finished = false
    private var index = 0
    private var bytes: [UInt8] = []
    var file: String { cursor.file }

    /// `path` is the key path of the array (empty: the document is the array).
    init(_ source: ByteSource, path: [String]) throws {
        cursor = ByteCursor(source)
        self.path = path
        try cursor.skipByteOrderMark()
    }

    private func fail(_ reason: String) -> InputError {
        InputError(file: file, line: cursor.line, reason)
    }

    private func skipWhitespace() throws {
        while let b = try cursor.peek(), b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { _ = try cursor.next() }
    }

    private func expect(_ c: UInt8, _ what: String) throws {
        try skipWhitespace()
        guard let b = try cursor.next() else { throw fail("the file ends where \(what) was expected") }
        guard b == c else { throw fail("expected \(what), found '\(Character(Unicode.Scalar(b)))'") }
    }

    /// Moves to just after the `[` of the array.
    private func start() throws {
        var walked: [String] = []
        for key in path {
            try expect(UInt8(ascii: "{"), walked.isEmpty ? "an object (the records are at '\(path.joined(separator: "."))')"
                                                          : "an object at '\(walked.joined(separator: "."))'")
            var found = false
            while !found {
                try skipWhitespace()
                if try cursor.peek() == UInt8(ascii: "}") {
                    throw fail("no key '\(key)'\(walked.isEmpty ? "" : " in '\(walked.joined(separator: "."))'") (the mapping's records: path)")
                }
                bytes.removeAll(keepingCapacity: true)
                try capture()
                // Not a string (or not JSON at all: JSONSerialization's own error names neither file nor line).
                guard let name = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) as? String else {
                    throw fail("expected a key (a string)")
                }
                try expect(UInt8(ascii: ":"), "':' after a key")
                if name == key {
                    found = true
                } else {
                    try skipWhitespace()
                    bytes.removeAll(keepingCapacity: true)
                    try capture()
                    try skipWhitespace()
                    if try cursor.peek() == UInt8(ascii: ",") { _ = try cursor.next() }
                }
            }
            walked.append(key)
        }
        try expect(UInt8(ascii: "["), path.isEmpty ? "an array of records at the top level" : "an array at '\(path.joined(separator: "."))'")
    }

    /// Deepest nesting of objects and arrays in one record (far beyond any real record; the
    /// parser that reads the record recurses once per level).
    static let maximumDepth = 512

    /// A key's text from its bytes between the quotes (escapes decoded, so "a" and "\u0061" are one key).
    private static func keyText(_ raw: ArraySlice<UInt8>) -> String {
        guard raw.contains(0x5C) else { return String(decoding: raw, as: UTF8.self) }
        let quoted = Data([0x22] + raw + [0x22])
        return (try? JSONSerialization.jsonObject(with: quoted, options: [.fragmentsAllowed]) as? String) ?? String(decoding: raw, as: UTF8.self)
    }

    /// Copies one JSON value (object, array, string or scalar) from the stream into `bytes`,
    /// refusing a key given twice in one object and nesting deeper than `maximumDepth`.
    private func capture() throws {
        try skipWhitespace()
        guard let first = try cursor.peek() else { throw fail("the file ends where a value was expected") }
        switch first {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            // Each open container; an object's keys so far (JSONSerialization would keep one of
            // two equal keys silently, so a duplicate is found here, with its line).
            var containers: [(isObject: Bool, keys: Set<String>)] = []
            var inString = false
            var escaped = false
            var expectingKey = false
            var keyStart = -1
            let startLine = cursor.line
            // Scanned a buffered chunk at a time (`ByteCursor.buffered()`), into a local array: a
            // call per byte through the cursor was most of a `db build` (7 MB of structures).
            // Each chunk is appended whole and cut back to the value's end; the cursor consumes
            // what was scanned before an error is thrown, so the error names the line of the byte
            // it was found at, as before.
            var captured: [UInt8] = []
            swap(&captured, &bytes)
            defer { swap(&captured, &bytes) }
            while true {
                let chunk = try cursor.buffered()
                guard !chunk.isEmpty else {
                    throw InputError(file: file, line: startLine, "the value starting here is never closed (the file ends)")
                }
                let from = captured.count
                captured.append(contentsOf: chunk)
                var i = from
                while i < captured.count {
                    let b = captured[i]
                    i += 1
                    if inString {
                        if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 {
                            inString = false
                            if keyStart >= 0 {
                                let key = Self.keyText(captured[keyStart..<(i - 1)])
                                keyStart = -1
                                if !containers[containers.count - 1].keys.insert(key).inserted {
                                    cursor.skip(i - from)
                                    throw fail("the key \"\(key)\" appears twice in one object; JSON would keep only one of the values silently")
                                }
                            }
                        }
                        continue
                    }
                    switch b {
                    case 0x22:
                        inString = true
                        if expectingKey { keyStart = i; expectingKey = false }
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        guard containers.count < Self.maximumDepth else {
                            cursor.skip(i - from)
                            throw fail("objects and arrays nested more than \(Self.maximumDepth) deep")
                        }
                        containers.append((b == UInt8(ascii: "{"), []))
                        expectingKey = b == UInt8(ascii: "{")
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        containers.removeLast()
                        if containers.isEmpty {
                            captured.removeSubrange(i...)
                            cursor.skip(i - from)
                            return
                        }
                        expectingKey = false
                    case UInt8(ascii: ","):
                        expectingKey = containers[containers.count - 1].isObject
                    default: break
                    }
                }
                cursor.skip(i - from)
            }
        case 0x22:
            bytes.append(try cursor.next()!)
            var escaped = false
            while true {
                guard let b = try cursor.next() else { throw fail("a string is never closed (the file ends)") }
                bytes.append(b)
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { return }
            }
        default:
            while let b = try cursor.peek(),
                  !(b == UInt8(ascii: ",") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}") ||
                    b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09) {
                bytes.append(try cursor.next()!)
            }
            if bytes.isEmpty { throw fail("expected a value") }
        }
    }

    /// After the array: the rest of each enclosing object (other keys, then `}`) and then nothing
    /// but white space to the end — garbage after the data is an error, not ignored.
    private func finish() throws {
        for _ in path {
            while true {
                try skipWhitespace()
                guard let b = try cursor.next() else { throw fail("the file ends inside an object (missing '}')") }
                if b == UInt8(ascii: "}") { break }
                guard b == UInt8(ascii: ",") else { throw fail("expected ',' or '}' after the records, found '\(Character(Unicode.Scalar(b)))'") }
                try skipWhitespace()
                bytes.removeAll(keepingCapacity: true)
                try capture()
                try expect(UInt8(ascii: ":"), "':' after a key")
                try skipWhitespace()
                bytes.removeAll(keepingCapacity: true)
                try capture()
            }
        }
        try skipWhitespace()
        if let b = try cursor.peek() {
            throw fail("unexpected '\(Character(Unicode.Scalar(b)))' after the end of the JSON data")
        }
    }

    /// An element's bytes as they stand in the file, not yet parsed (`nextUnparsed()`).
    struct UnparsedElement {
        /// 1-based line on which the element starts.
        let line: Int
        /// 0-based position in the array.
        let index: Int
        let bytes: [UInt8]
    }

    /// The next element, or nil after the last.
    /// - Throws: `InputError` with the line for malformed JSON.
    func next() throws -> Element? {
        try nextUnparsed().map(parse)
    }

    /// The next element's bytes, cut out of the stream but not parsed, or nil after the last: for a
    /// reader that wants only some elements and can tell them by their bytes, so that the others
    /// cost a scan and not a parse (`parse(_:)` parses the ones wanted). The scan still checks the
    /// element's strings, nesting and keys.
    /// - Throws: `InputError` with the line for malformed JSON.
    func nextUnparsed() throws -> UnparsedElement? {
        if finished { return nil }
        if !started {
            try start()
            started = true
            try skipWhitespace()
            if try cursor.peek() == UInt8(ascii: "]") { _ = try cursor.next(); finished = true; try finish(); return nil }
        } else {
            try skipWhitespace()
            guard let b = try cursor.next() else { throw fail("the file ends inside the array (missing ']')") }
            if b == UInt8(ascii: "]") { finished = true; try finish(); return nil }
            guard b == UInt8(ascii: ",") else { throw fail("expected ',' or ']' after record #\(index), found '\(Character(Unicode.Scalar(b)))'") }
        }
        try skipWhitespace()
        let line = cursor.line
        bytes.removeAll(keepingCapacity: true)
        try capture()
        defer { index += 1 }
        return UnparsedElement(line: line, index: index, bytes: bytes)
    }

    /// Parses an element `nextUnparsed()` gave.
    /// - Throws: `InputError` with the element's line when it is not valid JSON.
    func parse(_ element: UnparsedElement) throws -> Element {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(element.bytes), options: [.fragmentsAllowed])
        } catch {
            throw InputError(file: file, line: element.line, field: "record #\(element.index + 1)", "not valid JSON (\((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? error.localizedDescription))")
        }
        return Element(line: element.line, index: element.index, value: value)
    }
}
