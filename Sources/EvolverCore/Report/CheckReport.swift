import Foundation

/// Everything `evolver check` concluded about one kernel (its JSON form is a contract).
public struct CheckReport: Codable, Sendable, Equatable {
    public struct Validation: Codable, Sendable, Equatable {
        public var passed: Int
        public var total: Int
        public var firstFailure: CaseFailure?

        enum CodingKeys: String, CodingKey {
            case passed, total
            case firstFailure = "first_failure"
        }
    }

    public struct Benchmark: Codable, Sendable, Equatable {
        /// Candidate's median nanoseconds per workload pass.
        public var medianNs: Double
        /// Seed's median nanoseconds per workload pass.
        public var seedMedianNs: Double
        /// Seed median over candidate median.
        public var speedup: Double
        /// One-sided Mann–Whitney significant at the rule's alpha.
        public var significant: Bool
        /// Whether the promotion rule (gain and significance) would promote it.
        public var wouldPromote: Bool
        public var pValue: Double
        /// Hodges–Lehmann shift relative to the seed's median (0.05 = 5% faster).
        public var gain: Double
        public var samples: Int
        public var reps: Int
        public var windowMs: Double
        /// Timer overhead relative to one window, in percent.
        public var timerOverheadPercent: Double
        /// The candidate's samples (nanoseconds per pass), in measurement order.
        public var samplesNs: [Int64] = []
        /// The seed's samples, paired with `samplesNs` (the same window pair).
        public var seedSamplesNs: [Int64] = []
        /// Passes per window of the seed (each side's repetitions are calibrated from its own time).
        public var seedReps: Int = 0

        enum CodingKeys: String, CodingKey {
            case speedup, significant, gain, samples, reps
            case samplesNs = "samples_ns"
            case seedSamplesNs = "seed_samples_ns"
            case seedReps = "seed_reps"
            case medianNs = "median_ns"
            case seedMedianNs = "seed_median_ns"
            case wouldPromote = "would_promote"
            case pValue = "p_value"
            case windowMs = "window_ms"
            case timerOverheadPercent = "timer_overhead_percent"
        }
    }

    public var sandbox: String
    public var kernelPath: String
    public var kernelSHA256: String
    /// The seed of every random choice (case order, poison, differential and benchmark inputs).
    public var seed: UInt64
    public var verdict: Verdict
    public var detail: String
    public var validation: Validation
    /// Agreement with the seed on fresh random inputs across the contract (nil when not run).
    public var differential: DifferentialOutcome?
    public var benchmark: Benchmark?
    public var compileMs: Double
    public var imageBytes: UInt64
    public var diagnostics: [String]
    public var scoringKernelSHA256: String
    public var lockSHA256: String

    enum CodingKeys: String, CodingKey {
        case sandbox, seed, verdict, detail, validation, differential, benchmark, diagnostics
        case kernelPath = "kernel"
        case kernelSHA256 = "kernel_sha256"
        case compileMs = "compile_ms"
        case imageBytes = "image_bytes"
        case scoringKernelSHA256 = "scoring_kernel_sha256"
        case lockSHA256 = "lock_sha256"
    }

    /// `differential` and `benchmark` are always present in JSON (null when they did not run).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sandbox, forKey: .sandbox)
        try c.encode(kernelPath, forKey: .kernelPath)
        try c.encode(kernelSHA256, forKey: .kernelSHA256)
        try c.encode(seed, forKey: .seed)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(detail, forKey: .detail)
        try c.encode(validation, forKey: .validation)
        if let differential { try c.encode(differential, forKey: .differential) } else { try c.encodeNil(forKey: .differential) }
        if let benchmark { try c.encode(benchmark, forKey: .benchmark) } else { try c.encodeNil(forKey: .benchmark) }
        try c.encode(compileMs, forKey: .compileMs)
        try c.encode(imageBytes, forKey: .imageBytes)
        try c.encode(diagnostics, forKey: .diagnostics)
        try c.encode(scoringKernelSHA256, forKey: .scoringKernelSHA256)
        try c.encode(lockSHA256, forKey: .lockSHA256)
    }

    /// Pretty, stable JSON.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
