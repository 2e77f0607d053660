import Foundation
import ScreenCore
import ScreenNumerics

/// The volume change of an alloy coating on sodiation (section 4.1 of the review: the volume
/// change of Na–Sn and Na–Pb on alloying cracks the coating, Na–Au's smaller one does not, [163]),
/// derived at `db build` from crystal structures listed in `structures/sodiation-pairs.csv`:
///
///     ΔV/V₀ = V(phase) / n_host(phase) ÷ V(host) / n_host(host) − 1
///
/// (cell volume per host atom of the Na-rich phase over the host crystal's volume per atom), a
/// fraction (unit "1": 3.97 means the coating grows to 4.97 times its volume). The per-Na figure
/// ΔV/V₀ ÷ x, x = Na per host atom of the phase, is stored as its own property
/// `volume_change_per_na`.
///
/// Each row of the pairs file names the host's structure, a sodiated phase with a structure,
/// and the most sodiated phase of the system (from the review or the convex hull). When the
/// structure is of that phase, the value is "derived". When it is not (no structure of Na2Au,
/// Na15Pb4 or Na2In is available), `volume_change_on_sodiation` is an "estimate": the per-Na
/// change of the phase with a structure times the Na content of the most sodiated phase (volume
/// linear in Na content), and the conditions say so and which way it is likely off.
///
/// Values go to the candidates whose formula has the composition of the most sodiated phase
/// (Na15Sn4, Na2Au, …; coatings such as "Sn coating" reach them through phase links); when no
/// candidate has it (NaAg2, Na2In), to the candidates whose formula is the host element. Every
/// value's conditions name both volumes, their files and codes, and warn when the codes differ.
/// Such a candidate without a stored Na uptake gets `na_uptake_per_host_atom` from the phase's
/// formula (derived).
enum DerivedVolumeChange {
    static let pairsFileName = "sodiation-pairs.csv"
    static let derivedMethod = "derived: ΔV/V0 = V(sodiated phase per host atom) / V(host per atom) − 1 from crystal structures"
    static let estimateMethod = "estimate: ΔV/V0 per Na from a phase with a structure × Na per host atom of the most sodiated phase"
    static let perNaMethod = "derived: (ΔV/V0) / (Na per host atom) from crystal structures"
    static let uptakeMethod = "derived: Na per host atom from the formula of the most sodiated phase"

    /// One row of the pairs file, its structures read.
    struct Pair: Sendable {
        let host: String
        let phase: ChemicalFormula
        let target: ChemicalFormula
        let hostCrystal: CrystalVolume
        let phaseCrystal: CrystalVolume
        let basis: String
        let note: String?
        let origin: String
        let line: Int

        var hostVolume: Double { hostCrystal.volume(perAtomOf: host)! }
        var phaseVolumePerHost: Double { phaseCrystal.volume(perAtomOf: host)! }
        /// Na per host atom of the phase with a structure (from the structure's atom counts).
        var naPerHost: Double { (phaseCrystal.counts["Na"] ?? 0) / phaseCrystal.counts[host]! }
        /// ΔV/V₀ of the host on sodiation to the phase with a structure.
        var change: Double { phaseVolumePerHost / hostVolume - 1 }
        var changePerNa: Double { change / naPerHost }
        /// Na per host atom of the most sodiated phase (from its formula).
        var targetNaPerHost: Double { target.amount(of: "Na") / target.amount(of: host) }
        var isTarget: Bool { DerivedVolumeChange.sameComposition(phase, target) }
        var targetChange: Double { isTarget ? change : changePerNa * targetNaPerHost }
    }

