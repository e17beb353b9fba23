import Foundation

/// When a candidate counts as faster than the incumbent: its Hodges–Lehmann shift is at least
/// `minimumGain` of the incumbent's median AND the one-sided Mann–Whitney test is significant at `alpha`.
public struct PromotionRule: Codable, Sendable, Equatable {
    /// Smallest relative gain that counts (0.02 = 2%).
    public var minimumGain: Double
    /// Significance level of the one-sided Mann–Whitney U test.
    public var alpha: Double

    /// The default rule: 2% and alpha 0.01.
    public static let standard = PromotionRule(minimumGain: 0.02, alpha: 0.01)

    public init(minimumGain: Double, alpha: Double) {
        self.minimumGain = minimumGain
        self.alpha = alpha
    }

    /// Whether the rule promotes the candidate of this comparison.
    public func promotes(_ comparison: SampleComparison) -> Bool {
        comparison.relativeGain >= minimumGain && comparison.pValue < alpha
    }

    /// Whether the difference is statistically significant (regardless of its size).
    public func isSignificant(_ comparison: SampleComparison) -> Bool {
        comparison.pValue < alpha
    }
}
