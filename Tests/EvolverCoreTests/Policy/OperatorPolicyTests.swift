import Foundation
import RunStore
import Testing
@testable import EvolverCore

/// The operator-selection policy as a pure fold: what it draws before anything is credited, how
/// each credit scheme weighs a window, that exploration keeps every arm alive, how earlier runs'
/// tallies stand in for a window until this run's own candidates replace them, and that the same
/// journal always gives the same draws.
struct OperatorPolicyTests {
    let operators = ["a", "b", "c", "d"]

    func policy(_ mode: PolicySettings.Mode = .fresh, credit: CreditScheme = .extreme, window: Int = 8, share: Double = 0.2,
                prior: [String: ArmTally] = [:]) -> OperatorPolicy {
        OperatorPolicy(settings: PolicySettings(mode: mode, credit: credit, window: window, exploration: 0.25), operators: operators,
                       crossoverShare: share, prior: prior)
    }

    func application(_ arm: String, gain: Double = 0, seconds: Double = 0.1, promoted: Bool? = nil) -> ArmApplication {
        var a = ArmApplication(arm: arm, verdict: "passed", stage: .decided, decision: "not_faster", speedup: nil, evidence: CandidateEvidence(), compileNs: 0)
        a.gain = gain
        a.seconds = seconds
        a.promoted = promoted ?? (gain > 0)
        return a
    }

    @Test func withNothingCreditedEveryOperatorIsAlikeAndCrossoverHasItsShare() {
        let p = policy().probabilities()
        #expect(policy().arms == operators + ["crossover"])
        #expect(p == [0.2, 0.2, 0.2, 0.2, 0.2])
        var cold = policy()
        for arm in operators { cold.record(application(arm)) }
        #expect(cold.probabilities() == p, "zero gains credit nothing: still uniform")
    }

