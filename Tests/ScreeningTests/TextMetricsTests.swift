import Foundation
import Testing
@testable import SVGCharts

/// Advance widths read from a TrueType font's `cmap` (format 4) and `hmtx` tables, per 1000 em.
struct TrueTypeWidths {
    private let data: [UInt8]
    private let unitsPerEm: Double
    private let advances: [Int]
    private let segments: [(start: Int, end: Int, delta: Int, rangeOffset: Int, rangeOffsetPosition: Int)]

    init?(path: String) {
        guard let d = FileManager.default.contents(atPath: path) else { return nil }
        let bytes = [UInt8](d)
        data = bytes
        func u16(_ o: Int) -> Int { Int(bytes[o]) << 8 | Int(bytes[o + 1]) }
        func u32(_ o: Int) -> Int { u16(o) << 16 | u16(o + 2) }
        var tables: [String: Int] = [:]
        for i in 0..<u16(4) {
            let entry = 12 + 16 * i
            tables[String(decoding: bytes[entry..<entry + 4], as: UTF8.self)] = u32(entry + 8)
        }
        guard let head = tables["head"], let hhea = tables["hhea"], let hmtx = tables["hmtx"], let cmap = tables["cmap"] else { return nil }
        unitsPerEm = Double(u16(head + 18))
        advances = (0..<u16(hhea + 34)).map { u16(hmtx + 4 * $0) }
        var sub: Int?
        for i in 0..<u16(cmap + 2) {
            let record = cmap + 4 + 8 * i
            let offset = cmap + u32(record + 4)
            if u16(record) == 3, u16(record + 2) == 1, u16(offset) == 4 { sub = offset }
        }
        guard let sub else { return nil }
        let count = u16(sub + 6) / 2
        segments = (0..<count).map { i in
            let rangeOffsetPosition = sub + 16 + 6 * count + 2 * i
            let delta = u16(sub + 16 + 4 * count + 2 * i)
            return (u16(sub + 16 + 2 * count + 2 * i), u16(sub + 14 + 2 * i), delta >= 0x8000 ? delta - 0x10000 : delta,
                    u16(rangeOffsetPosition), rangeOffsetPosition)
        }
    }

    /// The advance of `scalar` per 1000 em (nil when the font has no glyph for it).
    func advance(_ scalar: Unicode.Scalar) -> Double? {
        let c = Int(scalar.value)
        guard let s = segments.first(where: { $0.start <= c && c <= $0.end }) else { return nil }
        var glyph: Int
        if s.rangeOffset == 0 {
            glyph = (c + s.delta) & 0xFFFF
        } else {
            let p = s.rangeOffsetPosition + s.rangeOffset + 2 * (c - s.start)
            glyph = Int(data[p]) << 8 | Int(data[p + 1])
            if glyph != 0 { glyph = (glyph + s.delta) & 0xFFFF }
        }
        guard glyph != 0 else { return nil }
        return (Double(advances[min(glyph, advances.count - 1)]) * 1000 / unitsPerEm).rounded()
    }
}

@Suite("Charts: text metrics")
struct TextMetricsTests {
    static let fonts = "/usr/share/fonts/truetype/dejavu/"

    @Test("ASCII widths are the advance widths of DejaVu Sans and DejaVu Sans Bold, read from the installed fonts",
          .enabled(if: FileManager.default.fileExists(atPath: fonts + "DejaVuSans-Bold.ttf")))
    func fontWidths() throws {
        for (file, bold) in [("DejaVuSans.ttf", false), ("DejaVuSans-Bold.ttf", true)] {
            let font = try #require(TrueTypeWidths(path: Self.fonts + file))
            for v in UInt32(0x20)...0x7E {
                let scalar = Unicode.Scalar(v)!
                let expected = try #require(font.advance(scalar))
                #expect(abs(TextMetrics.width(String(Character(scalar)), fontSize: 1000, bold: bold) - expected) < 0.5, "\(file) \(Character(scalar))")
            }
        }
    }

    @Test("non-ASCII estimates are never narrower than the fonts' glyphs for the symbols the charts write",
          .enabled(if: FileManager.default.fileExists(atPath: fonts + "DejaVuSans-Bold.ttf")))
    func symbolWidths() throws {
        for (file, bold) in [("DejaVuSans.ttf", false), ("DejaVuSans-Bold.ttf", true)] {
            let font = try #require(TrueTypeWidths(path: Self.fonts + file))
            for s in "−≥≤×…–—·±≈→⁰¹²³⁴⁵⁶⁷⁸⁹⁻₀₁₂₃₄₅₆₇₈₉σηΔμÅé".unicodeScalars {
                guard let expected = font.advance(s) else { continue }
                #expect(TextMetrics.width(String(Character(s)), fontSize: 1000, bold: bold) >= expected - 0.5, "\(file) \(Character(s))")
            }
        }
    }

    @Test("wrapping keeps every character, in order, and every line within the width")
    func wrapping() {
        var rng = ChartTestRNG(state: 11)
        let words = ["Na", "binding", "energy", "(moderate,", "vs", "Na", "atom)", "SEI", "Na+", "transport", "activation", "raw-material", "cost", "(estimate)", "supercalifragilistic-expialidocious/x"]
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 1...14, using: &rng)).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ")
            let width = Double.random(in: 30...260, using: &rng), size = [10.0, 12, 15].randomElement(using: &rng)!
            let bold = Bool.random(using: &rng)
            let lines = TextMetrics.wrap(text, maxWidth: width, fontSize: size, bold: bold)
            // Widths from 30 px: even a piece of a word too long for a line fits.
            for line in lines { #expect(TextMetrics.width(line, fontSize: size, bold: bold) <= width + 1e-9, "\(line) at \(width)") }
            #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " }, "characters kept in order")
            #expect(lines.allSatisfy { !$0.hasPrefix(" ") && !$0.hasSuffix(" ") })
        }
        #expect(TextMetrics.wrap("", maxWidth: 100, fontSize: 12).isEmpty)
        #expect(TextMetrics.wrap("a b", maxWidth: .infinity, fontSize: 12) == ["a b"])
    }
}
