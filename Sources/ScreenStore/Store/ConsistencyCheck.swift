import Foundation
import ScreenCore
import ScreenNumerics

/// `screen db check`: everything wrong or doubtful in a descriptor folder and its
/// database, in one report. Errors (unknown units, duplicate ids, values outside physical
/// bounds, dangling references) stop a build; warnings (a candidate with no measurements,
/// a measurement without a location) do not.
public struct ConsistencyCheck {
    /// An error stops a build; a warning does not.
    public enum Severity: String, Sendable { case error, warning }
    /// One thing found wrong or doubtful.
    public struct Finding: Sendable {
        /// Whether it stops a build.
        public let severity: Severity
        /// What is wrong, and the file (or database) it is in.
        public let message: String
    }

    /// Everything found: first the errors in the files, then the warnings.
    public let findings: [Finding]
    /// How many CSV files the descriptor folder's table folders hold.
    public let filesRead: Int

    /// Checks `folder`, and with `store` that the database holds as many measurements as the folder.
    /// Does not throw: what cannot be read is reported as a finding.
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

    /// The findings that stop a build.
    public var errors: [Finding] { findings.filter { $0.severity == .error } }
    /// The findings that do not.
    public var warnings: [Finding] { findings.filter { $0.severity == .warning } }

    /// One line per finding ("error: …", "warning: …"), then the files checked and the counts.
    public func text() -> String {
        var out = findings.map { "\($0.severity.rawValue): \($0.message)" }.joined(separator: "\n")
        if !out.isEmpty { out += "\n" }
        return out + "\(filesRead) files checked: \(errors.count) errors, \(warnings.count) warnings\n"
    }

    /// The files checked and the messages of the errors and of the warnings, as one JSON object.
    public func json() -> JSONValue {
        .object([
            ("files", .integer(filesRead)),
            ("errors", .array(errors.map { .string($0.message) })),
            ("warnings", .array(warnings.map { .string($0.message) })),
        ])
    }
}

extension ConsistencyCheck: TextAndJSONOutput {}
