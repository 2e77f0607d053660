/// A material the tool can rank: a protective layer, host, alloy, seed or reference.
public struct Candidate: Sendable, Equatable {
    public let id: String
    public let name: String
    public let formula: String?
    public let category: CandidateCategory
    public let note: String?
    /// Where it came from: `file:line`, or nil when made in code.
    public let origin: String?

    public init(id: String, name: String, formula: String?, category: CandidateCategory, note: String?,
                origin: String? = nil) {
        self.id = id
        self.name = name
        self.formula = formula
        self.category = category
        self.note = note
        self.origin = origin
    }

    /// Ids are what users type on the command line, so they stay plain ASCII.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { s in
            s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || "_-.@+".unicodeScalars.contains(s))
        }
    }
}
