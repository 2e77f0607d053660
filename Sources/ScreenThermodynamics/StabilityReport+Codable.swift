import ScreenCore

// The stability reports as a shard writes them and `screen merge` reads them back: every number
// as JSON writes a Double (shortest text that reads back to the same bits), so the merged output
// is the unsharded output byte for byte. The plain parts (`StabilityReport.Part`,
// `ElementProfileStep`, `OpenElementReaction`) take the compiler's Codable conformance, declared
// with them; the reports and profiles, whose JSON differs from their properties, are written here.

extension OpenElementProfile: Codable {
    enum CodingKeys: String, CodingKey { case steps, windowLow = "window_low", windowHigh = "window_high" }
    /// Reads a profile as a shard wrote it: `steps`, and the window from `window_low` and
    /// `window_high` — no window without `window_low`; an open-ended window without `window_high`.
    /// - Throws: `DecodingError` when a key is missing or holds the wrong type.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let low = try c.decodeIfPresent(Double.self, forKey: .windowLow)
        let high = try c.decodeIfPresent(Double.self, forKey: .windowHigh)
        self.init(steps: try c.decode([ElementProfileStep].self, forKey: .steps), window: low.map { (low: $0, high: high) })
    }
    /// Writes `steps`, and `window_low`/`window_high` only for the bounds that exist.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(steps, forKey: .steps)
        try c.encodeIfPresent(window?.low, forKey: .windowLow)
        try c.encodeIfPresent(window?.high, forKey: .windowHigh)
    }
}

extension StabilityReport: Codable {
    enum CodingKeys: String, CodingKey {
        case formula, entry, formationEnergy = "formation_energy", energyAboveHull = "energy_above_hull", decomposition
        case isStable = "stable", openElement = "open_element", profile, reaction
    }
    /// Reads a report as a shard wrote it (snake_case keys); `entry`, `formation_energy` and
    /// `energy_above_hull` may be absent (nil), every other key is required.
    /// - Throws: `DecodingError` when a key is missing or holds the wrong type.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(formula: try c.decode(String.self, forKey: .formula), entry: try c.decodeIfPresent(String.self, forKey: .entry),
                  formationEnergy: try c.decodeIfPresent(Double.self, forKey: .formationEnergy),
                  energyAboveHull: try c.decodeIfPresent(Double.self, forKey: .energyAboveHull),
                  decomposition: try c.decode([Part].self, forKey: .decomposition), isStable: try c.decode(Bool.self, forKey: .isStable),
                  openElement: try c.decode(String.self, forKey: .openElement), profile: try c.decode(OpenElementProfile.self, forKey: .profile),
                  reaction: try c.decode(OpenElementReaction.self, forKey: .reaction))
    }
    /// Writes every field under its snake_case key, leaving out the nil optional ones.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(formula, forKey: .formula)
        try c.encodeIfPresent(entry, forKey: .entry)
        try c.encodeIfPresent(formationEnergy, forKey: .formationEnergy)
        try c.encodeIfPresent(energyAboveHull, forKey: .energyAboveHull)
        try c.encode(decomposition, forKey: .decomposition)
        try c.encode(isStable, forKey: .isStable)
        try c.encode(openElement, forKey: .openElement)
        try c.encode(profile, forKey: .profile)
        try c.encode(reaction, forKey: .reaction)
    }
}
