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

@Suite("Performance records")
struct PerformanceRecordTests {
    func record(_ row: String) throws -> PerformanceRecord {
        let header = DescriptorFileKind.performance.columns.joined(separator: ",") + "\n"
        var problems: [InputError] = []
        let set = DescriptorParser.parse(try CSVTable(text: header + row + "\n", file: "p.csv"), as: .performance, problems: &problems)
        #expect(problems.isEmpty, "\(problems)")
        return try #require(set.performance.first)
    }

    @Test("cycles become hours as the review counts them: 1400 cycles at 1 mA/cm² and 1 mAh/cm² is 2800 h")
    func cyclesToHours() throws {
        // Section 2.2 of the review: "cycling stability for 2800 h or 1400 cycles" at 1 mA·cm⁻², 1 mAh·cm⁻² (Table 1, [75]).
        let r = try record(",poly-DOL,Na-Na,DOL,,,1,1,,,1400 cycles,[75],Section 2.2,")
        let h = try #require(r.lifespanHours)
        #expect(h.hours == 2800 && h.derived)
    }

    @Test("hours stay as given; cycles without a single current density stay without hours")
    func hoursAndAmbiguous() throws {
        let a = try record("1,NaF,Na-Na,NaF,,,5,1,,,600 h,[49],Table 1,")
        #expect(a.lifespanHours?.hours == 600 && a.lifespanHours?.derived == false)
        let b = try record("1,NaBr,Na-Na,NaBr,,,0.25/0.5/1,0.25/0.5/1,> 99,,250 cycles,[60],Table 1,")
        #expect(b.lifespanHours == nil)
        #expect(b.currentDensity.asGiven == "0.25/0.5/1" && b.currentDensity.value == nil)
        #expect(b.coulombicEfficiency.qualifier == .greaterThan && b.coulombicEfficiency.value == 99)
    }

    @Test("qualified lifespans and CE keep their qualifier")
    func qualifiers() throws {
        let r = try record("1,polyDAIM,Na-steel,Polymer film,,,0.1,,95.0,,~ 2200 h,[69],Table 1,")
        #expect(r.lifespan?.qualifier == .approximately && r.lifespan?.value == 2200)
        #expect(r.capacity.value == nil && r.capacity.asGiven == nil)
    }

    @Test("a lifespan that is not hours or cycles is refused with its line")
    func badLifespan() throws {
        let header = DescriptorFileKind.performance.columns.joined(separator: ",") + "\n"
        var problems: [InputError] = []
        _ = DescriptorParser.parse(try CSVTable(text: header + "1,NaF,,,,,1,1,,,long,[1],,\n", file: "p.csv"), as: .performance, problems: &problems)
        #expect(problems == [InputError(file: "p.csv", line: 2, field: "lifespan", "'long' is not a lifespan such as '600 h', '300 cycles' or '~ 2200 h'")])
    }
}
