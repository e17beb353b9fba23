import Foundation
import RunStore

/// Adaptive operator selection: a multi-armed bandit over the run's arms (its operators, and
/// crossover when the run makes crossovers), credited with validated gain per second of
/// evaluation over a sliding window of each arm's candidates, drawn by probability matching with
/// a floor of uniform exploration.
///
/// The state is a pure fold of the journal: the prior (earlier runs' tallies, recorded with the
/// run) and the run's own candidates in order. A replay or a resumed run that folds the same
/// journal draws exactly as the run did.
public struct OperatorPolicy: Sendable {
    public let settings: PolicySettings
    /// The arms, in draw order (the run's operators, then crossover).
    public let arms: [String]
    /// The uniform distribution over `arms`: crossover at the run's share, operators alike.
    let baseline: [Double]
    /// Earlier runs' tallies per arm (empty for `fresh`).
    public let prior: [String: ArmTally]
    /// The run's own tallies per arm.
    public private(set) var own: [String: ArmTally] = [:]
    /// Each arm's most recent candidates (gain, seconds), oldest first, at most `settings.window`.
    private var windows: [String: [(gain: Double, seconds: Double)]] = [:]

    /// - Parameters:
    ///   - operators: the run's operators, in its recorded order.
    ///   - crossoverShare: the run's share of crossover offspring (0: crossover is not an arm).
    public init(settings: PolicySettings, operators: [String], crossoverShare: Double, prior: [String: ArmTally]) {
        self.settings = settings
        let crossover = crossoverShare > 0 && !operators.isEmpty
        arms = operators + (crossover ? [ArmApplication.crossoverArm] : [])
        let each = operators.isEmpty ? 0 : (crossover ? 1 - crossoverShare : 1) / Double(operators.count)
        baseline = operators.map { _ in each } + (crossover ? [crossoverShare] : [])
        self.prior = settings.mode == .learned ? prior : [:]
    }

    /// Takes a decided candidate into account.
    public mutating func record(_ application: ArmApplication) {
        own[application.arm, default: ArmTally()] = own[application.arm, default: ArmTally()] + application.tally
        var window = windows[application.arm, default: []]
        window.append((application.gain, application.seconds))
        if window.count > settings.window { window.removeFirst(window.count - settings.window) }
        windows[application.arm] = window
    }

    /// An arm's credit: validated gain per second of evaluation, from its window.
    public func credit(_ arm: String) -> Double {
        let window = windows[arm] ?? []
        var share = CreditScheme.PriorShare.none
        if let p = prior[arm], p.attempts > 0, window.count < settings.window {
            let scale = min(1, Double(settings.window - window.count) / Double(p.attempts))
            share = .init(attempts: Double(p.attempts) * scale, gain: p.gain * scale, bestGain: p.bestGain, seconds: p.seconds * scale)
        }
        return settings.credit.credit(gains: window.map(\.gain), seconds: window.map(\.seconds), prior: share)
    }

    /// Each arm's probability of being drawn, aligned with `arms`: the uniform distribution when
    /// nothing is credited yet (and always for `uniform`), else `exploration` of it plus the rest
    /// in proportion to the arms' credits.
    public func probabilities() -> [Double] {
        guard settings.mode != .uniform else { return baseline }
        let credits = arms.map(credit)
        let total = credits.reduce(0, +)
        guard total > 0, total.isFinite else { return baseline }
        let e = settings.exploration
        return zip(baseline, credits).map { e * $0 + (1 - e) * $1 / total }
    }

    /// Draws an arm with `probabilities()` (one number from `rng`).
    public func draw(_ rng: inout SplitMix64) -> String {
        draw(&rng, excluding: []) ?? arms.last ?? ArmApplication.crossoverArm
    }

    /// Draws an arm with `probabilities()` restricted to the arms not in `excluded` (one number
    /// from `rng`), or nil when none of them can be drawn.
    public func draw(_ rng: inout SplitMix64, excluding excluded: Set<String>) -> String? {
        let p = zip(arms, probabilities()).map { excluded.contains($0) ? 0 : $1 }
        let total = p.reduce(0, +)
        guard total > 0 else { return nil }
        let u = rng.unit() * total
        var sum = 0.0
        for (arm, q) in zip(arms, p) where q > 0 {
            sum += q
            if u < sum { return arm }
        }
        return zip(arms, p).filter { $0.1 > 0 }.last?.0
    }

    /// The tallies of earlier runs a new `learned` run on the same sandbox starts from: the sum of
    /// their own tallies, arm by arm.
    public static func combined(_ records: [RunPolicyRecord]) -> [String: ArmTally] {
        records.reduce(into: [:]) { sum, r in
            for (arm, t) in r.learned { sum[arm] = (sum[arm] ?? ArmTally()) + t }
        }
    }
}
