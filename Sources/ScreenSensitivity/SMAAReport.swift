import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenStore
import ScreenThermodynamics
/// SMAA-2 results as text and JSON. JSON: the run (`method`, `samples`, `seed` — a string of the
/// 64-bit seed's decimal digits, as every command writes it: exact in any JSON reader —,
/// `weight_model`, `top_k`, `criteria`), then `alternatives`, one object per candidate in the order
/// of first-rank acceptability, keyed by `id` as `rank`'s alternatives are: `rank_acceptability`
/// (probabilities of ranks 1…top_k), `rank_acceptability_below_top_k`, `mean_rank`, `median_rank`,
/// `rank_p05`, `rank_p95`, `confidence_factor` (null when not computed), `central_weights`
/// (criterion → weight; null when it never ranks first) and `pairwise_winning` (other id →
/// probability of ranking above it; null when not computed); then `rank_resolution`,
/// `tied_samples`, `weight_acceptance_rate` and `notes`.
extension SMAAResult {
    /// The result as JSON (keys listed above); `weightModel` is the sentence describing the weight
    /// model, written as `weight_model` (null when nil); `top` keeps the first `top` alternatives
    /// (nil: every one; their pairwise winning indices still name every other alternative).
    /// - Complexity: O(n·(k + m)) for n alternatives, k ranks and m criteria, plus O(n²) with the
    ///   pairwise winning indices.
    public func json(weightModel: String? = nil, top: Int? = nil) -> JSONValue {
        let order = orderByAcceptability
        let alternativesJSON: [JSONValue] = order.prefix(top ?? order.count).map { i in
            .object([
                ("id", .string(alternatives[i])),
                ("rank_acceptability", .array(rankAcceptability[i].map { .number($0) })),
                // Ranks below top_k together, so that each candidate's shares sum to 1.
                ("rank_acceptability_below_top_k", .number(acceptabilityBelow(rankAcceptability[i].count, i))),
                ("mean_rank", .number(meanRank[i])),
                ("median_rank", .number(medianRank[i])),
                ("rank_p05", .number(rankPercentile5[i])),
                ("rank_p95", .number(rankPercentile95[i])),
                ("confidence_factor", .number(confidenceFactors[i])),
                ("central_weights", centralWeights[i].map { w in .object(zip(criteria, w).map { ($0, .number($1)) }) } ?? .null),
                ("pairwise_winning", pairwiseWinning.map { p in .object(order.filter { $0 != i }.map { (alternatives[$0], .number(p[i][$0])) }) } ?? .null),
            ])
        }
        return .object([
            ("method", .string(method)), ("samples", .integer(samples)), ("seed", .string(String(seed))),
            ("weight_model", .string(weightModel)), ("top_k", .integer(topK)),
            ("criteria", .array(criteria.map { .string($0) })),
            ("alternatives", .array(alternativesJSON)),
            ("rank_resolution", .integer(rankResolution)), ("tied_samples", .integer(tiedSamples)),
            ("weight_acceptance_rate", .number(weightAcceptanceRate)),
            ("notes", .array(notes.map { .string($0) })),
        ])
    }

    /// The share of samples in which alternative `i` ranks below `rank` (1 − b₁ − … − b_rank),
    /// so that a row of rank acceptabilities cut at `rank` still sums to 1.
    ///
    /// Counted, not subtracted: every acceptability is a count of samples over `samples`, so the
    /// counts are recovered (exactly: count / N · N rounds back to the count) and the samples left
    /// are divided once — 383 of 1,000 samples print as 0.383, where 1 − 0.394 − 0.069 − … left
    /// 0.3829999999999999 in the output.
    /// - Complexity: O(rank).
    public func acceptabilityBelow(_ rank: Int, _ i: Int) -> Double {
        let n = Double(samples)
        let counted = rankAcceptability[i].prefix(rank).reduce(0) { $0 + ($1 * n).rounded() }
        return max(0, n - counted) / n
    }

    /// - Parameter limit: how many alternatives to list (best first by first-rank acceptability;
    ///   nil: every one).
    public func text(limit: Int? = 30, weightModel: String? = nil) -> String {
        let limit = limit ?? alternatives.count
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
        if order.count > limit { out += "… \(order.count - limit) more (--top N to show more; --format json for every candidate)\n" }
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
