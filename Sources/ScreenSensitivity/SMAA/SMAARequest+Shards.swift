import Foundation
import ScreenCore
import ScreenDecision
import ScreenStore

extension SMAARequest {
    /// The `kind` of SMAA partial results.
    public static let partialKind = "smaa"

    /// Shard `shard` of the run: the main pass over its contiguous part of the sample blocks, as
    /// counts, with a fingerprint of the inputs. The confidence pass needs every block's central
    /// weights, so it runs in `merged`.
    /// - Complexity: about 1/n of `run`'s main pass.
    public func partial(method: any RankingMethod, shard: Shard) throws -> PartialResult<SMAAPartialCounts> {
        let (problem, _, fingerprint) = try setUp(method: method)
        let workers = (0..<problem.threadCount(requested: threadCount, confidenceSamples: confidenceSamples(problem)))
            .map { _ in SMAAWorker(problem: problem) }
        let counts = try problem.mainPass(workers: workers, blocks: shard.range(of: problem.blockCount))
        return PartialResult(kind: Self.partialKind, fingerprint: fingerprint, shard: shard, payload: counts)
    }

    /// The run's result from every shard's partial result (same request: checked by the
    /// fingerprint): the counts added up, then the confidence pass — exactly `run`'s result.
    /// - Throws: `InputError` when a part belongs to another request; SMAA's errors.
    public func merged(method: any RankingMethod, parts: [PartialResult<SMAAPartialCounts>]) throws -> (result: SMAAResult, model: String) {
        let (problem, model, fingerprint) = try setUp(method: method)
        if let other = parts.first(where: { $0.fingerprint != fingerprint }) {
            throw InputError(file: "shard \(other.shard)", "was written for another SMAA run than these options and data (other inputs, samples, seed or method); give --merge the same options as the shards")
        }
        let confidence = confidenceSamples(problem)
        let workers = (0..<problem.threadCount(requested: threadCount, confidenceSamples: confidence)).map { _ in SMAAWorker(problem: problem) }
        let result = try problem.finish(counts: SMAAPartialCounts.merged(parts.map(\.payload)), workers: workers,
                                        confidenceSamples: confidence, confidenceCandidates: nil)
        return (result, model)
    }

    private var threadCount: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }

    private func confidenceSamples(_ problem: SMAAProblem) -> Int { problem.values.isDeterministic ? 1 : problem.samples }

    /// The problem, the models' sentence, and the fingerprint: SHA-256 of the names, types, method,
    /// models, samples, seed, ranks reported and the fixed values (bit patterns) when there are.
    private func setUp(method: any RankingMethod) throws -> (SMAAProblem, String, String) {
        let p = try prepared()
        let problem = try SMAAProblem(alternatives: p.alternatives, criteria: p.criteria, types: p.types, values: p.values,
                                      weights: p.weights, method: method, samples: p.samples, seed: seed, topK: top, pairwise: nil)
        var text = "smaa v1\n\(p.alternatives.joined(separator: "\t"))\n\(p.criteria.joined(separator: "\t"))\n"
        text += "\(p.types.map(\.rawValue).joined(separator: ","))\n\(String(describing: method))\n\(p.model)\n"
        text += "\(p.samples) \(seed) \(problem.topK) \(problem.pairwise) \(problem.width)\n"
        if let columns = problem.values.fixedColumns { text += columns.map { String($0.bitPattern, radix: 16) }.joined(separator: ",") }
        return (problem, p.model, SHA256.hex(of: Array(text.utf8)))
    }
}