    @Test func aCreditedArmIsDrawnMoreAndNoArmStarves() {
        var p = policy()
        p.record(application("b", gain: log(1.3)))
        for _ in 0..<5 { p.record(application("a")) }
        let probabilities = p.probabilities()
        #expect(abs(probabilities.reduce(0, +) - 1) < 1e-12)
        #expect(probabilities[1] == 0.25 * 0.2 + 0.75, "the only credited arm takes everything exploration leaves")
        for (i, q) in probabilities.enumerated() where i != 1 { #expect(q == 0.25 * 0.2, "the floor: a quarter of the uniform share") }
        var rng = SplitMix64(seed: 11)
        var counts: [String: Int] = [:]
        for _ in 0..<20_000 { counts[p.draw(&rng), default: 0] += 1 }
        #expect(abs(Double(counts["b"]!) / 20_000 - 0.8) < 0.02)
        for arm in ["a", "c", "d", "crossover"] { #expect(counts[arm, default: 0] > 700, "\(arm) still drawn: \(counts)") }
    }

    @Test func aDrawAmongTheArmsLeftKeepsTheirProportions() {
        var p = policy()
        p.record(application("b", gain: log(1.3)))
        var rng = SplitMix64(seed: 3)
        var counts: [String: Int] = [:]
        for _ in 0..<20_000 { counts[p.draw(&rng, excluding: ["b", "crossover"]) ?? "none", default: 0] += 1 }
        #expect(counts["b"] == nil && counts["crossover"] == nil && counts["none"] == nil)
        for arm in ["a", "c", "d"] { #expect(abs(Double(counts[arm] ?? 0) / 20_000 - 1.0 / 3) < 0.02, "\(counts)") }
        #expect(p.draw(&rng, excluding: Set(p.arms)) == nil)
    }

    @Test func extremeCreditKeepsARareBigGainWhereTheMeanDilutesIt() {
        var extreme = policy(credit: .extreme), mean = policy(credit: .mean)
        for p in [0, 1] {
            var policy = p == 0 ? extreme : mean
            policy.record(application("a", gain: 0.4, seconds: 1))
            for _ in 0..<7 { policy.record(application("a", seconds: 1)) }
            policy.record(application("b", gain: 0.1, seconds: 1))
            policy.record(application("b", gain: 0.1, seconds: 1))
            if p == 0 { extreme = policy } else { mean = policy }
        }
        #expect(abs(extreme.credit("a") - 0.4) < 1e-12, "best gain 0.4 over 1 s per candidate")
        #expect(abs(extreme.credit("b") - 0.1) < 1e-12)
        #expect(abs(mean.credit("a") - 0.05) < 1e-12, "0.4 over 8 s")
        #expect(abs(mean.credit("b") - 0.1) < 1e-12, "0.2 over 2 s")
        #expect(extreme.credit("a") > extreme.credit("b") && mean.credit("a") < mean.credit("b"))
    }

    @Test func creditIsPerSecondOfEvaluation() {
        var p = policy(credit: .mean)
        p.record(application("a", gain: 0.2, seconds: 0.5))
        p.record(application("b", gain: 0.2, seconds: 2))
        #expect(p.credit("a") == 4 * p.credit("b"), "the same gain for a quarter of the time")
    }

    @Test func aGainLeavesTheWindowAfterWindowMoreCandidates() {
        var p = policy(window: 8)
        p.record(application("a", gain: 0.3))
        for _ in 0..<7 { p.record(application("a")) }
        #expect(p.credit("a") > 0)
        p.record(application("a"))
        #expect(p.credit("a") == 0, "eight newer candidates pushed it out")
        #expect(p.own["a"]?.attempts == 9 && p.own["a"]?.promotions == 1 && p.own["a"]?.bestGain == 0.3, "the tallies keep everything")
    }

    @Test func earlierRunsFillTheWindowUntilThisRunsCandidatesReplaceThem() {
        let prior = ["c": ArmTally(attempts: 100, cheapPassed: 90, screenPassed: 20, promotions: 2, gain: 0.5, bestGain: 0.4, seconds: 10)]
        var learned = policy(.learned, window: 8, prior: prior)
        #expect(abs(learned.credit("c") - 0.4 / 0.1) < 1e-9, "best gain over the prior's mean time per candidate")
        #expect(learned.probabilities()[2] > 0.75)
        #expect(policy(.fresh, prior: prior).probabilities() == policy().probabilities(), "fresh ignores earlier runs")
        for _ in 0..<7 { learned.record(application("c", seconds: 0.1)) }
        #expect(learned.credit("c") > 0, "one slot of the prior is left")
        learned.record(application("c", seconds: 0.1))
        #expect(learned.credit("c") == 0, "the run's own eight candidates replaced the prior")
    }

    @Test func uniformNeverAdapts() {
        var p = policy(.uniform, prior: ["a": ArmTally(attempts: 1, promotions: 1, gain: 1, bestGain: 1, seconds: 1)])
        p.record(application("b", gain: 1))
        #expect(p.probabilities() == [0.2, 0.2, 0.2, 0.2, 0.2])
    }

    @Test func theSameJournalGivesTheSameDraws() {
        let arms = ["a", "b", "c", "d", "crossover"]
        let journal: [ArmApplication] = (0..<200).map { (i: Int) -> ArmApplication in
            let gain: Double = i % 37 == 0 ? 0.05 * Double(i % 5) : 0
            return application(arms[i * 7 % 5], gain: gain, seconds: 0.01 * Double(1 + i % 13))
        }
        func draws() -> [String] {
            var p = policy(), rng = SplitMix64(seed: 5), out: [String] = []
            for a in journal {
                p.record(a)
                out.append(p.draw(&rng))
            }
            return out
        }
        #expect(draws() == draws())
        #expect(Set(draws()).count == 5)
    }

    @Test func earlierRunsCombineArmByArm() {
        func record(_ id: String, _ learned: [String: ArmTally]) -> RunPolicyRecord {
            RunPolicyRecord(runID: id, sandbox: "s", mode: "learned", credit: "extreme", learnedFrom: [], prior: [:], learned: learned)
        }
        let combined = OperatorPolicy.combined([
            record("r1", ["a": ArmTally(attempts: 3, cheapPassed: 2, screenPassed: 1, promotions: 1, gain: 0.2, bestGain: 0.2, seconds: 1)]),
            record("r2", ["a": ArmTally(attempts: 5, cheapPassed: 5, screenPassed: 0, promotions: 0, gain: 0, bestGain: 0, seconds: 2),
                          "b": ArmTally(attempts: 1, seconds: 0.5)]),
        ])
        #expect(combined["a"] == ArmTally(attempts: 8, cheapPassed: 7, screenPassed: 1, promotions: 1, gain: 0.2, bestGain: 0.2, seconds: 3))
        #expect(combined["b"] == ArmTally(attempts: 1, seconds: 0.5))
    }

    @Test func aCandidateCountsForTheOperatorOfItsLastEditOrForCrossover() {
        let promoted = ArmApplication(arm: ArmApplication.arm(lastOperator: "graft", origin: nil), verdict: "passed", stage: .decided,
                                      decision: "promoted", speedup: 2, evidence: CandidateEvidence(timing: StageTiming(cheapNs: 1_000_000, benchmarkNs: 3_000_000)),
                                      compileNs: 5)
        #expect(promoted.arm == "graft" && promoted.promoted && promoted.cheapPassed)
        #expect(abs(promoted.gain - log(2)) < 1e-12 && abs(promoted.seconds - 0.004) < 1e-12)
        let crossover = ArmApplication.arm(lastOperator: "graft", origin: CandidateOrigin(crossover: "uniform", otherParentSHA256: "x", dropped: []))
        #expect(crossover == "crossover")
        let wrong = ArmApplication(arm: "a", verdict: "wrong_output", stage: .cheap, decision: "rejected", speedup: nil, evidence: CandidateEvidence(), compileNs: 2_000_000)
        #expect(!wrong.cheapPassed && !wrong.screenPassed && wrong.gain == 0 && wrong.seconds == 0.002)
        let unvalidated = ArmApplication(arm: "a", verdict: "screened_out", stage: .decided, decision: "superseded", speedup: 1.2,
                                         evidence: CandidateEvidence(deciding: BenchmarkEvidence(incumbent: [1], candidate: [1])), compileNs: 0)
        #expect(unvalidated.cheapPassed && unvalidated.screenPassed && unvalidated.gain == 0, "faster but never validated: no credit")
        let slower = ArmApplication(arm: "a", verdict: "passed", stage: .decided, decision: "promoted", speedup: 0.9, evidence: CandidateEvidence(), compileNs: 0)
        #expect(slower.gain == 0)
    }
}
