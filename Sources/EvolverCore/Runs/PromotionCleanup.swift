import Foundation
import KernelMutation
import KernelSyntax
import RunStore

/// A promoted kernel as export and diff show it: cleaned of dead code when the cleaned kernel
/// passed validation again, else as it was promoted.
public struct CleanedKernel: Sendable, Equatable {
    /// The source to show.
    public var source: String
    /// What the clean-up removed (empty when nothing, or when the cleaned kernel was not used).
    public var steps: [String]
    /// Whether `source` is the cleaned kernel.
    public var cleaned: Bool
    /// Why the cleaned kernel was not used (nil when it was, or when nothing needed removing).
    public var refusal: String?
}

extension EvolutionService {
    /// Promotion `number` of a run, cleaned: unused static helpers, statements without effect and
    /// copies never changed removed (the seed, promotion 0, is shown as written). The cleaned
    /// kernel is validated again — the whole suite and the differential test against the seed —
    /// and the clean-up is journaled with its verdict, so it is done once per kernel.
    public func cleanedSource(_ id: String, _ number: Int) throws -> CleanedKernel {
        let source = try promotedSource(id, number)
        guard number > 0 else { return CleanedKernel(source: source, steps: [], cleaned: false, refusal: nil) }
        let run = try store.run(id)
        let sha = Hashing.sha256Hex(source)
        let record: CleanupRecord
        if let known = try store.cleanup(run: id, promotion: number, sha256: sha, evolverVersion: Self.version) {
            record = known
        } else {
            record = try cleanUp(source, sha256: sha, run: run, promotion: number)
            try store.recordCleanup(record)
        }
        guard record.verdict == "passed", record.cleanedSHA256 != sha, let text = try store.source(record.cleanedSHA256) else {
            let refusal = record.steps.isEmpty ? nil : "the cleaned kernel was not used: \(record.verdict): \(record.detail)"
            return CleanedKernel(source: source, steps: [], cleaned: false, refusal: refusal)
        }
        return CleanedKernel(source: text, steps: Self.grouped(record.steps.map(\.description)), cleaned: true, refusal: nil)
    }

    /// Equal steps once, with their count (`… (9 times)`), in order of first appearance.
    static func grouped(_ steps: [String]) -> [String] {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for step in steps {
            if counts[step] == nil { order.append(step) }
            counts[step, default: 0] += 1
        }
        return order.map { counts[$0]! > 1 ? "\($0) (\(counts[$0]!) times)" : $0 }
    }

    private func cleanUp(_ source: String, sha256: String, run: RunRecord, promotion: Int) throws -> CleanupRecord {
        let sandbox = try catalog.load(run.manifest.sandbox)
        let result = KernelCleanup.clean(try CParser.parse(source), entry: sandbox.manifest.entry)
        let cleaned = CPrinter.print(result.unit)
        let cleanedSHA = Hashing.sha256Hex(cleaned)
        var verdict = "passed", detail = ""
        if result.changed {
            let evaluator = try KernelEvaluator(sandbox: sandbox, worker: WorkerProcess(executable: workerPath))
            var rng = SplitMix64(seed: UInt64(cleanedSHA.prefix(16), radix: 16) ?? 0)
            let validation = try evaluator.validate(cleaned, rng: &rng)
            if validation.verdict != .passed {
                verdict = validation.verdict.rawValue
                detail = validation.detail
            } else {
                let differential = try DifferentialTest(sandbox: sandbox, seedSource: sandbox.seedSource, inputs: 64)
                    .run(cleaned, seed: rng.next(), evaluator: evaluator)
                if let d = differential.detail {
                    verdict = Verdict.wrongOutput.rawValue
                    detail = d
                }
            }
            try store.putSource(cleaned, sha256: cleanedSHA)
        }
        return CleanupRecord(
            runID: run.id, promotion: promotion, sha256: sha256, cleanedSHA256: result.changed ? cleanedSHA : sha256,
            steps: result.steps.map { CleanupRecord.Step(kind: $0.kind.rawValue, description: $0.description) },
            verdict: verdict, detail: detail, evolverVersion: Self.version, at: Date())
    }
}
