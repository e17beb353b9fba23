import Foundation
import Synchronization

/// The scoring kernels a run compares samples with: the active one (possibly an adopted, evolved
/// kernel running in-process) and the seed scorer as its shadow.
///
/// Screens only filter, so they use the active kernel alone. Every comparison a decision rests on
/// (`decisive`) is computed by both; when they disagree, the seed's result stands, the seed
/// becomes the active kernel at once, and the disagreement is returned as an incident.
public final class Judge: Sendable {
    /// A comparison on which the active kernel and the seed scorer disagreed.
    public struct Incident: Sendable, Equatable {
        public var scorerSHA256: String
        public var incumbent: [Int64]
        public var candidate: [Int64]
        public var active: SampleComparison
        public var seed: SampleComparison

        /// One line for the history.
        public var reason: String {
            "its result differed from the seed scorer's on a comparison of \(incumbent.count) and \(candidate.count) samples "
                + "(U, medians, shift: \(Self.fields(active)) against \(Self.fields(seed)))"
        }

        static func fields(_ c: SampleComparison) -> String {
            "\(c.twiceU)/\(c.twiceMedianIncumbent)/\(c.twiceMedianCandidate)/\(c.twiceShift)"
        }
    }

    /// What a decisive comparison found, and which kernel's result it is.
    public struct Verdict: Sendable {
        public var comparison: SampleComparison
        public var scorerSHA256: String
        public var incident: Incident?
    }

    public let seed: ScoringKernel
    private let current: Mutex<ScoringKernel>

    /// - Parameters:
    ///   - active: the judge in use (the seed itself when nothing is adopted).
    ///   - seed: the seed scorer.
    public init(active: ScoringKernel, seed: ScoringKernel) {
        self.seed = seed
        current = Mutex(active)
    }

    /// The seed scorer of the judge sandbox `sandbox`, judging alone.
    public convenience init(seedOf sandbox: Sandbox) throws {
        let seed = try ScoringKernel(scoreSandbox: sandbox)
        self.init(active: seed, seed: seed)
    }

    /// The kernel in use.
    public var active: ScoringKernel { current.withLock { $0 } }

    /// Whether the seed scorer is the one in use.
    public var isSeed: Bool { active.sourceSHA256 == seed.sourceSHA256 }

    /// A comparison that only filters (a speed screen): the active kernel alone.
    public func screen(incumbent: [Int64], candidate: [Int64]) throws -> SampleComparison {
        try active.compare(incumbent: incumbent, candidate: candidate)
    }

    /// A comparison a decision rests on: the active kernel checked against the seed scorer.
    public func decisive(incumbent: [Int64], candidate: [Int64]) throws -> Verdict {
        let kernel = active
        let result = try kernel.compare(incumbent: incumbent, candidate: candidate)
        guard kernel.sourceSHA256 != seed.sourceSHA256 else { return Verdict(comparison: result, scorerSHA256: kernel.sourceSHA256) }
        let reference = try seed.compare(incumbent: incumbent, candidate: candidate)
        guard reference != result else { return Verdict(comparison: result, scorerSHA256: kernel.sourceSHA256) }
        current.withLock { $0 = seed }
        let incident = Incident(scorerSHA256: kernel.sourceSHA256, incumbent: incumbent, candidate: candidate, active: result, seed: reference)
        return Verdict(comparison: reference, scorerSHA256: seed.sourceSHA256, incident: incident)
    }

    /// Makes `kernel` the judge (after it passed the adoption guard).
    public func adopt(_ kernel: ScoringKernel) {
        current.withLock { $0 = kernel }
    }
}
