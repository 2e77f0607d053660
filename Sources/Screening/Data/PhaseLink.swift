/// "The active surface of this candidate is that phase": a host or coating whose
/// sodiophilic sites are another candidate's (Cu/Zn becomes NaZn13; MoN@CNFs binds Na on
/// MoN). A candidate may take descriptors it lacks from its phases, openly marked as such,
/// because the literature computes descriptors on the phase and measures performance on
/// the host.
public struct PhaseLink: Sendable, Equatable {
    public let candidate: String
    public let phase: String
    public let source: String
    public let location: String?
    public let note: String?
    public let origin: String
}
