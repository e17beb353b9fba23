import Foundation
import RunStore

/// Machine-code deduplication: two candidates whose compiled code and data images are identical
/// (the worker's canonical image hash, computed before the kernel's first instruction) are the
/// same kernel, so the second takes the first's verdict and measurements instead of another
/// suite, screen and benchmark.
///
/// What is reused, and when (a pure function of what earlier generations recorded, so a replay,
/// which computes the images again, takes the same shortcuts and checks them):
/// - the same code as the incumbent: not faster, by definition (no comparison is made);
/// - the same code as a candidate the suite or the differential test rejected: the same verdict
///   (those do not depend on the incumbent);
/// - the same code as a candidate measured not faster against the same incumbent: not faster,
///   with its comparison.
/// Anything else (a candidate measured against another incumbent, a promotion that is no longer
/// the incumbent, an internal error) is evaluated again. Only candidates that passed the cheap
/// cases carry an image, so the cheap stage always runs: it is what compiles the kernel.
public struct CodeIdentity: Sendable {
    /// What a candidate concluded, as far as a later twin may reuse it.
    public struct Conclusion: Sendable, Equatable {
        public var index: Int
        public var verdict: Verdict
        public var detail: String
        public var stage: EvaluationStage
        public var decision: Decision
        public var incumbentSHA256: String
        public var comparison: SampleComparison?
    }

    /// A reuse: the earlier candidate (-1: the seed) and what the twin gets from it.
    public struct Reuse: Sendable, Equatable {
        public var sameCodeAs: Int
        public var verdict: Verdict
        public var decision: Decision
        public var detail: String
        public var comparison: SampleComparison?
    }

    /// The first candidate seen with each image.
    private var first: [String: Conclusion] = [:]
    /// Images by source hash (the seed's and every candidate's that has one).
    private var imageOfSource: [String: String] = [:]
    /// Candidate index by source hash (for naming the incumbent).
    private var indexOfSource: [String: Int] = [:]

    public init(seedSHA256: String, seedImage: String?) {
        if let seedImage { imageOfSource[seedSHA256] = seedImage }
        indexOfSource[seedSHA256] = -1
    }

    /// Records a decided candidate (in candidate order); twins never replace the first of their image.
    public mutating func record(_ c: Conclusion, sha256: String, image: String?) {
        indexOfSource[sha256] = c.index
        guard let image else { return }
        imageOfSource[sha256] = image
        if first[image] == nil { first[image] = c }
    }

    /// Verdicts that depend only on the kernel, not on the incumbent it was compared with.
    static let kernelVerdicts: Set<Verdict> = [.wrongOutput, .crashed, .timeout, .memoryViolation, .inputModified, .sandboxViolation, .resourceLimit]

    /// What a candidate with `image`, compared with `incumbentSHA256`, may take from an earlier twin.
    public func reuse(image: String, incumbentSHA256: String) -> Reuse? {
        if imageOfSource[incumbentSHA256] == image, let index = indexOfSource[incumbentSHA256] {
            let name = index < 0 ? "the seed" : "candidate \(index)"
            return Reuse(sameCodeAs: index, verdict: .screenedOut, decision: .notFaster,
                         detail: "same machine code as the incumbent (\(name)): not faster", comparison: nil)
        }
        guard let twin = first[image] else { return nil }
        let prefix = "same machine code as candidate \(twin.index)"
        if twin.decision == .differentialMismatch || (Self.kernelVerdicts.contains(twin.verdict) && twin.stage != .cheap) {
            return Reuse(sameCodeAs: twin.index, verdict: twin.verdict, decision: twin.decision == .differentialMismatch ? .differentialMismatch : .rejected,
                         detail: "\(prefix): \(twin.detail)", comparison: nil)
        }
        if twin.decision == .notFaster, twin.incumbentSHA256 == incumbentSHA256, twin.verdict == .screenedOut || twin.verdict == .passed {
            return Reuse(sameCodeAs: twin.index, verdict: twin.verdict, decision: .notFaster, detail: "\(prefix): \(twin.detail.isEmpty ? "not faster" : twin.detail)",
                         comparison: twin.comparison)
        }
        return nil
    }
}
