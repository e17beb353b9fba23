import Foundation

/// How an arm's window of candidates (each with its validated gain and evaluation time) becomes
/// its credit, in gain per second of evaluation.
public enum CreditScheme: String, Codable, Sendable, CaseIterable {
    /// Extreme value: the largest single gain in the window over the mean evaluation time of a
    /// candidate. Gains in kernel evolution are rare and heavy-tailed (one graft is worth a
    /// hundred local edits), so the best recent outcome says more than the average.
    case extreme
    /// The window's total gain over its total evaluation time.
    case mean

    /// The scheme new runs use (the README's comparison says why).
    public static let standard = CreditScheme.extreme

    /// The credit of a window: gains and times of its own candidates, and `prior`, earlier runs'
    /// tally standing in for the window's oldest `priorWeight` candidates (scaled to that many).
    func credit(gains: [Double], seconds: [Double], prior: PriorShare) -> Double {
        let time = seconds.reduce(0, +) + prior.seconds
        let count = Double(gains.count) + prior.attempts
        guard count > 0, time > 0 else { return 0 }
        switch self {
        case .extreme:
            let best = max(gains.max() ?? 0, prior.attempts > 0 ? prior.bestGain : 0)
            return best / (time / count)
        case .mean:
            return (gains.reduce(0, +) + prior.gain) / time
        }
    }

    /// Earlier runs' share of a window, already scaled to the slots it fills.
    struct PriorShare {
        var attempts: Double
        var gain: Double
        var bestGain: Double
        var seconds: Double
        static let none = PriorShare(attempts: 0, gain: 0, bestGain: 0, seconds: 0)
    }
}
