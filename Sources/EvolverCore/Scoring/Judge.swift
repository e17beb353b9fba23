import Foundation
import RunStore
import Synchronization

/// The scoring kernels a run compares samples with: the judge in use — the seed scorer
/// (in-process), or an adopted kernel (always sandboxed) — and the seed scorer as its shadow.
///
/// Every comparison a decision rests on (`decisive`) is computed by both; a share of the speed
/// screens' comparisons too (they only filter, but a judge that lies on them could stall a run).
/// When they disagree, or the adopted kernel fails to compare, the seed's result stands and the
/// difference is an incident; after a decisive incident the seed judges at once, after a screen's
/// from the next generation on (`useSeed`), so which judge compared what never depends on timing.
public final class Judge: Sendable {
    /// A comparison on which the active kernel and the seed scorer disagreed, or which the active kernel failed.
    public struct Incident: Sendable, Equatable {
        public var scorerSHA256: String
        public var incumbent: [Int64]
        public var candidate: [Int64]
        /// The active kernel's result (nil when it failed).
        public var active: SampleComparison?
        public var seed: SampleComparison
        /// How the active kernel failed, if it did.
        public var failure: String?

        /// One line for the history.
        public var reason: String {
            let what = "a comparison of \(incumbent.count) and \(candidate.count) samples"
            guard let active else { return "it failed on \(what) (\(failure ?? "no result"))" }
            return "its result differed from the seed scorer's on \(what) (U, medians, shift: \(Self.fields(active)) against \(Self.fields(seed)))"
        }

        static func fields(_ c: SampleComparison) -> String {
            "\(c.twiceU)/\(c.twiceMedianIncumbent)/\(c.twiceMedianCandidate)/\(c.twiceShift)"
        }

        /// The failure as journaled with the candidate it judged (nil for a disagreement, which
        /// the shadow finds again by itself).
        public var journaled: JudgeFailure? {
            failure.map { JudgeFailure(scorerSHA256: scorerSHA256, comparisonSHA256: Judge.comparisonKey(scorerSHA256, incumbent, candidate), failure: $0) }
        }
    }

    /// Which comparison: SHA-256 of the scoring kernel's hash and both sample arrays.
    public static func comparisonKey(_ scorerSHA256: String, _ incumbent: [Int64], _ candidate: [Int64]) -> String {
        var bytes = Array(scorerSHA256.utf8)
        for samples in [incumbent, candidate] {
            bytes += withUnsafeBytes(of: Int64(samples.count).littleEndian, Array.init)
            for x in samples { bytes += withUnsafeBytes(of: x.littleEndian, Array.init) }
        }
        return Hashing.sha256Hex(Data(bytes))
    }

    /// What a comparison found, and which kernel's result it is.
    public struct Verdict: Sendable {
        public var comparison: SampleComparison
        public var scorerSHA256: String
        public var incident: Incident?
    }

    public let seed: ScoringKernel
    /// The judge sandbox (an adopted kernel runs under its harness and limits).
    let sandbox: Sandbox
    let workerPath: String
    private let adopted = Mutex<SandboxedScorer?>(nil)
    /// In a replay: the comparisons the recording's adopted kernels timed out on, by
    /// `comparisonKey`, and how; nil when recording.
    let journaledTimeouts: [String: String]?

