import Foundation

/// The seed of a candidate's benchmark inputs in a run: derived from the run's seed, the
/// candidate's index and the benchmark's purpose, so every benchmark draws inputs of its own that
/// no kernel can know in advance, and a replay (or `replay --remeasure`) draws exactly the same.
public enum BenchmarkSeed {
    /// Which benchmark of a candidate the inputs are for.
    public enum Purpose: UInt64, Sendable {
        case screen = 1, deciding = 0x10, confirmation = 0x11, remeasure = 0x12, adoption = 0x13, minimization = 0x14, ablation = 0x15
    }

    /// The seed for one benchmark; `round` tells the rounds of a speed screen apart.
    public static func derive(runSeed: UInt64, candidate: Int, purpose: Purpose, round: Int = 0) -> UInt64 {
        var mix = SplitMix64(seed: runSeed ^ 0xBE9C_4A11_0000_0000 ^ (UInt64(candidate) &* 0x9E37_79B9_7F4A_7C15)
                             ^ (purpose.rawValue << 48) ^ UInt64(round))
        return mix.next()
    }
}
