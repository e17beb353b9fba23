/// A seeded, splittable pseudo-random generator (SplitMix64, Steele et al. 2014).
///
/// Every random choice in the evolver comes from one of these, so a run is reproducible from its
/// seed. The state is a single `UInt64` and can be recorded and restored.
public struct SplitMix64: RandomNumberGenerator, Sendable, Codable, Equatable {
    /// The generator's whole state.
    public private(set) var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) {
        state = seed
    }

    /// Returns the next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A new generator whose stream is independent of this one's continuation.
    public mutating func split() -> SplitMix64 {
        SplitMix64(seed: next())
    }
}

extension SplitMix64 {
    /// A uniform integer in `range`, by Lemire's multiply-and-reject method (fixed here, so the
    /// stream does not depend on the standard library's algorithm).
    public mutating func int(in range: ClosedRange<Int64>) -> Int64 {
        let span = UInt64(bitPattern: range.upperBound &- range.lowerBound) &+ 1
        if span == 0 { return Int64(bitPattern: next()) }
        var m = next().multipliedFullWidth(by: span)
        if m.low < span {
            let threshold = (0 &- span) % span
            while m.low < threshold { m = next().multipliedFullWidth(by: span) }
        }
        return range.lowerBound &+ Int64(bitPattern: m.high)
    }

    /// A uniform `Int` in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        Int(int(in: Int64(range.lowerBound)...Int64(range.upperBound)))
    }

    /// A uniform `Int` in `0..<bound` (bound > 0).
    public mutating func below(_ bound: Int) -> Int {
        int(in: 0...(bound - 1))
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Shuffles `array` in place (Fisher–Yates).
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, below(i + 1))
        }
    }
}
