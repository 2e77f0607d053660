import Foundation
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

@Suite("Criteria profiles")
struct ProfileTests {
    @Test("the bundled profiles load")
    func bundled() throws {
        let folder = bundledDescriptors.appendingPathComponent("profiles")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 4)
        for f in files {
            let p = try ProfileLoader.load(folder.appendingPathComponent(f))
            #expect(abs(p.weights.reduce(0, +) - 1) < 1e-12, "\(f)")
            #expect(p.criteria.allSatisfy { $0.basis != nil }, "\(f): every criterion states its basis")
        }
    }

    @Test("limits with units are converted to the canonical unit")
    func limitsWithUnits() throws {
        let p = try ProfileLoader.load(yaml: """
            name: t
            criteria:
              - property: ionic_conductivity
                goal: max
                weight: 1
                limits: {min: 0.1 mS/cm, max: 5 S/m}
            """, file: "t.yaml")
        #expect(abs(p.criteria[0].minimum! - 1e-4) < 1e-18)
        #expect(abs(p.criteria[0].maximum! - 0.05) < 1e-15)
    }

    @Test("weights that do not sum to 1 are normalised with a notice")
    func weightsNormalised() throws {
        let p = try ProfileLoader.load(yaml: """
            name: t
            criteria:
              - {property: band_gap, goal: max, weight: 2}
              - {property: shear_modulus, goal: max, weight: 6}
            """, file: "t.yaml")
        #expect(p.weights == [0.25, 0.75])
        #expect(p.notices == ["weights summed to 8; normalised to sum to 1"])
    }

    @Test("problems name the file, line and key", arguments: [
        ("criteria:\n  - {property: hardness, goal: max, weight: 1}", 2, "property", "not in the property catalogue"),
        ("criteria:\n  - {property: band_gap, goal: max, weight: 1, limits: {min: 3 GPa}}", 2, "limits.min", "'GPa' is not a unit of band_gap"),
        ("criteria:\n  - property: na_binding_energy\n    reference_state: isolated_atom\n    goal: target\n    weight: 1\n    target: {ideal: [-2, -1], zero: [-1.5, 0], unit: eV}", 6, "target", "must enclose the ideal range"),
        ("criteria:\n  - property: na_binding_energy\n    reference_state: isolated_atom\n    goal: target\n    weight: 1\n    target: {ideal: [-1, -2], zero: [-5, 0], unit: eV}", 6, "target.ideal", "must be [low, high]; -1 is above -2"),
        ("method: best\ncriteria:\n  - {property: band_gap, goal: max, weight: 1}", 1, "method", "'best' is not a method"),
        ("criteria:\n  - {property: band_gap, goal: up, weight: 1}", 2, "goal", "'up' is not a goal"),
        ("criteria:\n  - {property: band_gap, goal: max}", 2, "weight", "required"),
        ("criteria:\n  - {property: band_gap, goal: max, weight: 1, missing: {impute: \"shear_modulus ~ bulk_modulus\"}}", 2, "missing.impute", "must have band_gap as its response"),
        ("criteria:\n  - {property: band_gap, goal: at_least, weight: 1, saturate: {zero: 4, full: 3, unit: eV}}", 2, "saturate", "at_least needs zero < full"),
        ("criteria:\n  - {property: band_gap, goal: at_most, weight: 1, saturate: {zero: 3, full: 4, unit: eV}}", 2, "saturate", "at_most needs full < zero"),
        ("criteria:\n  - {property: band_gap, goal: at_least, weight: 1}", 2, "saturate", "needs `saturate:"),
        ("criteria:\n  - {property: band_gap, goal: at_least, weight: 1, saturate: {zero: 1}}", 2, "saturate.full", "required"),
        ("criteria:\n  - {property: band_gap, goal: at_least, weight: 1, saturate: {zero: 1, full: 3, top: 5}}", 2, "saturate.top", "unknown key"),
        ("criteria:\n  - {property: band_gap, goal: max, weight: 1, saturate: {zero: 1, full: 3}}", 2, "saturate", "needs `goal: at_least` or `goal: at_most`"),
        ("criteria:\n  - {property: band_gap, goal: at_least, weight: 1, transform: log10, saturate: {zero: 1, full: 3, unit: eV}}", 2, "transform", "would be ignored"),
        ("criteria:\n  - {property: shear_modulus, goal: at_least, weight: 1, saturate: {zero: 1, full: 3, unit: eV}}", 2, "saturate.zero", "'eV' is not a unit of shear_modulus"),
        ("criteria:\n  - {property: band_gap, goal: max, weight: 1, missing: neutral}", 2, "missing", "an unknown value is not the median"),
        ("criteria:\n  - {property: band_gap, goal: max, weight: 1, missing: worst, plausible: {low: 1, high: 2, basis: b}}", 2, "plausible", "for `missing: unknown`"),
        ("criteria:\n  - {property: band_gap, goal: max, weight: 1, missing: unknown, plausible: {low: 3, high: 2, unit: eV, basis: b}}", 2, "plausible", "low 3 is not below high 2"),
        ("criteria:\n  - {property: band_gap, goal: max, weight: 1, missing: unknown, plausible: {low: 1, high: 2}}", 2, "plausible.basis", "required"),
        ("criteria:\n  - {property: band_gap, goal: max, weight: 1, missing: unknown, plausible: {low: 1 GPa, high: 2, basis: b}}", 2, "plausible.low", "'GPa' is not a unit of band_gap"),
        ("min_coverage: 1.5\ncriteria:\n  - {property: band_gap, goal: max, weight: 1}", 1, "min_coverage", "between 0 and 1"),
        // Empty or blank quantities (found by the fuzzer: they once crashed the reader with an index out of range).
        ("criteria:\n  - {property: band_gap, goal: max, weight: 1, missing: unknown, plausible: {low: \"\", high: 2, unit: eV, basis: b}}", 2, "plausible.low", "'' is not a number or 'number unit'"),
        ("criteria:\n  - {property: band_gap, goal: max, weight: 1, missing: unknown, plausible: {low: 1, high: \"   \", unit: eV, basis: b}}", 2, "plausible.high", "'' is not a number or 'number unit'"),
        ("criteria:\n  - {property: band_gap, goal: max, weight: 1, limits: {min: \"\"}}", 2, "limits.min", "'' is not a number or 'number unit'"),
        ("criteria:\n  - {property: band_gap, goal: at_least, weight: 1, saturate: {zero: \" \", full: 3, unit: eV}}", 2, "saturate.zero", "'' is not a number or 'number unit'"),
        ("criteria:\n  - {property: band_gap, goal: max, weight: 1, limits: {min: 3}}", 2, "limits.min", "give the unit ('3 eV' if that is meant)"),
        ("criteria:\n  - {property: band_gap, goal: max, weight: 1e300}", 2, "weight", "must be at most 1e6"),
        ("criteria:\n  - {property: band_gap, performance: lifespan_hours, goal: max, weight: 1}", 2, "performance", "either a property or a performance column, not both"),
    ])
    func problems(body: String, line: Int, key: String, reason: String) {
        do {
            _ = try ProfileLoader.load(yaml: "name: t\n" + body, file: "t.yaml")
            Issue.record("should fail")
        } catch let e as DescriptorProblems {
            let match = e.problems.first { $0.field == key }
            #expect(match != nil, "\(e)")
            #expect(match?.line == line + 1, "\(e)")
            #expect(match?.reason.contains(reason) == true, "\(e)")
            #expect(match?.file == "t.yaml")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("desirability: 1 inside the ideal range, 0 outside the zero bounds, linear between")
    func desirability() throws {
        let w = try DesirabilityWindow(zeroLow: -5, idealLow: -3, idealHigh: -1, zeroHigh: 0)
        #expect(w.desirability(-2) == 1 && w.desirability(-3) == 1 && w.desirability(-1) == 1)
        #expect(w.desirability(-5) == 0 && w.desirability(0.56) == 0 && w.desirability(-6) == 0)
        #expect(w.desirability(-4) == 0.5)
        #expect(abs(w.desirability(-0.5) - 0.5) < 1e-15)
        let strict = try DesirabilityWindow(zeroLow: -5, idealLow: -3, idealHigh: -1, zeroHigh: 0, shape: 2)
        #expect(strict.desirability(-4) == 0.25)
        #expect(throws: DecisionError.self) { _ = try DesirabilityWindow(zeroLow: -2, idealLow: -3, idealHigh: -1, zeroHigh: 0) }
    }

    @Test("saturating goals: full credit at and beyond the full point, none at and beyond the zero point")
    func saturating() throws {
        let atLeast = try DesirabilityWindow.atLeast(zero: 1, full: 5)
        #expect(atLeast.kind == .atLeast)
        #expect(atLeast.desirability(0) == 0 && atLeast.desirability(1) == 0 && atLeast.desirability(2) == 0.25)
        #expect(atLeast.desirability(3) == 0.5 && atLeast.desirability(5) == 1 && atLeast.desirability(1e300) == 1)
        #expect(atLeast.desirability(atLeast.worstValue) == 0)
        let atMost = try DesirabilityWindow.atMost(full: 10, zero: 30, shape: 2)
        #expect(atMost.kind == .atMost)
        #expect(atMost.desirability(-1e300) == 1 && atMost.desirability(10) == 1 && atMost.desirability(30) == 0)
        #expect(atMost.desirability(20) == 0.25)       // ((30 − 20) / 20)²
        #expect(atMost.desirability(atMost.worstValue) == 0 && atMost.worstValue == 31)
        #expect(throws: DecisionError.self) { _ = try DesirabilityWindow.atLeast(zero: 5, full: 5) }
        #expect(throws: DecisionError.self) { _ = try DesirabilityWindow.atMost(full: .nan, zero: 5) }
        #expect(throws: DecisionError.self) {
            _ = try DesirabilityWindow(zeroLow: -.infinity, idealLow: -.infinity, idealHigh: .infinity, zeroHigh: .infinity)
        }
    }

    @Test("a saturation point given in another unit is converted; the summary says 'at least'")
    func saturationUnits() throws {
        let p = try ProfileLoader.load(yaml: """
            name: t
            criteria:
              - property: shear_modulus
                goal: at_least
                weight: 1
                saturate: {zero: 3300 MPa, full: 6.6 GPa}
            """, file: "t.yaml")
        guard case .target(let w) = p.criteria[0].goal else { Issue.record("not a desirability goal"); return }
        #expect(w.kind == .atLeast && abs(w.zeroLow - 3.3) < 1e-12 && w.idealLow == 6.6)
        #expect(p.criteria[0].criterionType == .max)
        #expect(p.summary().contains("at least 6.6 (0 at ≤ 3.3)"))
    }
}
