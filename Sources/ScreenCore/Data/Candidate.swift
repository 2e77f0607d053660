import ScreenNumerics
/// A material the tool can rank: a protective layer, host, alloy, seed or reference.
public struct Candidate: Sendable, Equatable {
    /// The id users type (`NaF`, `mp-682`; see `isValidID`).
    public let id: String
    /// A readable name (`Na₃P`, "sodium phosphide layer").
    public let name: String
    /// The chemical formula as given; nil for a composite or an organic layer without one.
    public let formula: String?
    /// What kind of candidate it is; a profile screens some categories.
    public let category: CandidateCategory
    /// What the source says about it, if anything.
    public let note: String?
    /// Where it came from: `file:line`, or nil when made in code.
    public let origin: String?

    /// A candidate as given; ids are checked where candidates are read (`isValidID`).
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
    /// ASCII letters, digits and `_ - . @ +`, not empty; checked on the bytes, since an import
    /// checks tens of thousands of ids.
    /// - Complexity: O(L) for L bytes.
    public static func isValidID(_ id: String) -> Bool {
        guard !id.isEmpty else { return false }
        for b in id.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "@"), UInt8(ascii: "+"):
                continue
            default:
                return false
            }
        }
        return true
    }
}
