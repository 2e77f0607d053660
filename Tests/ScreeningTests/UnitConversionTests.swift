import Testing
import Screening
@testable import SVGCharts
@testable import ScreenCore
@testable import ScreenDecision
@testable import ScreenNumerics
@testable import ScreenRegression
@testable import ScreenReport
@testable import ScreenScoring
@testable import ScreenSensitivity
@testable import ScreenStore
@testable import ScreenThermodynamics

@Suite("Units and sign conventions")
struct UnitConversionTests {
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(abs(a), abs(b)) }

    func unit(_ property: String, _ symbol: String) throws -> Unit {
        try #require(PropertyCatalogue.property(named: property)?.unit(named: symbol))
    }

    @Test("mS/cm to S/cm and back")
    func conductivity() throws {
        let u = try unit("ionic_conductivity", "mS/cm")
        #expect(u.toCanonical(0.12) == 1.2e-4)
        #expect(abs(u.fromCanonical(1.2e-4) - 0.12) < 1e-15)
        let sm = try unit("ionic_conductivity", "S/m")
        #expect(abs(sm.toCanonical(1) - 0.01) < 1e-18)
    }

    @Test("kJ/mol and kcal/mol to eV per particle, against CODATA's 1 eV = 96.485 332 12 kJ/mol")
    func molarEnergies() throws {
        // CODATA 2018 (NIST): 1 eV/particle corresponds to 96.485 332 12 kJ/mol (exact to the digits shown).
        let kj = try unit("sei_resistance_activation_energy", "kJ/mol")
        #expect(abs(kj.toCanonical(96.48533212) - 1) < 1e-9)
        #expect(abs(kj.fromCanonical(1) - 96.48533212) < 1e-7)
        // 1 kcal/mol (thermochemical) = 4.184 kJ/mol = 0.043 364 1 eV (NIST conversion tables)
        let kcal = try unit("reaction_gibbs_energy", "kcal/mol")
        #expect(abs(kcal.toCanonical(1) - 0.0433641) < 1e-7)
    }

    @Test("eV/Å² to J/m² (1 eV/Å² = 16.021 766 34 J/m²) and typographic spellings")
    func arealEnergy() throws {
        let u = try unit("interfacial_energy", "eV/A2")
        #expect(abs(u.toCanonical(1) - 16.02176634) < 1e-12)
        #expect(abs(u.fromCanonical(16.02176634) - 1) < 1e-15)
        #expect(PropertyCatalogue.property(named: "interfacial_energy")?.unit(named: "eV·Å⁻²")?.symbol == "eV/A2")
        #expect(PropertyCatalogue.property(named: "ionic_conductivity")?.unit(named: "mS·cm⁻¹")?.symbol == "mS/cm")
    }

    @Test("other linear conversions both ways")
    func otherConversions() throws {
        #expect(close(try unit("youngs_modulus", "MPa").toCanonical(5200), 5.2))
        #expect(close(try unit("nucleation_overpotential", "V").toCanonical(0.0529), 52.9))
        #expect(close(try unit("exchange_current_density", "A/m2").toCanonical(5.69), 0.569))
        #expect(close(try unit("diffusion_coefficient", "m2/s").toCanonical(1e-17), 1e-13))
        #expect(close(try unit("layer_thickness", "um").toCanonical(5), 5000))
        #expect(close(try unit("potential_vs_na", "mV").toCanonical(100), 0.1))
        for p in PropertyCatalogue.all {
            for u in p.units {
                let x = 0.123456789
                #expect(abs(u.fromCanonical(u.toCanonical(x)) - x) < 1e-15, "\(p.name) \(u.symbol)")
            }
        }
    }

    @Test("a unit that does not fit the property is refused, not guessed")
    func wrongUnitRefused() {
        #expect(PropertyCatalogue.property(named: "ionic_conductivity")?.unit(named: "cm2/s") == nil)
        #expect(PropertyCatalogue.property(named: "youngs_modulus")?.unit(named: "eV") == nil)
    }

    @Test("binding energy (positive = stronger) is stored as adsorption energy (negative = favourable)")
    func signConvention() {
        #expect(SignConvention.bindingPositive.toCanonical(1.9) == -1.9)
        #expect(SignConvention.bindingPositive.fromCanonical(-1.9) == 1.9)
        #expect(SignConvention.adsorptionNegative.toCanonical(-2.54) == -2.54)
        #expect(SignConvention.adsorptionNegative.fromCanonical(-2.54) == -2.54)
    }

    @Test("a binding-energy range flips ends under the sign switch")
    func rangeFlips() throws {
        let text = withReferenceStates(measurementHeader + "X,na_binding_energy,,,1.0,2.5,,eV,DFT,,binding_positive,[1],,\n")
        var problems: [InputError] = []
        let set = DescriptorParser.parse(try CSVTable(text: text, file: "t.csv"), as: .measurements, problems: &problems)
        #expect(problems.isEmpty)
        let m = try #require(set.measurements.first)
        #expect(m.rangeLow == -2.5 && m.rangeHigh == -1.0)
        #expect(m.value == -1.75 && m.valueFromRange)
    }
}
