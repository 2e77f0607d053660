import Foundation
import ScreenNumerics

/// A unit a value may be given in, with its linear conversion to the property's
/// canonical unit (`canonical = value × factor`).
///
/// Only linear conversions occur among descriptor units, so one factor is enough and the
/// inverse is exact up to rounding.
public struct Unit: Hashable, Sendable {
    /// The ASCII spelling used in CSV files and output (`mS/cm`, `eV/A2`).
    public let symbol: String
    /// Multiply a value in this unit by `factor` to get the canonical unit.
    public let factor: Double

    /// A unit with its factor to the canonical unit (1 for the canonical unit itself).
    public init(_ symbol: String, factor: Double = 1) {
        self.symbol = symbol
        self.factor = factor
    }

    /// `value × factor`.
    public func toCanonical(_ value: Double) -> Double { value * factor }
    /// `value / factor`.
    public func fromCanonical(_ value: Double) -> Double { value / factor }
}

/// Physical constants (CODATA 2018 exact values) behind the energy conversions.
enum PhysicalConstant {
    static let elementaryCharge = 1.602176634e-19     // C
    static let avogadro = 6.02214076e23               // 1/mol
    static let faraday = elementaryCharge * avogadro  // C/mol
    static let thermochemicalCalorie = 4.184          // J
}

extension Unit {
    /// 1 kJ/mol per particle, in eV.
    static let kJPerMolInEV = 1000 / PhysicalConstant.faraday
    /// 1 kcal/mol per particle, in eV.
    static let kcalPerMolInEV = 1000 * PhysicalConstant.thermochemicalCalorie / PhysicalConstant.faraday
    /// 1 eV/Å² in J/m².
    static let eVPerSquareAngstromInJPerSquareMetre = PhysicalConstant.elementaryCharge / 1e-20

    /// Normalises the common typographic spellings (`mS·cm⁻¹`, `Å`, `μm`, `Ω`) to the
    /// ASCII catalogue spellings, so a user's `eV·Å⁻²` is recognised as `eV/A2`.
    static func normalisedSpelling(_ raw: String) -> String {
        var s = raw.trimmingWhitespace()
        let replacements: [(String, String)] = [
            ("·cm⁻²", "/cm2"), ("·cm⁻¹", "/cm"), ("·s⁻¹", "/s"), ("·mol⁻¹", "/mol"), ("·Å⁻²", "/A2"),
            ("·m⁻²", "/m2"), ("·kg⁻¹", "/kg"), ("²", "2"), ("³", "3"), ("Å", "A"), ("μ", "u"), ("µ", "u"),
            ("Ω", "ohm"), (" ", ""),
        ]
        for (from, to) in replacements { s = s.replacingOccurrences(of: from, with: to) }
        return s
    }
}

