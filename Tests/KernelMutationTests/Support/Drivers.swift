import KernelTestSupport
/// `int score(const long long *a, int n, const long long *b, int m, long long *scratch, long long *out)`
typealias ScoreFunction = @convention(c) (UnsafePointer<Int64>?, Int32, UnsafePointer<Int64>?, Int32,
                                          UnsafeMutablePointer<Int64>?, UnsafeMutablePointer<Int64>?) -> Int32
/// `int sw_score(const unsigned char *a, int n, const unsigned char *b, int m, const signed char *sub,
/// int k, int open, int extend, int *scratch)`
typealias SmithWatermanFunction = @convention(c) (UnsafePointer<UInt8>?, Int32, UnsafePointer<UInt8>?, Int32,
                                                  UnsafePointer<Int8>?, Int32, Int32, Int32,
                                                  UnsafeMutablePointer<Int32>?) -> Int32
/// `long long run(int *a, int n)` (the corpus convention).
typealias RunFunction = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int64

/// How to call a kernel, and what of its behaviour is observable: for every deterministic test
/// input, a fingerprint of the return value and all outputs.
enum Driver: Sendable {
    case score, smithWaterman, run

    /// Sizes used for arrays: empty, tiny, around every unroll factor, and larger.
    static let sizes = [0, 1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 16, 17, 23, 31, 40]

    /// One fingerprint per input for the function `symbol` in `library`.
    func fingerprints(_ library: SharedLibrary, symbol: String) throws -> [[Int64]] {
        var rng = SplitMix64(state: 0xC0FFEE)
        switch self {
        case .score:
            let f = try library.function(named: symbol, as: ScoreFunction.self)
            return (0..<64).map { trial in
                let n = trial % 9 == 0 ? 0 : Driver.sizes[rng.below(Driver.sizes.count)]
                let m = trial % 11 == 0 ? 0 : Driver.sizes[rng.below(Driver.sizes.count)]
                let span = [3, 50, 2_000_000_000][trial % 3]
                let a = (0..<max(n, 1)).map { _ in Int64(rng.within(-span...span)) }
                let b = (0..<max(m, 1)).map { _ in Int64(rng.within(-span...span)) }
                var scratch = [Int64](repeating: 0x5A5A, count: n * m + n + m + 1)
                var out = [Int64](repeating: -7, count: 4)
                let status = f(a, Int32(n), b, Int32(m), &scratch, &out)
                return [Int64(status)] + out
            }
        case .smithWaterman:
            let f = try library.function(named: symbol, as: SmithWatermanFunction.self)
            return (0..<64).map { trial in
                let n = trial % 13 == 0 ? 0 : Driver.sizes[rng.below(Driver.sizes.count)]
                let m = trial % 7 == 0 ? 0 : Driver.sizes[rng.below(Driver.sizes.count)]
                let k = [4, 20][trial % 2]
                let a = (0..<max(n, 1)).map { _ in UInt8(rng.below(k)) }
                let b = (0..<max(m, 1)).map { _ in UInt8(rng.below(k)) }
                let sub = (0..<(k * k)).map { _ in Int8(rng.within(-6...7)) }
                let open = rng.within(0...12)
                let extend = rng.within(0...open)
                var scratch = [Int32](repeating: 77, count: 3 * (m + 1))
                let score = f(a, Int32(n), b, Int32(m), sub, Int32(k), Int32(open), Int32(extend), &scratch)
                return [Int64(score)]
            }
        case .run:
            let f = try library.function(named: symbol, as: RunFunction.self)
            var inputs: [[Int32]] = []
            for size in [0, 1, 2, 3, 5, 8, 9, 13, 16, 17, 31, 64, 100] {
                inputs.append((0..<size).map { _ in Int32(rng.within(-1000...1000)) })
                inputs.append((0..<size).map { _ in Int32(rng.below(4)) })
            }
            return inputs.map { input in
                var buffer = input + [0]  // never hand out a null pointer, even for n == 0
                let result = f(&buffer, Int32(input.count))
                return [result] + buffer.prefix(input.count).map(Int64.init)
            }
        }
    }
}
