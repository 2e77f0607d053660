import Foundation
import ScreenCore
import ScreenNumerics

/// The cell volume and atom counts of one crystal structure, which is all a volume change on
/// sodiation needs, read from one of three sources: a SHELX/AIRSS `.res` file (CASTEP,
/// ml-evs/matador), ase's Delta-test collection `dcdft.json` (WIEN2k equilibrium volumes) or a
/// pymatgen Structure dictionary (Materials Project, VASP).
struct CrystalVolume: Sendable, Equatable {
    /// Cell volume, Å³.
    let volume: Double
    /// Atoms per element in the cell (occupancies summed).
    let counts: [String: Double]
    /// Where the numbers came from, for the conditions text: "Sn-Collo.res (TITL cell volume)".
    let origin: String
    /// The code and functional: "CASTEP PBE", "WIEN2k PBE", "VASP PBE".
    let code: String

    var atomCount: Double { counts.values.reduce(0, +) }

    /// Volume per atom of `element` (Å³ per atom of that element).
    func volume(perAtomOf element: String) -> Double? {
        guard let n = counts[element], n > 0 else { return nil }
        return volume / n
    }
}

/// A SHELX `.res` file as written by AIRSS and matador: `TITL name pressure volume enthalpy …`
/// on the first line (the cell volume in Å³ is the fourth field), then `SFAC` followed by one line
/// per atom (`Symbol index x y z occupancy`) up to `END`.
enum SHELXRes {
    /// Reads the cell volume from the TITL line and counts the atoms of the SFAC block.
    ///
    /// - Throws: `InputError` naming the file, the line and the field: a missing or short TITL
    ///   line, a volume that is not a positive number, no SFAC block, an atom line whose element
    ///   is not one the SFAC line declares, an occupancy outside (0, 1], no atoms, no END.
    static func read(text: String, file: String) throws(InputError) -> CrystalVolume {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let titleIndex = lines.firstIndex(where: { !$0.isEmpty }), lines[titleIndex].hasPrefix("TITL") else {
            throw InputError(file: file, line: 1, field: "TITL", "the file does not start with a TITL line")
        }
        let title = fields(lines[titleIndex])
        guard title.count >= 4 else {
            throw InputError(file: file, line: titleIndex + 1, field: "TITL volume",
                             "TITL line has \(title.count - 1) fields; expected 'TITL name pressure volume enthalpy …'")
        }
        guard let volume = DecimalNumber.parse(title[3]), volume > 0 else {
            throw InputError(file: file, line: titleIndex + 1, field: "TITL volume",
                             "'\(title[3])' is not a positive cell volume in Å3")
        }
        guard let sfacIndex = lines.firstIndex(where: { $0.hasPrefix("SFAC") }) else {
            throw InputError(file: file, field: "SFAC", "no SFAC line (the atoms follow it)")
        }
        let declared = Array(fields(lines[sfacIndex]).dropFirst())
        guard !declared.isEmpty, declared.allSatisfy(ChemicalElements.isSymbol) else {
            throw InputError(file: file, line: sfacIndex + 1, field: "SFAC", "'\(lines[sfacIndex])' does not list element symbols")
        }
        var counts: [String: Double] = [:]
        var ended = false
        for i in (sfacIndex + 1)..<lines.count {
            let line = lines[i]
            if line.isEmpty { continue }
            if line.hasPrefix("END") { ended = true; break }
            let f = fields(line)
            guard f.count >= 6 else {
                throw InputError(file: file, line: i + 1, field: "atom", "'\(line)' is not 'Symbol index x y z occupancy'")
            }
            guard declared.contains(f[0]) else {
                throw InputError(file: file, line: i + 1, field: "atom", "element '\(f[0])' is not on the SFAC line (\(declared.joined(separator: " ")))")
            }
            guard f[2...4].allSatisfy({ DecimalNumber.parse($0) != nil }) else {
                throw InputError(file: file, line: i + 1, field: "coordinates", "'\(f[2...4].joined(separator: " "))' are not three numbers")
            }
            guard let occupancy = DecimalNumber.parse(f[5]), occupancy > 0, occupancy <= 1 else {
                throw InputError(file: file, line: i + 1, field: "occupancy", "'\(f[5])' is not in (0, 1]")
            }
            counts[f[0], default: 0] += occupancy
        }
        guard ended else { throw InputError(file: file, field: "END", "the atom list has no END line") }
        guard !counts.isEmpty else { throw InputError(file: file, line: sfacIndex + 1, field: "atom", "no atoms after the SFAC line") }
        let name = (file as NSString).lastPathComponent
        return CrystalVolume(volume: volume, counts: counts, origin: "\(name) (TITL cell volume, \(formatNumber(volume)) Å3)", code: "CASTEP PBE")
    }

    private static func fields(_ line: String) -> [String] {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }
}