    /// Reads the pairs file and the structures it names; nothing when the folder has no pairs file.
    static func pairs(structuresFolder folder: URL) throws -> [Pair] {
        let url = folder.appendingPathComponent(pairsFileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let table = try CSVTable(contentsOf: url, displayName: displayPath(url))
        let cols = try ["host", "host_structure", "phase", "phase_structure", "most_sodiated_phase", "basis", "note"].map { try table.column($0) }
        var dcdft: [String: [String: Double]] = [:]
        var mpWanted: [String: Set<String>] = [:]
        // First pass: which Materials Project ids each file must give (each file is read once).
        for r in table.records {
            for ref in [r.fields[cols[1]], r.fields[cols[3]]] {
                let (path, key) = split(ref)
                if path.hasSuffix(".json.gz") || (path.hasSuffix(".json") && key?.hasPrefix("mp-") == true) {
                    guard let key else { throw InputError(file: table.file, line: r.line, field: "structure", "'\(ref)' names no mp id after #") }
                    mpWanted[path, default: []].insert(key)
                }
            }
        }
        var mp: [String: [String: CrystalVolume]] = [:]
        for (path, ids) in mpWanted.sorted(by: { $0.key < $1.key }) {
            let u = folder.appendingPathComponent(path).standardized
            mp[path] = try MaterialsProjectStructures.read(url: u, file: displayPath(u), ids: ids)
        }
        func crystal(_ ref: String, line: Int, field: String) throws -> CrystalVolume {
            let (path, key) = split(ref)
            let u = folder.appendingPathComponent(path).standardized
            if let key, let byId = mp[path] {
                return byId[key]!
            }
            guard FileManager.default.fileExists(atPath: u.path) else {
                throw InputError(file: table.file, line: line, field: field, "no file \(displayPath(u))")
            }
            if path.hasSuffix(".res") {
                return try SHELXRes.read(text: try String(contentsOf: u, encoding: .utf8), file: displayPath(u))
            }
            if path.hasSuffix(".json"), let key {
                if dcdft[path] == nil { dcdft[path] = try DeltaTestVolumes.read(data: try Data(contentsOf: u), file: displayPath(u)) }
                guard let c = DeltaTestVolumes.crystal(key, in: dcdft[path]!, file: displayPath(u)) else {
                    throw InputError(file: table.file, line: line, field: field, "\(displayPath(u)) has no element \(key)")
                }
                return c
            }
            throw InputError(file: table.file, line: line, field: field,
                             "'\(ref)' is neither a .res file, dcdft.json#Element nor a Materials Project file#mp-id")
        }
        var out: [Pair] = []
        for r in table.records {
            let f = { (i: Int) in r.fields[cols[i]].trimmingWhitespace() }
            let host = f(0)
            guard ChemicalElements.isSymbol(host), host != "Na" else {
                throw InputError(file: table.file, line: r.line, field: "host", "'\(host)' is not a host element symbol")
            }
            func formula(_ i: Int, _ field: String) throws -> ChemicalFormula {
                guard let p = try? ChemicalFormula(f(i)), Set(p.amounts.keys) == ["Na", host] else {
                    throw InputError(file: table.file, line: r.line, field: field, "'\(f(i))' is not a formula of Na and \(host)")
                }
                return p
            }
            let phase = try formula(2, "phase"), target = try formula(4, "most_sodiated_phase")
            let hostCrystal = try crystal(f(1), line: r.line, field: "host_structure")
            guard Set(hostCrystal.counts.keys) == [host] else {
                throw InputError(file: table.file, line: r.line, field: "host_structure", "\(hostCrystal.origin) is not a crystal of \(host) alone")
            }
            let phaseCrystal = try crystal(f(3), line: r.line, field: "phase_structure")
            let cellFormula = try ChemicalFormula(phaseCrystal.counts.keys.sorted().map { $0 + ChemicalFormula.formatAmount(phaseCrystal.counts[$0]!) }.joined())
            guard sameComposition(cellFormula, phase) else {
                throw InputError(file: table.file, line: r.line, field: "phase_structure",
                                 "\(phaseCrystal.origin) holds \(cellFormula), not the composition of \(phase)")
            }
            out.append(Pair(host: host, phase: phase, target: target, hostCrystal: hostCrystal, phaseCrystal: phaseCrystal,
                            basis: f(5), note: f(6).isEmpty ? nil : f(6), origin: "\(table.file):\(r.line)", line: r.line))
        }
        return out
    }

    /// The derived values for the candidates of `set` (at `db build`).
    static func measurements(for set: DescriptorSet, structuresFolder: URL) throws -> [Measurement] {
        let pairs = try pairs(structuresFolder: structuresFolder)
        var out: [Measurement] = []
        for pair in pairs {
            func matching(_ f: ChemicalFormula) -> [Candidate] {
                set.candidates.filter { c in c.formula.flatMap { try? ChemicalFormula($0) }.map { sameComposition($0, f) } ?? false }
            }
            var holders = matching(pair.target)
            let onHost = holders.isEmpty
            if onHost { holders = set.candidates.filter { $0.formula == pair.host } }
            for c in holders {
                out += measurements(pair, candidate: c.id, onHost: onHost)
                let hasUptake = set.measurements.contains { $0.candidate == c.id && $0.property == "na_uptake_per_host_atom" }
                if !hasUptake { out.append(uptake(pair, candidate: c.id)) }
            }
        }
        return out
    }

    static func measurements(_ p: Pair, candidate: String, onHost: Bool) -> [Measurement] {
        let h = p.host
        var volumes = "V0 = \(formatNumber(p.hostVolume)) Å3 per \(h) atom (\(h), \(p.hostCrystal.origin); \(p.hostCrystal.code)); "
            + "V = \(formatNumber(p.phaseVolumePerHost)) Å3 per \(h) atom (\(p.phase), \(p.phaseCrystal.origin); \(p.phaseCrystal.code)); "
            + "\(formatNumber(p.naPerHost)) Na per \(h)"
        if p.hostCrystal.code != p.phaseCrystal.code {
            volumes += "; warning: the two volumes come from different codes (\(p.hostCrystal.code) vs \(p.phaseCrystal.code)), whose equilibrium volumes differ by a few per cent"
        }
        let basis = "most sodiated phase \(p.target): \(p.basis)" + (p.note.map { "; \($0)" } ?? "")
        let target = p.isTarget ? "" :
            "; ΔV/V0(\(p.phase)) = \(formatNumber(p.change)) = \(formatNumber(p.changePerNa)) per Na, scaled to \(p.target) (\(formatNumber(p.targetNaPerHost)) Na per \(h)) assuming the volume grows linearly with Na content"
            + (p.naPerHost < p.targetNaPerHost
               ? "; likely an underestimate: along the same-code Na-Sn series of structures/ the per-Na change grows with Na content (see structures/README.md)"
               : "; \(p.phase) holds more Na than \(p.target), so this is an interpolation")
        let place = onHost ? "; stored on the host: no candidate has the composition of \(p.target)" : ""
        let source = "\(p.hostCrystal.origin.components(separatedBy: " (").first!) + \(p.phaseCrystal.origin.components(separatedBy: " (").first!) (structures; \(p.basis.components(separatedBy: ";").first!))"
        func m(_ property: String, _ value: Double, _ method: String, _ conditions: String, _ note: String) -> Measurement {
            Measurement(candidate: candidate, property: property, value: value, uncertainty: nil, rangeLow: nil, rangeHigh: nil,
                        qualifier: nil, valueFromRange: false, valueAsGiven: value, uncertaintyAsGiven: nil,
                        rangeLowAsGiven: nil, rangeHighAsGiven: nil, unitAsGiven: "1", method: method, conditions: conditions,
                        conventionAsGiven: nil, source: source, location: "structures/\(pairsFileName) line \(p.line)",
                        note: note, origin: "\(p.origin) (derived)")
        }
        return [
            m("volume_change_on_sodiation", p.targetChange, p.isTarget ? derivedMethod : estimateMethod,
              "\(h) → \(p.target): " + volumes + target + "; " + basis + place,
              p.isTarget ? "derived value (DFT-PBE structures)" : "estimated value: no structure of \(p.target) available"),
            m("volume_change_per_na", p.changePerNa, perNaMethod, "\(h) → \(p.phase): " + volumes + "; " + basis + place,
              "derived value (DFT-PBE structures), per Na taken up per \(h) atom in \(p.phase)"),
        ]
    }

    static func uptake(_ p: Pair, candidate: String) -> Measurement {
        let x = p.targetNaPerHost
        return Measurement(candidate: candidate, property: "na_uptake_per_host_atom", value: x, uncertainty: nil, rangeLow: nil, rangeHigh: nil,
                           qualifier: nil, valueFromRange: false, valueAsGiven: x, uncertaintyAsGiven: nil,
                           rangeLowAsGiven: nil, rangeHighAsGiven: nil, unitAsGiven: "1", method: uptakeMethod,
                           conditions: "\(p.target): \(formatNumber(p.target.amount(of: "Na"))) Na / \(formatNumber(p.target.amount(of: p.host))) \(p.host)",
                           conventionAsGiven: nil, source: p.basis.components(separatedBy: ";").first!,
                           location: "structures/\(pairsFileName) line \(p.line)", note: "derived from the formula of the most sodiated phase",
                           origin: "\(p.origin) (derived)")
    }

    /// Equal atomic fractions (relative tolerance 1e-9): NaAu2 and Na2Au4 are one composition.
    static func sameComposition(_ a: ChemicalFormula, _ b: ChemicalFormula) -> Bool {
        Set(a.amounts.keys) == Set(b.amounts.keys)
            && a.amounts.keys.allSatisfy { abs(a.atomicFraction(of: $0) - b.atomicFraction(of: $0)) <= 1e-9 }
    }

    /// "dcdft.json#Au" → ("dcdft.json", "Au"); "Sn-Collo.res" → ("Sn-Collo.res", nil).
    static func split(_ ref: String) -> (String, String?) {
        let t = ref.trimmingWhitespace()
        guard let i = t.lastIndex(of: "#") else { return (t, nil) }
        return (String(t[..<i]), String(t[t.index(after: i)...]))
    }
}
