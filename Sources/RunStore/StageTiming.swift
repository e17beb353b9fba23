import Foundation

/// Where a candidate's evaluation time went, stage by stage, in nanoseconds of wall time spent in
/// the stage's work (compilation included in `cheap`; waiting for a quiet machine excluded).
/// A cost: it weighs what a run learned about its operators, never whether a candidate is correct
/// or faster.
public struct StageTiming: Codable, Sendable, Equatable {
    /// Compilation and the cheapest suite cases.
    public var cheapNs: UInt64
    /// The speed screen's rounds.
    public var screenNs: UInt64
    /// The whole suite.
    public var suiteNs: UInt64
    /// The deciding benchmark.
    public var benchmarkNs: UInt64
    /// The confirmation benchmark.
    public var confirmationNs: UInt64
    /// The differential test against the seed.
    public var differentialNs: UInt64

    public init(cheapNs: UInt64 = 0, screenNs: UInt64 = 0, suiteNs: UInt64 = 0, benchmarkNs: UInt64 = 0,
                confirmationNs: UInt64 = 0, differentialNs: UInt64 = 0) {
        self.cheapNs = cheapNs
        self.screenNs = screenNs
        self.suiteNs = suiteNs
        self.benchmarkNs = benchmarkNs
        self.confirmationNs = confirmationNs
        self.differentialNs = differentialNs
    }

    /// Every stage's time, with its name, in evaluation order.
    public var stages: [(name: String, ns: UInt64)] {
        [("cheap", cheapNs), ("screen", screenNs), ("suite", suiteNs), ("benchmark", benchmarkNs),
         ("confirmation", confirmationNs), ("differential", differentialNs)]
    }

    /// The whole evaluation's time.
    public var totalNs: UInt64 { stages.reduce(0) { $0 &+ $1.ns } }

    enum CodingKeys: String, CodingKey {
        case cheapNs = "cheap_ns"
        case screenNs = "screen_ns"
        case suiteNs = "suite_ns"
        case benchmarkNs = "benchmark_ns"
        case confirmationNs = "confirmation_ns"
        case differentialNs = "differential_ns"
    }
}
