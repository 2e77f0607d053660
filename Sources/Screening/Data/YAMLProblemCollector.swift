import Yams

/// Walking a YAML tree while collecting every problem with its file and line, so that a user
/// sees all the mistakes of a profile or a mapping at once.
protocol YAMLProblemCollector {
    var file: String { get }
    var problems: [InputError] { get set }
}

extension YAMLProblemCollector {
    mutating func fail(_ node: Node?, _ key: String?, _ reason: String) {
        problems.append(InputError(file: file, line: node?.mark.map { $0.line }, field: key, reason))
    }

    /// The key–value pairs of a mapping node, in file order; nil when the node is not a mapping.
    func mapping(_ node: Node?) -> [(String, Node)]? {
        guard case .mapping(let m)? = node else { return nil }
        return m.compactMap { k, v in k.string.map { ($0, v) } }
    }

    func value(_ map: [(String, Node)], _ key: String) -> Node? { map.first { $0.0 == key }?.1 }
}
