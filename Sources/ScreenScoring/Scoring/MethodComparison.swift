import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore
import ScreenThermodynamics
/// The same decision problem ranked by several methods, side by side, with how much the
/// rankings agree (rank-similarity coefficients against the consensus and pairwise) and a
/// consensus ranking (Borda and Copeland).
public struct MethodComparison: Sendable {
    /// The matrix ranked.
    public let matrix: DecisionMatrix
    /// One run per method that could rank the matrix, in the order asked.
    public let runs: [RankingRun]
    /// The Borda consensus of the runs' ranks.
    public let borda: ConsensusRanking
    /// The Copeland consensus of the runs' ranks.
    public let copeland: ConsensusRanking
    /// Methods that could not rank this matrix, with the reason (e.g. a normalisation dividing by zero).
    public let failures: [(method: String, reason: String)]

    /// Rank-similarity coefficients of two rankings.
    public struct Similarity: Sendable {
        /// Spearman's rank correlation.
        public let spearman: Double
        /// The weighted Spearman coefficient r_w (disagreements at the top weigh more).
        public let weightedSpearman: Double
        /// The WS coefficient of Sałabun & Urbaniak, asymmetric: relative to the reference ranking.
        public let ws: Double
        /// Kendall's τ.
        public let kendallTau: Double
    }

    /// Ranks `matrix` by each of `methods` (with its `parameters`, default normalisation) and forms
    /// the Borda and Copeland consensus. A method that throws a `DecisionError` is listed in
    /// `failures` instead.
    /// - Throws: `DecisionError.parameter` when no method can rank the matrix; consensus errors.
    /// - Complexity: the k methods' costs plus O(k·n²) for the consensus of n alternatives.
    public init(matrix: DecisionMatrix, weights: [Double], methods: [String], parameters: [String: [String: RankingParameter]] = [:]) throws {
        var runs: [RankingRun] = [], failures: [(String, String)] = []
        for m in methods {
            do {
                runs.append(try RankingRun(method: m, normalization: nil, parameters: parameters[m] ?? [:], matrix: matrix, weights: weights))
            } catch let e as DecisionError {
                failures.append((m, e.description))
            }
        }
        guard !runs.isEmpty else { throw DecisionError.parameter("no method could rank this matrix: " + failures.map { "\($0.0): \($0.1)" }.joined(separator: "; ")) }
        let rankings = runs.map { $0.ranks.map(Double.init) }
        self.matrix = matrix
        self.runs = runs
        self.failures = failures
        borda = try Consensus.borda(rankings)
        copeland = try Consensus.copeland(rankings)
    }

    /// Coefficients of two rankings (`reference` first, for the asymmetric WS coefficient).
    /// Nil where a coefficient is undefined (a ranking with every alternative tied).
    public static func similarity(_ reference: [Int], _ other: [Int]) -> Similarity? {
        let x = reference.map(Double.init), y = other.map(Double.init)
        guard let rs = try? RankSimilarity.spearman(x, y), let rw = try? RankSimilarity.weightedSpearman(x, y),
              let ws = try? RankSimilarity.ws(reference: x, y), let tau = try? RankSimilarity.kendallTau(x, y) else { return nil }
        return Similarity(spearman: rs, weightedSpearman: rw, ws: ws, kendallTau: tau)
    }

    /// - Parameter top: only the first `top` rows of the ranks table (nil: all), with a line saying how many more.
    public func text(top: Int? = nil) -> String {
        let all = matrix.alternatives.indices.sorted { (borda.ranks[$0], matrix.alternatives[$0]) < (borda.ranks[$1], matrix.alternatives[$1]) }
        let order = top.map { Array(all.prefix($0)) } ?? all
        var out = "ranks by method (1 = best), sorted by the Borda consensus\n\n"
        out += TextTable(header: ["id"] + runs.map(\.methodName) + ["Borda", "Copeland"],
                         rows: order.map { i in [matrix.alternatives[i]] + runs.map { String($0.ranks[i]) } + [String(borda.ranks[i]), String(copeland.ranks[i])] },
                         rightAligned: Set(1...(runs.count + 2))).rendered()
        if order.count < all.count { out += "… \(all.count - order.count) more (--top N to show more; --format json for every row)\n" }
        out += "\nagreement of each method with the Borda consensus (1 = identical)\n\n"
        out += TextTable(header: ["method", "Spearman rs", "weighted rw", "WS", "Kendall tau-b"],
                         rows: runs.map { r in
                             let s = Self.similarity(borda.ranks, r.ranks)
                             return [r.methodName] + [s?.spearman, s?.weightedSpearman, s?.ws, s?.kendallTau].map { $0.map { formatForDisplay($0, significant: 4) } ?? "n/a" }
                         }, rightAligned: [1, 2, 3, 4]).rendered()
        out += "\npairwise weighted Spearman rw\n\n"
        out += TextTable(header: [""] + runs.map(\.methodName),
                         rows: runs.map { a in [a.methodName] + runs.map { b in Self.similarity(a.ranks, b.ranks).map { formatForDisplay($0.weightedSpearman, significant: 3) } ?? "n/a" } },
                         rightAligned: Set(1...runs.count)).rendered()
        for f in failures { out += "not ranked by \(f.method): \(f.reason)\n" }
        return out
    }

    /// The comparison as JSON: `alternatives`; `methods` (scores, ranks and similarity to the
    /// Borda consensus, null where undefined); `borda` and `copeland`; `pairwise` similarities of
    /// every pair of methods; `failures`.
    public func json() -> JSONValue {
        .object([
            ("alternatives", .array(matrix.alternatives.map { .string($0) })),
            ("methods", .array(runs.map { r in
                .object([("method", .string(r.methodName)), ("normalization", .string(r.normalizationName)),
                         ("ranks", .array(r.ranks.map { .integer($0) })), ("scores", .array(r.scores.map { .number($0) })),
                         ("vs_borda", similarityJSON(Self.similarity(borda.ranks, r.ranks)))])
            })),
            ("borda", .object([("scores", .array(borda.scores.map { .number($0) })), ("ranks", .array(borda.ranks.map { .integer($0) }))])),
            ("copeland", .object([("scores", .array(copeland.scores.map { .number($0) })), ("ranks", .array(copeland.ranks.map { .integer($0) }))])),
            ("pairwise", .array(runs.indices.flatMap { a in runs.indices.filter { $0 > a }.map { b in
                .object([("a", .string(runs[a].methodName)), ("b", .string(runs[b].methodName)),
                         ("similarity", similarityJSON(Self.similarity(runs[a].ranks, runs[b].ranks)))])
            } })),
            ("failures", .array(failures.map { .object([("method", .string($0.method)), ("reason", .string($0.reason))]) })),
        ])
    }

    func similarityJSON(_ s: Similarity?) -> JSONValue {
        guard let s else { return .null }
        return .object([("spearman", .number(s.spearman)), ("weighted_spearman", .number(s.weightedSpearman)),
                        ("ws", .number(s.ws)), ("kendall_tau_b", .number(s.kendallTau))])
    }
}
