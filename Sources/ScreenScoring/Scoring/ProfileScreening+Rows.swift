import Foundation
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore
import ScreenThermodynamics

extension ProfileScreening {
    /// One screened row: the candidate shown (an entry, or under `aggregate` a composition)
    /// and the in-scope entries behind it.
    struct ScreenedRow {
        let candidate: Candidate
        let members: [String]
        let reducedFormula: String?
    }

    /// The rows to rank: every entry (`keep`), or one per reduced formula (`aggregate`; entries
    /// without a formula stay single rows), in the entries' order (category, then id).
    ///
    /// An aggregate row is a composition, named by a formula a chemist can read:
    /// 1. a *readable* spelling written by its entries: any formula of a hand-curated entry (a
    ///    category other than `computed`: the review's own `NaF`, `Na2SO4` or `C6H4Na2S2`, kept as
    ///    written), or an imported formula that `isReadableSpelling` accepts (`NaAlO2`,
    ///    `Na3V2(PO4)3`, `Na2O2`, but not the unit-cell spellings `F1Na1`, `Na4O8S2`);
    ///    hand-curated spellings first, then the most common, the shortest, alphabetical;
    /// 2. when no entry writes one (only unit-cell spellings), the composition's
    ///    `ChemicalFormula.conventionalFormula` (`F1Na1` and `Na2F2` → `NaF`, `N12Na4Si8` → `NaSi2N3`).
    ///
    /// If a candidate of another composition has that id, the row takes its first entry's id
    /// instead (hand-curated categories sort before `computed`). A hand-curated `NaF` thus names
    /// the row of NaF, mp-682, …, and a lone mp-682 makes the row NaF.
    /// The row's name lists the entries' ids; its category is that of the entry it is named
    /// after (else the first entry's).
    /// `storedReducedFormulas` gives the stored reduced formula of those of a list of ids that name
    /// a candidate (asked once, with every row's name).
    /// - Complexity: O(n) for n entries (one dictionary look-up each, one name per composition), and
    ///   one look-up of the rows' names in the store.
    static func rows(_ entries: [CandidateComposition], settings: ScreeningScope,
                     storedReducedFormulas: ([String]) throws -> [String: String?]) rethrows -> [ScreenedRow] {
        switch settings.polymorphs {
        case .keep:
            return entries.map { ScreenedRow(candidate: $0.candidate, members: [$0.candidate.id], reducedFormula: $0.reducedFormula) }
        case .aggregate:
            // Compositions in the order of their first entry, each with its entries' indices (one
            // look-up per entry); entries without a formula stay rows of their own, in place.
            var groupOf: [String: Int] = [:]
            var groups: [(key: String, members: [Int])] = []
            var units: [(entry: Int, group: Int?)] = []
            for (i, e) in entries.enumerated() {
                guard let key = e.reducedFormula else { units.append((i, nil)); continue }
                if let g = groupOf[key] {
                    groups[g].members.append(i)
                } else {
                    groupOf[key] = groups.count
                    units.append((i, groups.count))
                    groups.append((key, [i]))
                }
            }
            // Each composition's name first, then whether another composition's candidate has it as id.
            let named = groups.map { group -> (formula: String, conventional: String) in
                // The key is a formula (reduced, alphabetical), so it parses.
                let conventional = (try? ChemicalFormula(group.key))?.conventionalFormula ?? group.key
                return (writtenSpelling(group.members.map { entries[$0].candidate }) ?? conventional, conventional)
            }
            let stored = try storedReducedFormulas(named.map(\.formula))
            let rowsOfGroups = zip(groups, named).map { group, name -> ScreenedRow in
                let members = group.members.map { entries[$0].candidate }
                let takenByOther = stored[name.formula].map { $0 != group.key } ?? false
                let id = takenByOther ? members[0].id : name.formula
                let ids = members.map(\.id)
                let representative = members.first { $0.id == id } ?? members[0]
                let candidate = id == representative.id && members.count == 1 ? representative
                    : Candidate(id: id, name: name.conventional, formula: name.formula,
                                category: representative.category,
                                note: members.count == 1 ? "the composition \(name.conventional) of \(ids[0])"
                                    : "\(members.count) entries with the reduced formula \(name.conventional), ranked as one: \(ids.joined(separator: ", "))")
                return ScreenedRow(candidate: candidate, members: ids, reducedFormula: group.key)
            }
            return units.map { unit in
                guard let g = unit.group else {
                    let e = entries[unit.entry]
                    return ScreenedRow(candidate: e.candidate, members: [e.candidate.id], reducedFormula: nil)
                }
                return rowsOfGroups[g]
            }
        }
    }

