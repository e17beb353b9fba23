import Foundation
import RunStore

/// The first case a kernel got wrong, with what was expected and what it produced.
public struct CaseFailure: Codable, Sendable, Equatable {
    public var caseId: String
    public var expected: String
    public var actual: String

    enum CodingKeys: String, CodingKey {
        case caseId = "case"
        case expected, actual
    }
}

/// The result of compiling a kernel and running it over (part of) the fixed suite.
public struct ValidationOutcome: Codable, Sendable, Equatable {
    public var verdict: Verdict
    /// One line saying what happened (empty when passed).
    public var detail: String
    /// Cases whose every call matched the expected result.
    public var passed: Int
    /// Cases in the validation.
    public var total: Int
    public var firstFailure: CaseFailure?
    public var compileNs: UInt64
    public var imageBytes: UInt64
    /// Compiler diagnostics with `kernel.c:line:` positions.
    public var diagnostics: [String]
    /// Lowercase hex SHA-256 of the kernel's relocated code and data in a canonical form that does
    /// not depend on where the image or libc were mapped: equal for two kernels only when they
    /// compiled to the same machine code (see CSandbox's image_id.c). Nil when it did not compile.
    public var imageSHA256: String? = nil
}

/// The result of timing a candidate against an incumbent, each in its own sandboxed child.
public struct BenchmarkOutcome: Codable, Sendable, Equatable {
    /// `passed`, or why the benchmark could not be completed (the candidate crashed, timed out or
    /// its workload outputs differed from the incumbent's).
    public var verdict: Verdict
    public var detail: String
    /// Nanoseconds per workload pass, one per window, for each side.
    public var incumbentSamples: [Int64]
    public var candidateSamples: [Int64]
    /// Workload passes per timed window of the candidate (calibrated from its own time).
    public var reps: Int
    /// Median round trip of an empty window (the timer's overhead, subtracted from every window).
    public var overheadNs: UInt64
    /// Median length of the candidate's windows in nanoseconds.
    public var windowNs: UInt64
    /// Workload passes per timed window of the incumbent (calibrated from its own time).
    public var incumbentReps: Int = 0
    /// The seed the benchmark's inputs were drawn from.
    public var inputSeed: UInt64 = 0

    /// What a run journals of it: the samples, or how it failed.
    public var evidence: BenchmarkEvidence {
        verdict == .passed ? BenchmarkEvidence(incumbent: incumbentSamples, candidate: candidateSamples)
            : .failed(verdict: verdict.rawValue, detail: detail)
    }
}

/// What one call returned: the return value and the raw bytes of each output parameter.
public struct CallResult: Sendable, Equatable {
    public var ret: Int64
    public var outputs: [[UInt8]]
}
