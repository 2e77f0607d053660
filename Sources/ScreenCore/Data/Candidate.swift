import ScreenNumerics
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
    /// ASCII letters, digits and `_ - . @ +`, not empty; checked on the bytes, since an import
    /// checks tens of thousands of ids.
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