    /// The readable spelling that names a composition, from its entries (in order): any formula of
    /// a hand-curated entry (a category other than `computed`), or an imported one that
    /// `isReadableSpelling` accepts; hand-curated spellings first, then the one most entries write
    /// (a spelling's count: its hand-curated entries, and its imported ones when it is readable),
    /// then the shortest, then the first alphabetically. Nil when no entry writes one.
    /// - Complexity: O(n) for n entries (a linear search among the first few distinct spellings,
    ///   a dictionary past them), and one `isReadableSpelling` per distinct imported spelling.
    static func writtenSpelling(_ members: [Candidate]) -> String? {
        var tally: [(formula: String, readable: Bool?, curated: Bool, count: Int)] = []
        // Spellings are found by a linear search while they are few (the usual case), through an
        // index past `indexedFrom`, so that no composition costs quadratic time.
        let indexedFrom = 16
        var index: [String: Int]? = nil
        for m in members {
            guard let f = m.formula else { continue }
            let curated = m.category != .computed
            let found = index.map { $0[f] } ?? tally.firstIndex { $0.formula == f }
            let t = found ?? tally.count
            if found == nil {
                tally.append((f, nil, false, 0))
                if index != nil { index![f] = t } else if tally.count == indexedFrom {
                    index = Dictionary(uniqueKeysWithValues: tally.enumerated().map { ($1.formula, $0) })
                }
            }
            if !curated {
                let ok = tally[t].readable ?? isReadableSpelling(f)
                tally[t].readable = ok
                guard ok else { continue }
            }
            tally[t].curated = tally[t].curated || curated
            tally[t].count += 1
        }
        return tally.filter { $0.count > 0 }.min {
            ($1.curated ? 1 : 0, $1.count, $0.formula.count, $0.formula) < ($0.curated ? 1 : 0, $0.count, $1.formula.count, $1.formula)
        }?.formula
    }

    /// Whether an imported formula is fit to name an aggregate row as written: it parses, it has
    /// no explicit amount of one (`F1Na1`, `Cr3Ni1`: the Matbench files write every count), it
    /// writes the reduced composition (no common factor: `Na4O8S2`, `Na2F2` are unit cells) or
    /// one of the formulas pymatgen deliberately keeps unreduced (`Na2O2`, `O2`), and it is not
    /// merely the alphabetical key where a chemist's order differs (`FNa`, `Na2O4S`). Any other
    /// order a source chose (`NaAlO2`, `Na3V2(PO4)3`, `NaOH`) is kept.
    static func isReadableSpelling(_ text: String) -> Bool {
        // A "1" that is a whole amount: not part of a longer number (15, 0.1, 1.17). Checked before
        // the formula is read (either way the answer is no): most unit-cell spellings have one.
        if hasWholeOne(text) { return false }
        guard let formula = try? ChemicalFormula(text) else { return false }
        if text == formula.reducedKey { return text == formula.conventionalFormula }
        if formula.reductionFactor == 1 { return true }
        return FormulaConventions.pymatgenUnreducedFormulas[formula.conventionalFormula] == text
    }

    /// Whether `text` has a "1" that is a whole amount (neither digit nor "." on either side).
    /// An ASCII text (every imported formula so far) is read as bytes; any other as characters,
    /// where `isNumber` also knows the digits of other scripts.
    static func hasWholeOne(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            let characters = Array(text)
            for (i, c) in characters.enumerated() where c == "1" {
                let before = i > 0 ? characters[i - 1] : " ", after = i + 1 < characters.count ? characters[i + 1] : " "
                if !(before.isNumber || before == "."), !(after.isNumber || after == ".") { return true }
            }
            return false
        }
        func numeric(_ b: UInt8) -> Bool { (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: ".") }
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "1") {
            let before = i > 0 ? bytes[i - 1] : UInt8(ascii: " "), after = i + 1 < bytes.count ? bytes[i + 1] : UInt8(ascii: " ")
            if !numeric(before), !numeric(after) { return true }
        }
        return false
    }
}
