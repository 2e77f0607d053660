import Foundation
import ScreenCore
import ScreenNumerics

/// How strongly a difference `d` on one criterion makes one alternative preferred to another
/// in PROMETHEE: a value in [0, 1], 0 for `d ≤ 0` (Brans & Vincke 1985, the six generalised
/// criteria). The first five are pymcdm's `_PreferenceFunctions` (its `vshape_2` is `linear`).
///
/// Thresholds: `q` indifference (differences up to q do not count), `p` strict preference
/// (differences beyond p count fully), `s` the Gaussian's inflection point; all in the
/// criterion's units.
public enum PreferenceFunction: String, CaseIterable, Sendable {
    /// `d > 0 → 1`. No threshold.
    case usual
    /// `d > q → 1`. Needs q.
    case ushape
    /// `0 < d ≤ p → d/p`, `d > p → 1`. Needs p > 0.
    case vshape
    /// `q < d ≤ p → ½`, `d > p → 1`. Needs q ≤ p.
    case level
    /// `q < d ≤ p → (d − q)/(p − q)`, `d > p → 1` (pymcdm `vshape_2`). Needs q ≤ p.
    case linear
    /// `d > 0 → 1 − exp(−d²/2s²)`. Needs s > 0. Not in pymcdm 1.4.
    case gaussian

    /// Accepts the names above and pymcdm's `vshape_2` for `linear`.
    public init?(name: String) {
        let key = name.trimmingWhitespace().lowercased()
        if key == "vshape_2" { self = .linear; return }
        self.init(rawValue: key)
    }

    /// Which thresholds this function reads.
    public var usesQ: Bool { self == .ushape || self == .level || self == .linear }
    /// Whether the function reads the strict-preference threshold p.
    public var usesP: Bool { self == .vshape || self == .level || self == .linear }
    /// Whether the function reads the Gaussian parameter s.
    public var usesS: Bool { self == .gaussian }

    /// The preference degree for a difference `d` (already oriented: positive = better).
    /// - Complexity: O(1).
    public func degree(_ d: Double, q: Double, p: Double, s: Double) -> Double {
        switch self {
        case .usual: return d > 0 ? 1 : 0
        case .ushape: return d > q ? 1 : 0
        case .vshape: return d > p ? 1 : (d > 0 ? d / p : 0)
        case .level: return d > p ? 1 : (d > q ? 0.5 : 0)
        case .linear: return d > p ? 1 : (d > q ? (d - q) / (p - q) : 0)
        case .gaussian: return d > 0 ? 1 - exp(-(d * d) / (2 * s * s)) : 0
        }
    }
}
