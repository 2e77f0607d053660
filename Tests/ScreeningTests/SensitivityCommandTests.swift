import Foundation
import Testing

@Suite("sensitivity commands", .serialized)
struct SensitivityCommandTests {
    @Test("SMAA on samples made elsewhere equals a direct recount, in the documented JSON")
    func samplesFromFiles() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Three alternatives, two benefit criteria; WSM without normalisation: score = w1·v1 + w2·v2.
        let weights: [[Double]] = [[0.9, 0.1], [0.5, 0.5], [0.2, 0.8], [0.6, 0.4]]
        let values: [[[Double]]] = [
            [[3, 1], [1, 3], [2, 2]],
            [[3, 1], [1, 3], [2.5, 2.5]],
            [[1, 1], [1, 3], [2, 2]],
            [[3, 1], [1, 2], [2, 2]],
        ]
        try write("c1,c2\n" + weights.map { "\($0[0]),\($0[1])" }.joined(separator: "\n") + "\n", to: dir.appendingPathComponent("W.csv"))
        var v = "sample,alternative,c1,c2\n"
        for (s, m) in values.enumerated() { for (i, row) in m.enumerated() { v += "\(s),\(["a", "b", "c"][i]),\(row[0]),\(row[1])\n" } }
        try write(v, to: dir.appendingPathComponent("V.csv"))
        let r = try runScreen(["sensitivity", "smaa", "--weight-samples", dir.appendingPathComponent("W.csv").path,
                               "--value-samples", dir.appendingPathComponent("V.csv").path, "--types", "max,max",
                               "--method", "wsm", "--normalization", "none", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let out = try #require(try parseJSON(r.stdout) as? [String: Any])
        #expect(out["samples"] as? Int == 4)
        // Direct recount.
        var counts = [[Int]](repeating: [0, 0, 0], count: 3)
        var firsts = [[Double]](repeating: [0, 0], count: 3), firstCount = [0, 0, 0]
        var wins = [[Int]](repeating: [0, 0, 0], count: 3)
        for s in 0..<4 {
            let scores = values[s].map { $0[0] * weights[s][0] + $0[1] * weights[s][1] }
            for i in 0..<3 {
                let rank = 1 + scores.filter { $0 > scores[i] }.count
                counts[i][rank - 1] += 1
                if rank == 1 { firstCount[i] += 1; firsts[i][0] += weights[s][0]; firsts[i][1] += weights[s][1] }
                for k in 0..<3 where scores[i] > scores[k] { wins[i][k] += 1 }
            }
        }
        // One object per alternative, keyed by `id` as rank's alternatives are.
        let rows = try #require(out["alternatives"] as? [[String: Any]])
        #expect(out["criteria"] as? [String] == ["c1", "c2"])
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] as! String, $0) })
        #expect(byID.keys.sorted() == ["a", "b", "c"])
        for (i, id) in ["a", "b", "c"].enumerated() {
            let row = try #require(byID[id])
            #expect(row["rank_acceptability"] as? [Double] == counts[i].map { Double($0) / 4 }, "\(id)")
            #expect(row.keys.contains("confidence_factor"))
            if firstCount[i] > 0 {
                let cw = try #require(row["central_weights"] as? [String: Double])
                #expect(abs(cw["c1"]! - firsts[i][0] / Double(firstCount[i])) < 1e-12)
            } else {
                #expect(row["central_weights"] is NSNull)
            }
            let pairwise = try #require(row["pairwise_winning"] as? [String: Double])
            for (k, other) in ["a", "b", "c"].enumerated() where k != i {
                #expect(pairwise[other] == Double(wins[i][k]) / 4, "\(id) vs \(other)")
            }
        }
    }

    @Test("a sweep and Sobol' indices run on a matrix")
    func sweepAndSobol() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = dir.appendingPathComponent("m.csv")
        try write("id,x,y,z\na,3,7,2\nb,5,5,4\nc,8,2,3\nd,4,6,9\n", to: m)
        let sweep = try runScreen(["sensitivity", "sweep", "--matrix", m.path, "--types", "max,max,min", "--weights", "0.4,0.4,0.2",
                                   "--method", "wsm", "--format", "json"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let s = try #require(try parseJSON(sweep.stdout) as? [String: Any])
        #expect(s["exact"] as? Bool == true && (s["criteria"] as? [Any])?.count == 3)
        let sobol = try runScreen(["sensitivity", "sobol", "--matrix", m.path, "--types", "max,max,min", "--weights", "0.4,0.4,0.2",
                                   "--samples", "256", "--bootstrap", "100", "--candidates", "2", "--format", "json"])
        #expect(sobol.status == 0, "\(sobol.stderr)")
        let j = try #require(try parseJSON(sobol.stdout) as? [String: Any])
        // Each input and output says what it stands for (kind, criterion, id) beside its name.
        let inputs = try #require(j["inputs"] as? [[String: String]])
        #expect(inputs.map { $0["name"] } == ["weight: x", "weight: y", "weight: z"])
        #expect(inputs.map { $0["kind"] } == ["weight", "weight", "weight"] && inputs.map { $0["criterion"] } == ["x", "y", "z"])
        let outputs = try #require(j["outputs"] as? [[String: Any]])
        // The two leaders under TOPSIS (the default) at the base weights: a, then b (pymcdm 1.4's TOPSIS on
        // this matrix: a 0.52786, b 0.52259, c 0.52043, d 0.46094).
        #expect(outputs.map { $0["kind"] as? String } == ["score", "rank", "score", "rank"])
        #expect(outputs.map { $0["id"] as? String } == ["a", "a", "b", "b"])
    }
}