    /// A judge that starts with the seed scorer.
    /// - Parameter replaying: in a replay, the adopted kernels' failures the run journaled: those
    ///   that were late are taken from the journal (how close a call came to its deadline is a
    ///   matter of timing), and every other call gets `StagedEvaluation.replayDeadlineScale`
    ///   times its deadline; nil when recording.
    public init(seed: ScoringKernel, sandbox: Sandbox, workerPath: String, replaying: [JudgeFailure]? = nil) {
        self.seed = seed
        self.sandbox = sandbox
        self.workerPath = workerPath
        journaledTimeouts = replaying.map { failures in
            Dictionary(failures.filter(\.isTimeout).map { ($0.comparisonSHA256, $0.failure) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The seed scorer of the judge sandbox `sandbox`.
    public convenience init(seedOf sandbox: Sandbox, workerPath: String, replaying: [JudgeFailure]? = nil) throws {
        self.init(seed: try ScoringKernel(scoreSandbox: sandbox), sandbox: sandbox, workerPath: workerPath, replaying: replaying)
    }

    /// The adopted kernel in use, nil while the seed judges.
    public var active: SandboxedScorer? { adopted.withLock { $0 } }
    public var isSeed: Bool { active == nil }
    public var activeSHA256: String { active?.sourceSHA256 ?? seed.sourceSHA256 }
    public var activeSource: String { active?.source ?? seed.source }

    /// Makes `source` the judge (after it passed the adoption guard); the seed's own source makes the seed judge.
    public func adopt(source: String) {
        let scorer = Hashing.sha256Hex(source) == seed.sourceSHA256 ? nil : SandboxedScorer(source: source, sandbox: sandbox, workerPath: workerPath)
        adopted.withLock { $0 = scorer }
    }

    /// The seed judges from now on.
    public func useSeed() {
        adopted.withLock { $0 = nil }
    }

    /// A speed screen's comparison: the active kernel alone, or (`shadowed`) checked against the seed.
    /// An incident does not change the judge (the caller does, between generations).
    public func screen(incumbent: [Int64], candidate: [Int64], shadowed: Bool) throws -> Verdict {
        try compare(incumbent: incumbent, candidate: candidate, shadowed: shadowed)
    }

    /// A comparison a decision rests on: the active kernel checked against the seed scorer; after
    /// an incident the seed judges at once.
    public func decisive(incumbent: [Int64], candidate: [Int64]) throws -> Verdict {
        let verdict = try compare(incumbent: incumbent, candidate: candidate, shadowed: true)
        if verdict.incident != nil { useSeed() }
        return verdict
    }

    private func compare(incumbent: [Int64], candidate: [Int64], shadowed: Bool) throws -> Verdict {
        guard let kernel = active else {
            return Verdict(comparison: try seed.compare(incumbent: incumbent, candidate: candidate), scorerSHA256: seed.sourceSHA256)
        }
        let result: SampleComparison
        do {
            if let late = journaledTimeouts?[Self.comparisonKey(kernel.sourceSHA256, incumbent, candidate)] {
                throw SandboxedScorer.Failure(description: late)
            }
            result = try kernel.compare(incumbent: incumbent, candidate: candidate,
                                        deadlineScale: journaledTimeouts == nil ? 1 : StagedEvaluation.replayDeadlineScale)
        } catch let failure as SandboxedScorer.Failure {
            let reference = try seed.compare(incumbent: incumbent, candidate: candidate)
            return Verdict(comparison: reference, scorerSHA256: seed.sourceSHA256, incident: Incident(
                scorerSHA256: kernel.sourceSHA256, incumbent: incumbent, candidate: candidate, active: nil, seed: reference, failure: failure.description))
        }
        guard shadowed else { return Verdict(comparison: result, scorerSHA256: kernel.sourceSHA256) }
        let reference = try seed.compare(incumbent: incumbent, candidate: candidate)
        guard reference != result else { return Verdict(comparison: result, scorerSHA256: kernel.sourceSHA256) }
        return Verdict(comparison: reference, scorerSHA256: seed.sourceSHA256, incident: Incident(
            scorerSHA256: kernel.sourceSHA256, incumbent: incumbent, candidate: candidate, active: result, seed: reference, failure: nil))
    }
}

extension CandidateEvidence {
    /// Journals `incident` with the candidate it judged, when it was a failure of the adopted kernel.
    mutating func note(_ incident: Judge.Incident) {
        guard let failure = incident.journaled else { return }
        judgeFailures = (judgeFailures ?? []) + [failure]
    }
}
