import Foundation
import ScreenStore

/// A stability report as stored beside the stability descriptors (`DescriptorStore`'s
/// `stability_reports`), read back: the stored text is one entry of `screen stability --format json`
/// (`StabilityOutput.json`), so an SQL reader sees the layout the README documents. This reads the
/// fields a report of a screening shows, and the reduction onset from the profile steps (so that a
/// text stored before `reduction_onset` was written reads the same); the decomposition stays in the text.
public struct StoredStabilityEntry: Decodable, Sendable {
    /// A stability window vs the open element's metal (V); `high` nil when open above.
    public struct Window: Decodable, Sendable {
        /// The reduction limit (0 when stable against the metal).
        public let low: Double
        /// The oxidation limit; nil when nothing above `low` decomposes the compound.
        public let high: Double?

        enum CodingKeys: String, CodingKey { case low, high }

        /// Both keys must be there; `high` may be null.
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            low = try c.decode(Double.self, forKey: .low)
            high = try c.decode(Double?.self, forKey: .high)
        }
    }

    /// eV/atom above the hull; nil when no entry has the composition.
    public let energyAboveHull: Double?
    /// The window; nil when the composition is not on its hull.
    public let window: Window?
    /// The phases in equilibrium with the open element's metal.
    public let productsAtOpenElement: [String]
    /// The most favourable reaction energy with the metal, eV per atom of the mixture (0: none).
    public let reactionEnergy: Double
    /// The products of that reaction (empty when none).
    public let reactionProducts: [String]
    /// Atom fraction of the compound at that reaction's minimum; 0 when there is no reaction (the
    /// text has null then, as `OpenElementReaction` has 0).
    public let reactionMixingRatio: Double
    /// The highest voltage at which the composition (or the phases it decomposes into) takes up the
    /// open element; 0 when the metal does not reduce it (`OpenElementProfile.reductionOnset(of:)`
    /// of the stored profile steps).
    public let reductionOnset: Double

    /// A stored profile step: what the onset needs of it.
    private struct Step: Decodable {
        let voltage: Double
        let evolution: Double
    }

    enum CodingKeys: String, CodingKey {
        case energyAboveHull = "e_above_hull", window, productsAtOpenElement = "products_at_open_element"
        case reactionEnergy = "reaction_energy_with_open_element", reactionProducts = "reaction_products"
        case reactionMixingRatio = "reaction_mixing_ratio", profile
    }

    /// Reads the fields above and the profile's voltages and evolutions; `e_above_hull`, `window`,
    /// `window.high` and `reaction_mixing_ratio` may be null.
    /// - Throws: `DecodingError` when a key is missing or holds the wrong type (a null is read as
    ///   nil, a missing key is not: `screen stability` writes every key).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        energyAboveHull = try c.decode(Double?.self, forKey: .energyAboveHull)
        window = try c.decode(Window?.self, forKey: .window)
        productsAtOpenElement = try c.decode([String].self, forKey: .productsAtOpenElement)
        reactionEnergy = try c.decode(Double.self, forKey: .reactionEnergy)
        reactionProducts = try c.decode([String].self, forKey: .reactionProducts)
        reactionMixingRatio = try c.decode(Double?.self, forKey: .reactionMixingRatio) ?? 0
        reductionOnset = OpenElementProfile.reductionOnset(of: try c.decode([Step].self, forKey: .profile).map {
            ElementProfileStep(voltage: $0.voltage, evolution: $0.evolution, products: [])
        })
    }

    /// The entry stored as `json`.
    /// - Throws: `DecodingError` for a text that is not such an entry.
    /// - Complexity: O(length of the text).
    public init(json: String) throws {
        self = try JSONDecoder().decode(Self.self, from: Data(json.utf8))
    }

    /// The text stored for `report`: its entry of `screen stability --format json`, on one line.
    /// - Complexity: O(s) for a profile of s steps.
    public static func json(of report: StabilityReport) -> String {
        StabilityOutput.json(report).renderedCompact()
    }
}
