/// The kinds of candidate the review compares; a profile screens one or several.
public enum CandidateCategory: String, CaseIterable, Sendable, Comparable {
    case seiInorganic = "sei_inorganic"
    case seiOrganic = "sei_organic"
    case seiHybrid = "sei_hybrid"
    case hostMetal = "host_metal"
    case hostCarbon = "host_carbon"
    case hostComposite = "host_composite"
    case alloy
    case nanoparticle
    case sac
    case reference
    /// A compound imported from a computed database (Materials Project, one's own DFT runs),
    /// not classified by the review.
    case computed

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
