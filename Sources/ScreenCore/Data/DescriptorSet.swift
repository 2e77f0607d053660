import Foundation
import ScreenNumerics

/// Candidates, measurements, performance records and phase links read from descriptor files,
/// before they go into the database.
public struct DescriptorSet: Sendable {
    /// Candidates, in file order.
    public var candidates: [Candidate] = []
    /// Measurements, in canonical units.
    public var measurements: [Measurement] = []
    /// Cell performance records.
    public var performance: [PerformanceRecord] = []
    /// Candidate → phase links.
    public var phases: [PhaseLink] = []

    /// An empty set.
    public init() {}

    /// Appends every record of `other` (no de-duplication; the database checks ids).
    /// - Complexity: O(k) for k records in `other`.
    public mutating func append(_ other: DescriptorSet) {
        candidates += other.candidates
        measurements += other.measurements
        performance += other.performance
        phases += other.phases
    }

    /// Reads every `*.csv` under `candidates/`, `measurements/`, `performance/` and `phases/` of a
    /// descriptor folder, in name order, collecting every problem rather than stopping at the first.
    /// - Complexity: O(L) for L bytes in all the files.
    public static func read(folder: URL, problems: inout [InputError]) -> DescriptorSet {
        var set = DescriptorSet()
        for kind in DescriptorFileKind.allCases {
            let dir = folder.appendingPathComponent(kind.rawValue)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            for name in names.filter({ $0.hasSuffix(".csv") }).sorted() {
                let url = dir.appendingPathComponent(name)
                set.append(parse(url, displayName: displayPath(url), kind: kind, problems: &problems))
            }
        }
        return set
    }

    /// Reads user files whose layout is recognised from their headers.
    /// - Complexity: O(L) for L bytes in all the files.
    public static func read(files: [URL], problems: inout [InputError]) -> DescriptorSet {
        var set = DescriptorSet()
        for url in files { set.append(parse(url, displayName: url.path, kind: nil, problems: &problems)) }
        return set
    }

    /// One file as `kind`, or (nil) as the layout its header matches; its problems are collected.
    private static func parse(_ url: URL, displayName: String, kind: DescriptorFileKind?, problems: inout [InputError]) -> DescriptorSet {
        do {
            let table = try CSVTable(contentsOf: url, displayName: displayName)
            guard let kind = kind ?? DescriptorFileKind.detect(header: table.header) else {
                problems.append(InputError(file: url.path, line: 1,
                    "header matches no descriptor layout (candidates: id,name,formula,category,note; measurements: candidate,property,value,unit,method,source,…; performance: table,candidate,…,lifespan,reference,…)"))
                return DescriptorSet()
            }
            return DescriptorParser.parse(table, as: kind, problems: &problems)
        } catch let e as InputError {
            problems.append(e)
        } catch {
            problems.append(InputError(file: url.path, "\(error)"))
        }
        return DescriptorSet()
    }

    /// Cross-record checks: duplicate candidate ids, and measurements or performance
    /// records naming a candidate that is neither here nor in `known`.
    /// - Complexity: O(c + m + p) for c candidates, m measurements and p other records.
    public func referenceProblems(known: Set<String> = []) -> [InputError] {
        var problems: [InputError] = []
        var seen: [String: Candidate] = [:]
        for c in candidates {
            if let first = seen[c.id] {
                problems.append(InputError(origin: c.origin ?? "candidates", field: "id",
                                           "duplicate candidate id '\(c.id)' (first defined at \(first.origin ?? "?"))"))
            } else if known.contains(c.id) {
                problems.append(InputError(origin: c.origin ?? "candidates", field: "id",
                                           "candidate id '\(c.id)' is already in the database"))
            }
            seen[c.id] = seen[c.id] ?? c
        }
        let all = known.union(seen.keys)
        for m in measurements where !all.contains(m.candidate) {
            problems.append(InputError(origin: m.origin, field: "candidate", "unknown candidate '\(m.candidate)' (define it in a candidates file)"))
        }
        for p in performance {
            if let c = p.candidate, !all.contains(c) {
                problems.append(InputError(origin: p.origin, field: "candidate", "unknown candidate '\(c)' (define it in a candidates file)"))
            }
        }
        for link in phases {
            for (field, id) in [("candidate", link.candidate), ("phase", link.phase)] where !all.contains(id) {
                problems.append(InputError(origin: link.origin, field: field, "unknown candidate '\(id)' (define it in a candidates file)"))
            }
        }
        problems += phaseCycles()
        return problems
    }

    /// Links that close a cycle (A's phase is B, B's phase is A, or A is its own phase): a value
    /// "from its phase" would then come from itself. One problem per cycle, on the link closing it.
    /// - Complexity: O(links) (depth-first search over the link graph).
    func phaseCycles() -> [InputError] {
        let next = Dictionary(grouping: phases, by: \.candidate)
        var state: [String: Int] = [:]   // 1: on the current path, 2: done
        var problems: [InputError] = []
        func visit(_ id: String, path: [String]) {
            state[id] = 1
            for link in next[id] ?? [] {
                switch state[link.phase] {
                case 1:
                    let cycle = (path.drop { $0 != link.phase } + [id, link.phase]).joined(separator: " → ")
                    problems.append(InputError(origin: link.origin, field: "phase", "phase links form a cycle (\(cycle)): a value from a phase would come from itself"))
                case nil: visit(link.phase, path: path + [id])
                default: break
                }
            }
            state[id] = 2
        }
        for link in phases where state[link.candidate] == nil { visit(link.candidate, path: []) }
        return problems
    }
}

extension InputError {
    /// An error at a `file:line` origin string.
    public init(origin: String, field: String?, _ reason: String) {
        if let colon = origin.lastIndex(of: ":"), let line = Int(origin[origin.index(after: colon)...]) {
            self.init(file: String(origin[..<colon]), line: line, field: field, reason)
        } else {
            self.init(file: origin, field: field, reason)
        }
    }
}

/// A path relative to the current directory when it lies below it, for shorter messages.
public func displayPath(_ url: URL) -> String {
    let cwd = FileManager.default.currentDirectoryPath + "/"
    let p = url.standardizedFileURL.path
    return p.hasPrefix(cwd) ? String(p.dropFirst(cwd.count)) : p
}
