import ScreenNumerics
/// The kinds of candidate the review compares; a profile screens one or several.
public enum CandidateCategory: String, CaseIterable, Sendable, Comparable {
    /// An inorganic SEI component or artificial layer (NaF, Na₃P, Al₂O₃).
    case seiInorganic = "sei_inorganic"
    /// An organic SEI or polymer layer.
    case seiOrganic = "sei_organic"
    /// An organic–inorganic hybrid layer.
    case seiHybrid = "sei_hybrid"
    /// An electrolyte additive, salt or solvent whose decomposition forms an SEI (4-APD, PFMP,
    /// FEC, NaPF6, an ionic liquid); not a layer itself, so no SEI profile ranks it. The SEI it
    /// forms is its own candidate (`4-APD-SEI`, `PFMP-SEI`).
    case electrolyteAdditive = "electrolyte_additive"
    /// A metal-based 3D host (porous Al, Cu/Zn, Cu/SnO₂).
    case hostMetal = "host_metal"
    /// A carbon 3D host (carbon fibres and cloths, doped graphene).
    case hostCarbon = "host_carbon"
    /// A composite 3D host (MoN@CNF, Cu₂NiZn@CNT, MXene composites).
    case hostComposite = "host_composite"
    /// An alloy interphase or sodiated alloy phase (Na–Sn, Na–Au, NaZn₁₃).
    case alloy
    /// A nanoparticle seed for nucleation.
    case nanoparticle
    /// A single-atom catalyst.
    case sac
    /// A reference material (sodium metal itself, bare Cu).
    case reference
    /// A compound imported from a computed database (Materials Project, one's own DFT runs),
    /// not classified by the review.
    case computed

    /// Declaration order (the order tables list categories in).
    public static func < (a: Self, b: Self) -> Bool {
        // Every case is in `allCases`.
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
