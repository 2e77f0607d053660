import Foundation
import ScreenCore
import ScreenNumerics

/// `screen db check`: everything wrong or doubtful in a descriptor folder and its
/// database, in one report. Errors (unknown units, duplicate ids, values outside physical
/// bounds, dangling references) stop a build; warnings (a candidate with no measurements,
/// a measurement without a location) do not.
public struct ConsistencyCheck {
    public enum Severity: String, Sendable { case error, warning }
    public struct Finding: Sendable {
        public let severity: Severity
        public let message: String
    }

    public let findings: [Finding]
    public let filesRead: Int

    public init(folder: URL, store: DescriptorStore? = nil) {
        var problems: [InputError] = []
        let set = DescriptorSet.read(folder: folder, problems: &problems)
        problems += set.referenceProblems()
        var findings = problems.map { Finding(severity: .error, message: $0.description) }

        let measured = Set(set.measurements.map(\.candidate))
        let performed = Set(set.performance.compactMap(\.candidate))
        for c in set.candidates where !measured.contains(c.id) {
            let extra = performed.contains(c.id) ? " (it has performance records)" : ""
            findings.append(Finding(severity: .warning, message: "\(c.origin ?? c.id): candidate '\(c.id)' has no measurements\(extra)"))
        }
        if let store {
            let stored = (try? store.measurementCount()) ?? -1
            if stored != set.measurements.count {
                findings.append(Finding(severity: .warning,
                    message: "\(store.path): holds \(stored) measurements, the folder \(set.measurements.count) (user imports, or rebuild with `screen db build`)"))
            }
        }
        self.findings = findings
        self.filesRead = DescriptorFileKind.allCases.reduce(0) { n, kind in
            n + ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(kind.rawValue).path)) ?? [])
                .filter { $0.hasSuffix(".csv") }.count
        }
    }

    public var errors: [Finding] { findings.filter { $0.severity == .error } }
    public var warnings: [Finding] { findings.filter { $0.severity == .warning } }

    public func text() -> String {
        var out = findings.map { "\($0.severity.rawValue): \($0.message)" }.joined(separator: "\n")
        if !out.isEmpty { out += "\n" }
        return out + "\(filesRead) files checked: \(errors.count) errors, \(warnings.count) warnings\n"
    }

    public func json() -> JSONValue {
        .object([
            ("files", .integer(filesRead)),
            ("errors", .array(errors.map { .string($0.message) })),
            ("warnings", .array(warnings.map { .string($0.message) })),
        ])
    }
}

extension ConsistencyCheck: TextAndJSONOutput {}
