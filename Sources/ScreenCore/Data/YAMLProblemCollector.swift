import Foundation
import Yams
import ScreenNumerics

/// Walking a YAML tree while collecting every problem with its file and line, so that a user
/// sees all the mistakes of a profile or a mapping at once.
public protocol YAMLProblemCollector {
    /// The file as named in errors.
    var file: String { get }
    /// Every problem found so far.
    var problems: [InputError] { get set }
}

extension YAMLProblemCollector {
    /// Records a problem at `node`'s line (none when nil) and `key`.
    public mutating func fail(_ node: Node?, _ key: String?, _ reason: String) {
        problems.append(InputError(file: file, line: node?.mark.map { $0.line }, field: key, reason))
    }

    /// The key–value pairs of a mapping node, in file order; nil when the node is not a mapping.
    /// - Complexity: O(k) for k pairs.
    public func mapping(_ node: Node?) -> [(String, Node)]? {
        guard case .mapping(let m)? = node else { return nil }
        return m.compactMap { k, v in k.string.map { ($0, v) } }
    }

    /// The value of `key` in a mapping's pairs (the first, if repeated), or nil.
    /// - Complexity: O(k) for k pairs.
    public func value(_ map: [(String, Node)], _ key: String) -> Node? { map.first { $0.0 == key }?.1 }
}

/// A YAML reader's error as an `InputError` with the line: for a key given twice, the lines of
/// both (Yams reports only the mapping), found in `text`.
/// - Complexity: O(L) for L characters of `text` (only for a duplicated key).
public func yamlInputError(_ e: YamlError, file: String, text: String) -> InputError {
    switch e {
    case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
        let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        return InputError(file: file, line: mark.line, "not valid YAML: \(what) (column \(mark.column))")
    case let .duplicatedKeysInMapping(duplicates, context):
        let key = duplicates.first ?? "?"
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().filter { _, line in
            line.range(of: "(^|[{,\\s-])\"?\(NSRegularExpression.escapedPattern(for: key))\"?\\s*:", options: .regularExpression) != nil
        }.map { $0.offset + 1 }
        if lines.count >= 2 {
            return InputError(file: file, line: lines[1], field: key, "appears twice in one mapping (lines \(lines[0]) and \(lines[1])); which one is meant?")
        }
        return InputError(file: file, line: context.mark.line, "not valid YAML: duplicated key \(duplicates.joined(separator: ", "))")
    default:
        return InputError(file: file, "not valid YAML: \(e)")
    }
}

