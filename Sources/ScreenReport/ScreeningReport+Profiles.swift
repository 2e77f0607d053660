import Foundation
import ScreenCore
import ScreenScoring
import ScreenStore

extension ScreeningReport {
    /// The profiles a report runs: each of `names` as a file or the name of a bundled one
    /// (`ProfileLoader.locate`), or, when none is named, every bundled profile of the descriptor
    /// folder's `profiles/` (`bundledProfiles(in:)`).
    /// - Throws: the folder listing's errors.
    public static func profiles(named names: [String], descriptorFolder: URL) throws -> [URL] {
        guard !names.isEmpty else { return try bundledProfiles(in: descriptorFolder.appendingPathComponent("profiles")) }
        return names.map { ProfileLoader.locate($0, descriptorFolder: descriptorFolder) }
    }

    /// The bundled profiles of a `profiles/` folder in the report's order: the review's four
    /// (sei, hosts, alloys, sac) first, then any other `.yaml` by name (subfolders such as
    /// `computed/` are not included: they are screenings of their own).
    public static func bundledProfiles(in folder: URL) throws -> [URL] {
        let order = ["sei", "hosts", "alloys", "sac"]
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        func key(_ name: String) -> (Int, String) { (order.firstIndex(of: String(name.dropLast(5))) ?? order.count, name) }
        return names.sorted { key($0) < key($1) }.map { folder.appendingPathComponent($0) }
    }

    /// Analyses each profile (screening, weight sweeps, SMAA-2, Sobol') on `store` and gathers the
    /// report; a profile the data cannot rank is listed as not ranked with the reason, not dropped.
    /// - Parameter progress: told "analysing NAME…" before each profile and the reason a profile is
    ///   not ranked (the command line prints these on standard error).
    /// - Complexity: per profile, that of `ProfileAnalysis` (dominated by `settings.samples` SMAA
    ///   samples of n candidates × m criteria).
    public static func analysing(profiles: [URL], store: DescriptorStore, settings: ProfileAnalysis.Settings,
                                 scope: ScreeningScope.Override?, title: String,
                                 progress: (String) -> Void = { _ in }) throws -> ScreeningReport {
        var analyses: [ProfileAnalysis] = []
        var unranked: [Unranked] = []
        // One progress line for the whole analysis (on a terminal): the profile and its stage.
        return try ProgressLine.run("report") { line in
            for file in profiles {
                let profile = try ProfileLoader.load(file)
                line.interrupting { progress("analysing \(profile.name)…") }
                line.begin("\(profile.name): screening")
                do {
                    analyses.append(try ProfileAnalysis(profile: profile, store: store, settings: settings, scope: scope))
                } catch let e as ScreeningError {
                    line.interrupting { progress("note: \(profile.name) is not ranked: \(e.summary)") }
                    unranked.append(.init(profile: profile, error: e))
                }
            }
            line.begin("charts and tables")
            return try ScreeningReport(analyses: analyses, unranked: unranked, title: title)
        }
    }
}
