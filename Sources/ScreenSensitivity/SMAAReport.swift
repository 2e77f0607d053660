import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenStore
import ScreenThermodynamics
/// SMAA-2 results as text and JSON. JSON: `samples`, `rank_acceptability` (alternative →
/// probabilities of ranks 1, 2, …), `central_weights` (alternative → criterion → weight),
/// `confidence_factors` (alternative → value), `pairwise_winning` (alternative →
/// alternative → probability), plus `method`, `seed` (a string of the 64-bit seed's decimal digits,
/// as every command writes it: exact in any JSON reader), `mean_rank`, `median_rank`,
/// `rank_p05`, `rank_p95`, `rank_resolution`, `tied_samples`, `notes`.
extension SMAAResult {
    /// The result as JSON (keys listed above); `weightModel` is the sentence describing the weight
    /// model, written as `weight_model` (null when nil). Alternatives appear in `orderByAcceptability`.
    public func json(weightModel: String? = nil) -> JSONValue {
        let order = orderByAcceptability
        func byAlternative(_ f: (Int) -> JSONValue) -> JSONValue { .object(order.map { (alternatives[$0], f($0)) }) }
        return .object([
            ("method", .string(method)), ("samples", .integer(samples)), ("seed", .string(String(seed))),
            ("weight_model", .string(weightModel)), ("top_k", .integer(topK)),
            ("rank_acceptability", byAlternative { i in .array(rankAcceptability[i].map { .number($0) }) }),
            // Ranks below top_k together, so that each candidate's shares sum to 1.
            ("rank_acceptability_below_top_k", byAlternative { .number(acceptabilityBelow(rankAcceptability[$0].count, $0)) }),
            ("central_weights", byAlternative { i in
                centralWeights[i].map { w in .object(zip(criteria, w).map { ($0, .number($1)) }) } ?? .null
            }),
            ("confidence_factors", byAlternative { i in .number(confidenceFactors[i]) }),
            ("pairwise_winning", pairwiseWinning.map { p in
                byAlternative { i in .object(order.filter { $0 != i }.map { (alternatives[$0], .number(p[i][$0])) }) }
            } ?? .null),
            ("mean_rank", byAlternative { .number(meanRank[$0]) }),
            ("median_rank", byAlternative { .number(medianRank[$0]) }),
            ("rank_p05", byAlternative { .number(rankPercentile5[$0]) }),
            ("rank_p95", byAlternative { .number(rankPercentile95[$0]) }),
            ("rank_resolution", .integer(rankResolution)), ("tied_samples", .integer(tiedSamples)),
            ("weight_acceptance_rate", .number(weightAcceptanceRate)),
            ("notes", .array(notes.map { .string($0) })),
        ])
    }

    /// The share of samples in which alternative `i` ranks below `rank` (1 − b₁ − … − b_rank),
    /// so that a row of rank acceptabilities cut at `rank` still sums to 1.
    public func acceptabilityBelow(_ rank: Int, _ i: Int) -> Double {
        max(0, 1 - rankAcceptability[i].prefix(rank).reduce(0, +))
    }

    /// - Parameter limit: how many alternatives to list (best first by first-rank acceptability).
    public func text(limit: Int = 30, weightModel: String? = nil) -> String {
        let order = orderByAcceptability
        let ranks = min(topK, rankAcceptability.first?.count ?? 0)
        var out = "SMAA-2, \(method): \(samples) samples (seed \(seed))" + (weightModel.map { ", weights \($0)" } ?? "") + "\n\n"
        let below = ranks < alternatives.count
        let header = ["candidate"] + (1...max(ranks, 1)).prefix(ranks).map { "b\($0)" } + (below ? ["b>\(ranks)"] : [])
            + ["mean rank", "median", "5–95 %", "confidence"]
        let rows = order.prefix(limit).map { i -> [String] in
            [alternatives[i]] + rankAcceptability[i].prefix(ranks).map { formatForDisplay($0, significant: 3) }
                + (below ? [formatForDisplay(acceptabilityBelow(ranks, i), significant: 3)] : [])
                + [formatForDisplay(meanRank[i], significant: 4), formatForDisplay(medianRank[i], significant: 4),
                   "\(formatForDisplay(rankPercentile5[i], significant: 4))–\(formatForDisplay(rankPercentile95[i], significant: 4))",
                   confidenceFactors[i].map { formatForDisplay($0, significant: 3) } ?? "–"]
        }
        out += TextTable(header: header, rows: rows, rightAligned: Set(1..<header.count)).rendered()
        if order.count > limit { out += "… \(order.count - limit) more (see --format json)\n" }
        out += "b_r: share of samples in which the candidate ranks r-th\(below ? " (b>\(ranks): below rank \(ranks); each row sums to 1)" : ""); confidence: share of value samples in which it ranks first at its central weights\n"
        let central = order.filter { centralWeights[$0] != nil }
        if !central.isEmpty {
            out += "\ncentral weights (mean weights of the samples in which the candidate ranks first)\n"
            out += TextTable(header: ["candidate"] + criteria,
                             // `central` keeps only alternatives with central weights.
                             rows: central.prefix(limit).map { i in [alternatives[i]] + centralWeights[i]!.map { formatForDisplay($0, significant: 3) } },
                             rightAligned: Set(1...criteria.count)).rendered()
        }
        for n in notes { out += "note: \(n)\n" }
        return out
    }
}
