import Foundation

/// The last stage a candidate's evaluation reached.
public enum EvaluationStage: String, Codable, Sendable, CaseIterable {
    /// The cheapest suite cases (compilation included).
    case cheap
    /// The short speed screen against the incumbent.
    case screen
    /// The whole fixed suite.
    case suite
    /// The deciding benchmark (it failed, or the run stopped before deciding).
    case benchmark
    /// Measured and decided by the promotion rule.
    case decided
}

/// A benchmark's failure: the verdict and its one-line detail, as the worker observed them.
public struct BenchmarkFailure: Codable, Sendable, Equatable {
    public var verdict: String
    public var detail: String

    public init(verdict: String, detail: String) {
        self.verdict = verdict
        self.detail = detail
    }
}

/// One benchmark of a candidate against its incumbent: the timing samples of each side in window
/// order, or how the benchmark failed (a failed benchmark has no samples).
public struct BenchmarkEvidence: Codable, Sendable, Equatable {
    public var incumbent: [Int64]
    public var candidate: [Int64]
    public var failure: BenchmarkFailure?

    public init(incumbent: [Int64], candidate: [Int64], failure: BenchmarkFailure? = nil) {
        self.incumbent = incumbent
        self.candidate = candidate
        self.failure = failure
    }

    /// A benchmark that failed with `verdict`.
    public static func failed(verdict: String, detail: String) -> BenchmarkEvidence {
        BenchmarkEvidence(incumbent: [], candidate: [], failure: BenchmarkFailure(verdict: verdict, detail: detail))
    }
}

/// What the differential test against the seed found on fresh inputs.
public struct DifferentialEvidence: Codable, Sendable, Equatable {
    /// Fresh inputs drawn.
    public var inputs: Int
    /// Whether the candidate agreed with the seed on every one.
    public var agreed: Bool
    /// The first disagreement, in one line.
    public var detail: String?

    public init(inputs: Int, agreed: Bool, detail: String?) {
        self.inputs = inputs
        self.agreed = agreed
        self.detail = detail
    }
}

/// Everything measured about a candidate that a decision rests on, in named parts: the speed
/// screen's rounds, the deciding benchmark, the confirmation benchmark and the differential test.
/// A part is absent when the candidate never reached it.
public struct CandidateEvidence: Codable, Sendable, Equatable {
    public var screenRounds: [BenchmarkEvidence]
    public var deciding: BenchmarkEvidence?
    public var confirmation: BenchmarkEvidence?
    public var differential: DifferentialEvidence?
    /// Lowercase hex SHA-256 of the candidate's compiled code and data (canonical, independent of
    /// where it was loaded), taken when it passed the cheap cases; nil before it did, or in runs
    /// recorded before machine-code identity existed.
    public var image: String?
    /// The earlier candidate whose machine code is identical (-1: the seed), when this candidate's
    /// verdict and measurements were taken from it instead of evaluating it again.
    public var sameCodeAs: Int?
    /// Where the evaluation's time went (nil in runs recorded before it was measured).
    public var timing: StageTiming?
    /// Comparisons of this candidate an adopted judge failed (nil when there were none).
    public var judgeFailures: [JudgeFailure]?

    public init(screenRounds: [BenchmarkEvidence] = [], deciding: BenchmarkEvidence? = nil,
                confirmation: BenchmarkEvidence? = nil, differential: DifferentialEvidence? = nil,
                image: String? = nil, sameCodeAs: Int? = nil, timing: StageTiming? = nil) {
        self.screenRounds = screenRounds
        self.deciding = deciding
        self.confirmation = confirmation
        self.differential = differential
        self.image = image
        self.sameCodeAs = sameCodeAs
        self.timing = timing
    }

    /// Every benchmark with samples, in the order they were taken.
    public var measuredBenchmarks: [BenchmarkEvidence] {
        (screenRounds + [deciding, confirmation].compactMap { $0 }).filter { $0.failure == nil && !$0.incumbent.isEmpty }
    }

    enum CodingKeys: String, CodingKey {
        case deciding, confirmation, differential, image, timing
        case screenRounds = "screen_rounds"
        case sameCodeAs = "same_code_as"
        case judgeFailures = "judge_failures"
    }
}
