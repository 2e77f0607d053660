import ScreenCore

// The stability reports as a shard writes them and `screen merge` reads them back: every number
// as JSON writes a Double (shortest text that reads back to the same bits), so the merged output
// is the unsharded output byte for byte.

extension StabilityReport.Part: Codable {
    enum CodingKeys: String, CodingKey { case formula, fraction }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(formula: try c.decode(String.self, forKey: .formula), fraction: try c.decode(Double.self, forKey: .fraction))
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(formula, forKey: .formula)
        try c.encode(fraction, forKey: .fraction)
    }
}

extension ElementProfileStep: Codable {
    enum CodingKeys: String, CodingKey { case voltage, evolution, products }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(voltage: try c.decode(Double.self, forKey: .voltage), evolution: try c.decode(Double.self, forKey: .evolution),
                  products: try c.decode([String].self, forKey: .products))
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(voltage, forKey: .voltage)
        try c.encode(evolution, forKey: .evolution)
        try c.encode(products, forKey: .products)
    }
}

extension OpenElementReaction: Codable {
    enum CodingKeys: String, CodingKey { case energy, mixingRatio = "mixing_ratio", products }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(energy: try c.decode(Double.self, forKey: .energy), mixingRatio: try c.decode(Double.self, forKey: .mixingRatio),
                  products: try c.decode([String].self, forKey: .products))
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(energy, forKey: .energy)
        try c.encode(mixingRatio, forKey: .mixingRatio)
        try c.encode(products, forKey: .products)
    }
}

extension OpenElementProfile: Codable {
    enum CodingKeys: String, CodingKey { case steps, windowLow = "window_low", windowHigh = "window_high" }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let low = try c.decodeIfPresent(Double.self, forKey: .windowLow)
        let high = try c.decodeIfPresent(Double.self, forKey: .windowHigh)
        self.init(steps: try c.decode([ElementProfileStep].self, forKey: .steps), window: low.map { (low: $0, high: high) })
    }
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
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(formula: try c.decode(String.self, forKey: .formula), entry: try c.decodeIfPresent(String.self, forKey: .entry),
                  formationEnergy: try c.decodeIfPresent(Double.self, forKey: .formationEnergy),
                  energyAboveHull: try c.decodeIfPresent(Double.self, forKey: .energyAboveHull),
                  decomposition: try c.decode([Part].self, forKey: .decomposition), isStable: try c.decode(Bool.self, forKey: .isStable),
                  openElement: try c.decode(String.self, forKey: .openElement), profile: try c.decode(OpenElementProfile.self, forKey: .profile),
                  reaction: try c.decode(OpenElementReaction.self, forKey: .reaction))
    }
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
