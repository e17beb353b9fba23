import Foundation

/// A sandbox's `manifest.json`: what the kernel is called, what it may link, how it is limited and
/// how it is benchmarked.
public struct SandboxManifest: Codable, Sendable, Equatable {
    /// Sandbox name (the folder name).
    public var name: String
    /// One-line description.
    public var description: String
    /// The C contract's entry symbol.
    public var entry: String
    /// External symbols a kernel may call (provided by the worker; see `providedSymbols`).
    public var allowedSymbols: [String]
    /// Wall-clock deadline of one call, in milliseconds.
    public var deadlineMs: Int
    /// Wall-clock deadline of compiling one kernel, in milliseconds.
    public var compileDeadlineMs: Int
    /// Address-space limit of the sandboxed child for its inputs, outputs and compilation, in MiB.
    public var memoryLimitMb: Int
    /// Largest accepted kernel source, in bytes.
    public var maxSourceBytes: Int
    /// Largest accepted compiled image (code plus static storage), in bytes.
    public var maxImageBytes: Int
    /// The benchmark workload and sampling parameters.
    public var benchmark: BenchmarkSpec
    /// Whether this sandbox's kernel is the evolver's own judge (its scoring kernel). Exactly one
    /// sandbox declares it; its promoted kernels may be adopted, through the adoption guard.
    public var judge: Bool?

    enum CodingKeys: String, CodingKey {
        case name, description, entry, benchmark, judge
        case allowedSymbols = "allowed_symbols"
        case deadlineMs = "deadline_ms"
        case compileDeadlineMs = "compile_deadline_ms"
        case memoryLimitMb = "memory_limit_mb"
        case maxSourceBytes = "max_source_bytes"
        case maxImageBytes = "max_image_bytes"
    }

    /// Symbols the worker can provide to kernels (pure functions without system calls).
    public static let providedSymbols: Set<String> = ["memcpy", "memset", "memmove", "memcmp", "abs", "labs", "llabs"]

    /// Checks limits and symbols. - Throws: `HarnessFailure` with a reason.
    public func validate() throws {
        let unknown = Set(allowedSymbols).subtracting(Self.providedSymbols)
        guard unknown.isEmpty else {
            throw HarnessFailure("allowed_symbols names \(unknown.sorted().joined(separator: ", ")), which the worker cannot provide (it provides \(Self.providedSymbols.sorted().joined(separator: ", ")))")
        }
        guard (1...600_000).contains(deadlineMs) else { throw HarnessFailure("deadline_ms must be 1...600000") }
        guard (1...600_000).contains(compileDeadlineMs) else { throw HarnessFailure("compile_deadline_ms must be 1...600000") }
        guard (1...65536).contains(memoryLimitMb) else { throw HarnessFailure("memory_limit_mb must be 1...65536") }
        guard (1...(1 << 20)).contains(maxSourceBytes) else { throw HarnessFailure("max_source_bytes must be 1...1048576") }
        guard (1...(1 << 30)).contains(maxImageBytes) else { throw HarnessFailure("max_image_bytes must be 1...2^30") }
        try benchmark.validate()
    }
}

/// How a sandbox's kernels are benchmarked.
public struct BenchmarkSpec: Codable, Sendable, Equatable {
    /// Describes the generator only: benchmarks draw their inputs fresh from the check's or the
    /// run's seed, never from this public one (a kernel could regenerate and memorize them). Kept,
    /// optional, so that manifests that state it still load; tools that want one fixed pass use it.
    public var workloadSeed: UInt64?
    /// Incumbent/candidate pairs run and discarded before sampling.
    public var warmupPairs: Int
    /// Timed samples per side.
    public var samples: Int
    /// Target length of one timed window, in milliseconds.
    public var windowMs: Double
    /// Cap on workload passes per window.
    public var maxReps: Int
    /// The workload: classes of generated cases.
    public var workload: [WorkloadClass]
    /// Children the samples are spread over, kernel order swapped in every other one (default 3):
    /// a child's memory layout can favour one side, and spreading turns that bias into spread.
    public var children: Int?
    /// Samples per side in each round of a run's speed screen (default 12); fewer for workloads
    /// whose pass takes long, so the screen stays much cheaper than the whole suite.
    public var screenSamples: Int?

    /// Benchmark children when the manifest does not say.
    public static let defaultChildren = 3

    enum CodingKeys: String, CodingKey {
        case samples, workload, children
        case screenSamples = "screen_samples"
        case workloadSeed = "workload_seed"
        case warmupPairs = "warmup_pairs"
        case windowMs = "window_ms"
        case maxReps = "max_reps"
    }

    func validate() throws {
        guard (0...1000).contains(warmupPairs) else { throw HarnessFailure("benchmark.warmup_pairs must be 0...1000") }
        guard (5...1024).contains(samples) else { throw HarnessFailure("benchmark.samples must be 5...1024") }
        guard windowMs > 0, windowMs <= 10_000 else { throw HarnessFailure("benchmark.window_ms must be in (0, 10000]") }
        guard maxReps >= 1 else { throw HarnessFailure("benchmark.max_reps must be at least 1") }
        if let children, !(1...samples).contains(children) { throw HarnessFailure("benchmark.children must be 1...samples") }
        if let screenSamples, !(3...1024).contains(screenSamples) { throw HarnessFailure("benchmark.screen_samples must be 3...1024") }
        guard !workload.isEmpty, workload.allSatisfy({ $0.count >= 1 }) else { throw HarnessFailure("benchmark.workload needs at least one class with count >= 1") }
    }
}