/// ase's `dcdft.json` (an ase database in JSON form): one object per element crystal with
/// `key_value_pairs.name` (the element) and `key_value_pairs.wien2k_volume` (the WIEN2k PBE
/// equilibrium volume, Å³ per atom, of the Delta test, Lejaeghere et al., Science 351, aad3000
/// (2016)). Non-numeric top-level keys (`ids`, `nextid`) are not entries.
enum DeltaTestVolumes {
    /// Equilibrium volume per atom by element symbol.
    ///
    /// - Throws: `InputError` naming the file and the entry key: not JSON, an entry without a
    ///   name or with a volume that is not a positive number, an element listed twice.
    static func read(data: Data, file: String) throws(InputError) -> [String: Double] {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw InputError(file: file, "not JSON: \(error.localizedDescription)")
        }
        guard let top = object as? [String: Any] else { throw InputError(file: file, "the top level is not an object of entries") }
        var volumes: [String: Double] = [:]
        for key in top.keys.sorted() where key.allSatisfy(\.isNumber) {
            guard let entry = top[key] as? [String: Any], let pairs = entry["key_value_pairs"] as? [String: Any] else {
                throw InputError(file: file, field: "\(key).key_value_pairs", "entry \(key) has no key_value_pairs object")
            }
            guard let name = pairs["name"] as? String, ChemicalElements.isSymbol(name) else {
                throw InputError(file: file, field: "\(key).key_value_pairs.name", "entry \(key) has no element name")
            }
            guard let v = (pairs["wien2k_volume"] as? NSNumber)?.doubleValue, v.isFinite, v > 0 else {
                throw InputError(file: file, field: "\(key).key_value_pairs.wien2k_volume",
                                 "entry \(key) (\(name)) has no positive wien2k_volume")
            }
            guard volumes[name] == nil else {
                throw InputError(file: file, field: "\(key).key_value_pairs.name", "element \(name) appears twice")
            }
            volumes[name] = v
        }
        return volumes
    }

    /// The elemental crystal of `element` as a one-atom `CrystalVolume`.
    static func crystal(_ element: String, in volumes: [String: Double], file: String) -> CrystalVolume? {
        volumes[element].map {
            CrystalVolume(volume: $0, counts: [element: 1],
                          origin: "\((file as NSString).lastPathComponent) \(element) (wien2k_volume, \(formatNumber($0)) Å3/atom)",
                          code: "WIEN2k PBE")
        }
    }
}

/// Entries of a Materials Project structure file (a JSON array, plain or gzipped, of objects
/// with `mp_id` and a pymatgen `structure`), such as `computed/mp-binary-elasticity.json.gz`.
enum MaterialsProjectStructures {
    /// The structures of the entries whose `mp_id` is in `ids` (the file is read once).
    ///
    /// Only the entries that can be wanted are parsed: those whose bytes hold one of the ids as a
    /// JSON string (`"mp-1052"`), or any backslash (an escape could spell an id). The other
    /// entries, most of the file, are scanned but not parsed.
    ///
    /// - Throws: `InputError` naming the file (and the entry's id or line): not a JSON array, an
    ///   entry that is not an object, a wanted id absent, a structure that cannot be read.
    /// - Complexity: O(file bytes × wanted ids) for the scan, plus a parse of each wanted entry.
    static func read(url: URL, file: String, ids: Set<String>) throws(InputError) -> [String: CrystalVolume] {
        let quotedIds = ids.map { Array("\"\($0)\"".utf8) }
        var found: [String: CrystalVolume] = [:]
        do {
            let reader = try StreamingJSONArrayReader(try ByteSource(url: url, file: file), path: [])
            while let raw = try reader.nextUnparsed() {
                guard raw.bytes.first == UInt8(ascii: "{") else {
                    throw InputError(file: file, line: raw.line, field: "record #\(raw.index + 1)", "an entry is not an object")
                }
                guard raw.bytes.contains(0x5C) || quotedIds.contains(where: { Self.bytes(raw.bytes, contain: $0) }) else { continue }
                guard let entry = try reader.parse(raw).value as? [String: Any],
                      let id = entry["mp_id"] as? String, ids.contains(id) else { continue }
                let s: StructureQuantities
                do { s = try StructureQuantities(pymatgen: entry["structure"] as Any) } catch {
                    throw InputError(file: file, field: "\(id).structure", "structure \(error.description)")
                }
                found[id] = CrystalVolume(volume: s.volume, counts: s.occupancy,
                                          origin: "\(id) in \((file as NSString).lastPathComponent) (\(s.volumeFrom), \(formatNumber(s.volume)) Å3, \(s.cellContent))",
                                          code: "VASP PBE")
            }
        } catch let e as InputError { throw e } catch { throw InputError(file: file, "\(error)") }
        for id in ids.sorted() where found[id] == nil {
            throw InputError(file: file, field: "mp_id", "no entry \(id)")
        }
        return found
    }

    /// Whether `needle` (not empty) occurs in `haystack`: memchr to each candidate first byte, then
    /// memcmp (the standard library's generic subsequence search is about a hundred times slower).
    private static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBytes { h in
            needle.withUnsafeBytes { n in
                let last = h.count - n.count
                var from = 0
                while from <= last, let hit = memchr(h.baseAddress! + from, Int32(n[0]), last - from + 1) {
                    let at = UnsafeRawPointer(hit) - h.baseAddress!
                    if memcmp(h.baseAddress! + at, n.baseAddress!, n.count) == 0 { return true }
                    from = at + 1
                }
                return false
            }
        }
    }
}
