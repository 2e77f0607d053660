import ScreenCore

// The stability reports as a shard writes them and `screen merge` reads them back: every number
// as JSON writes a Double (shortest text that reads back to the same bits), so the merged output
// is the unsharded output byte for byte.

extension StabilityReport.Part: Codable {
    enum CodingKeys: String, CodingKey { case formula, fraction }
    /// Reads a part as a shard wrote it: `formula` and `fraction`.
    /// - Throws: `DecodingError` when a key is missing or holds the wrong type.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(formula: try c.decode(String.self, forKey: .formula), fraction: try c.decode(Double.self, forKey: .fraction))
    }
    /// Writes `formula` and `fraction` (the fraction as a Double that reads back to the same bits).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(formula, forKey: .formula)
        try c.encode(fraction, forKey: .fraction)
    }
}

extension ElementProfileStep: Codable {
    enum CodingKeys: String, CodingKey { case voltage, evolution, products }
    /// Reads a profile step as a shard wrote it: `voltage`, `evolution`, `products`.
    /// - Throws: `DecodingError` when a key is missing or holds the wrong type.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(voltage: try c.decode(Double.self, forKey: .voltage), evolution: try c.decode(Double.self, forKey: .evolution),
                  products: try c.decode([String].self, forKey: .products))
    }
    /// Writes `voltage`, `evolution` and `products`, numbers as Doubles that read back to the same bits.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(voltage, forKey: .voltage)
        try c.encode(evolution, forKey: .evolution)
        try c.encode(products, forKey: .products)
    }
}

extension OpenElementReaction: Codable {
    enum CodingKeys: String, CodingKey { case energy, mixingRatio = "mixing_ratio", products }
    /// Reads a reaction as a shard wrote it: `energy`, `mixing_ratio`, `products`.
    /// - Throws: `DecodingError` when a key is missing or holds the wrong type.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(energy: try c.decode(Double.self, forKey: .energy), mixingRatio: try c.decode(Double.self, forKey: .mixingRatio),
                  products: try c.decode([String].self, forKey: .products))
    }
    /// Writes `energy`, `mixing_ratio` and `products`, numbers as Doubles that read back to the same bits.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(energy, forKey: .energy)
        try c.encode(mixingRatio, forKey: .mixingRatio)
        try c.encode(products, forKey: .products)
    }
}

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
