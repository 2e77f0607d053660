import ScreenNumerics
/// "The active surface of this candidate is that phase": a host or coating whose
/// sodiophilic sites are another candidate's (Cu/Zn becomes NaZn13; MoN@CNFs binds Na on
/// MoN). A candidate may take descriptors it lacks from its phases, openly marked as such,
/// because the literature computes descriptors on the phase and measures performance on
/// the host.
public struct PhaseLink: Sendable, Equatable {
    /// The host or coating.
    public let candidate: String
    /// The candidate whose descriptors describe its active surface.
    public let phase: String
    /// The review's reference for the link.
    public let source: String
    /// Where the review says so.
    public let location: String?
    /// A remark on the link.
    public let note: String?
    /// Where it came from: `file:line`.
    public let origin: String

    /// Every stored property, in declaration order (the memberwise initialiser, made public for the later stages).
    public init(candidate: String, phase: String, source: String, location: String?, note: String?, origin: String) {
        self.candidate = candidate
        self.phase = phase
        self.source = source
        self.location = location
        self.note = note
        self.origin = origin
    }
}
