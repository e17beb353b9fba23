import Foundation

/// What the scoring kernel says about two sets of timing samples (incumbent `a`, candidate `b`).
///
/// The kernel returns doubled integers (`out[0..3]`); this type halves them and derives the
/// one-sided Mann–Whitney p-value (normal approximation with continuity correction; ties are not
/// corrected for, which makes the test slightly conservative).
public struct SampleComparison: Codable, Sendable, Equatable {
    public var n: Int
    public var m: Int
    /// Twice the Mann–Whitney U that the candidate is faster.
    public var twiceU: Int64
    public var twiceMedianIncumbent: Int64
    public var twiceMedianCandidate: Int64
    /// Twice the Hodges–Lehmann shift (median of a[i] - b[j]); positive means the candidate is faster.
    public var twiceShift: Int64

    public var u: Double { Double(twiceU) / 2 }
    public var medianIncumbent: Double { Double(twiceMedianIncumbent) / 2 }
    public var medianCandidate: Double { Double(twiceMedianCandidate) / 2 }
    /// Hodges–Lehmann shift in nanoseconds.
    public var shift: Double { Double(twiceShift) / 2 }

    /// The shift as a fraction of the incumbent's median (0.05 = candidate 5% faster).
    public var relativeGain: Double {
        medianIncumbent > 0 ? shift / medianIncumbent : 0
    }

    /// The speedup the Hodges–Lehmann shift estimates: the incumbent's median over the incumbent's
    /// median less the shift. Above 1 exactly when the gain is positive, so it never contradicts
    /// the significance line (`check` reports it).
    public var shiftSpeedup: Double {
        let candidate = medianIncumbent - shift
        return candidate > 0 ? medianIncumbent / candidate : 0
    }

    /// Incumbent median over candidate median.
    public var speedup: Double {
        medianCandidate > 0 ? medianIncumbent / medianCandidate : 0
    }

    /// One-sided p-value of "the candidate is faster".
    public var pValue: Double {
        let nm = Double(n * m)
        let mean = nm / 2
        let sd = (nm * Double(n + m + 1) / 12).squareRoot()
        guard sd > 0 else { return 1 }
        let z = (u - mean - 0.5) / sd
        return 0.5 * erfc(z / 2.0.squareRoot())
    }
}
