import Foundation

/// The judge sandbox's seed scorer, compiled in-process and called for comparisons between
/// benchmark samples. Only the seed runs in-process: it ships with the evolver, under the lock.
/// Any other scoring kernel runs sandboxed (`SandboxedScorer`).
///
/// Its contract: `int score(const long long *a, int n, const long long *b, int m, long long *scratch, long long *out)`.
///
/// Safe to call from several threads: the instance is immutable and every call passes its own
/// buffers (a promoted kernel passed validation, which rejects kernels that write their own static storage).
public final class ScoringKernel: @unchecked Sendable {
    private typealias Function = @convention(c) (
        UnsafePointer<Int64>?, Int32, UnsafePointer<Int64>?, Int32, UnsafeMutablePointer<Int64>?, UnsafeMutablePointer<Int64>?
    ) -> Int32

    private let module: TrustedKernelModule
    private let function: Function
    /// The kernel source.
    public let source: String
    /// SHA-256 of the kernel source.
    public let sourceSHA256: String
    /// Largest sample count per side the contract allows.
    public static let maxSamples = 1024
    /// Largest sample value the contract allows (exclusive).
    public static let valueLimit: Int64 = 1 << 40

    /// Sample counts and values the contract allows. - Throws: `EvolverError.scoringKernel`.
    static func checkContract(_ a: [Int64], _ b: [Int64]) throws {
        guard (1...Self.maxSamples).contains(a.count), (1...Self.maxSamples).contains(b.count) else {
            throw EvolverError.scoringKernel("sample counts \(a.count) and \(b.count) must be 1...\(Self.maxSamples)")
        }
        guard (a + b).allSatisfy({ $0 >= 0 && $0 < Self.valueLimit }) else {
            throw EvolverError.scoringKernel("sample values must lie in [0, 2^40)")
        }
    }

    /// Compiles the kernel. - Throws: `EvolverError.scoringKernel`.
    public init(source: String, symbols: [String] = ["memcpy", "memset", "memmove"]) throws {
        module = try TrustedKernelModule(source: source, entry: "score", symbols: symbols)
        function = unsafeBitCast(module.entry, to: Function.self)
        self.source = source
        sourceSHA256 = Hashing.sha256Hex(source)
    }

    /// Compiles the active version of the `score` sandbox (until promotions exist: its seed).
    public convenience init(scoreSandbox: Sandbox) throws {
        try self.init(source: scoreSandbox.seedSource, symbols: scoreSandbox.manifest.allowedSymbols)
    }

    /// Compares incumbent samples `a` with candidate samples `b`.
    /// - Throws: `EvolverError.scoringKernel` when the sample counts or values are outside the contract.
    public func compare(incumbent a: [Int64], candidate b: [Int64]) throws -> SampleComparison {
        try Self.checkContract(a, b)
        var scratch = [Int64](repeating: 0, count: a.count * b.count + a.count + b.count)
        var out = [Int64](repeating: 0, count: 4)
        let rc = a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                scratch.withUnsafeMutableBufferPointer { ps in
                    out.withUnsafeMutableBufferPointer { po in
                        function(pa.baseAddress, Int32(a.count), pb.baseAddress, Int32(b.count), ps.baseAddress, po.baseAddress)
                    }
                }
            }
        }
        guard rc == 0 else { throw EvolverError.scoringKernel("score returned \(rc)") }
        return SampleComparison(n: a.count, m: b.count, twiceU: out[0], twiceMedianIncumbent: out[1], twiceMedianCandidate: out[2], twiceShift: out[3])
    }
}
