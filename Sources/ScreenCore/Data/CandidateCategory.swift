import ScreenNumerics
/// The kinds of candidate the review compares; a profile screens one or several.
public enum CandidateCategory: String, CaseIterable, Sendable, Comparable {
    case seiInorganic = "sei_inorganic"
    case seiOrganic = "sei_organic"
    case seiHybrid = "sei_hybrid"
    /// An electrolyte additive, salt or solvent whose decomposition forms an SEI (4-APD, PFMP,
    /// FEC, NaPF6, an ionic liquid); not a layer itself, so no SEI profile ranks it. The SEI it
    /// forms is its own candidate (`4-APD-SEI`, `PFMP-SEI`).
    case electrolyteAdditive = "electrolyte_additive"
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
