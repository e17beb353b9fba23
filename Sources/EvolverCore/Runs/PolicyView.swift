import Foundation
import KernelMutation
import RunStore

/// What `evolver policy` shows for one sandbox (a contract: `sandbox`, `credit`, `learned_from`,
/// `arms` with `arm`, `attempts`, `cheap_pass_share`, `screen_pass_share`, `promotions`,
/// `credited_gain`, `selection_probability`): every earlier run's tallies together, and the
/// probabilities a new `learned` run on the sandbox starts with.
public struct PolicyView: Codable, Sendable, Equatable {
    /// One arm's row.
    public struct Arm: Codable, Sendable, Equatable {
        public var arm: String
        public var attempts: Int
        /// Share of its candidates that passed the cheapest suite cases.
        public var cheapPassShare: Double
        /// Share of its candidates that passed the speed screen.
        public var screenPassShare: Double
        public var promotions: Int
        /// Sum of ln(speedup) of its validated gains.
        public var creditedGain: Double
        /// Evaluation time its candidates cost, in seconds.
        public var seconds: Double
        /// Its credit under the policy's scheme (gain per second of evaluation).
        public var credit: Double
        /// Its probability of being drawn.
        public var selectionProbability: Double

        enum CodingKeys: String, CodingKey {
            case arm, attempts, promotions, seconds, credit
            case cheapPassShare = "cheap_pass_share"
            case screenPassShare = "screen_pass_share"
            case creditedGain = "credited_gain"
            case selectionProbability = "selection_probability"
        }
    }

    public var sandbox: String
    public var credit: String
    /// The runs the tallies come from, oldest first.
    public var learnedFrom: [String]
    /// Every arm, most probable first.
    public var arms: [Arm]

    enum CodingKeys: String, CodingKey {
        case sandbox, credit, arms
        case learnedFrom = "learned_from"
    }

    /// The rows of `policy`'s arms, with the tallies in `tallies`.
    public init(sandbox: String, learnedFrom: [String], policy: OperatorPolicy, tallies: [String: ArmTally]) {
        self.sandbox = sandbox
        self.learnedFrom = learnedFrom
        credit = policy.settings.credit.rawValue
        let probabilities = policy.probabilities()
        arms = zip(policy.arms, probabilities).map { arm, p in
            let t = tallies[arm] ?? ArmTally()
            let n = Double(max(1, t.attempts))
            return Arm(arm: arm, attempts: t.attempts, cheapPassShare: Double(t.cheapPassed) / n, screenPassShare: Double(t.screenPassed) / n,
                       promotions: t.promotions, creditedGain: t.gain, seconds: t.seconds, credit: policy.credit(arm), selectionProbability: p)
        }.sorted { $0.selectionProbability != $1.selectionProbability ? $0.selectionProbability > $1.selectionProbability : $0.arm < $1.arm }
    }
}

extension EvolutionService {
    /// The operators a new run on `sandbox` draws from by default (float re-association only
    /// where every output's tolerance allows it).
    static func defaultOperators(for sandbox: Sandbox) -> [String] {
        MutationRegistry.operators.map(\.name).filter {
            sandbox.harness.allowsFloatReassociation || !MutationRegistry.floatReassociating.contains($0)
        }
    }

    /// What earlier runs on `sandbox` taught: the policy a new `learned` run would start with.
    public func policyView(sandbox name: String) throws -> PolicyView {
        let sandbox = try catalog.load(name)
        let records = try store.policies(sandbox: name).filter { !$0.learned.isEmpty }
        let tallies = OperatorPolicy.combined(records)
        let policy = OperatorPolicy(settings: PolicySettings(mode: .learned), operators: Self.defaultOperators(for: sandbox),
                                    crossoverShare: EvolutionOptions.standardCrossoverShare, prior: tallies)
        return PolicyView(sandbox: name, learnedFrom: records.map(\.runID), policy: policy, tallies: tallies)
    }

    /// Every sandbox some run has taught, by name.
    public func taughtSandboxes() throws -> [String] {
        try Set(store.runs().map(\.manifest.sandbox)).sorted().filter { try !store.policies(sandbox: $0).allSatisfy(\.learned.isEmpty) }
    }

    /// A run's policy as its journal leaves it: its recorded prior, then every candidate the
    /// policy drew, in order (nil: the run drew uniformly, recorded before policies existed).
    static func policy(of run: RunRecord, record: RunPolicyRecord?, candidates: [CandidateRecord]) throws -> OperatorPolicy? {
        let options = try Self.options(of: run)
        guard let settings = options.policy else { return nil }
        var policy = OperatorPolicy(settings: settings, operators: options.operators ?? [], crossoverShare: options.crossoverShare ?? 0,
                                    prior: record?.prior ?? [:])
        // A minimized kernel was not drawn by the policy.
        for c in candidates where c.decision != MinimizedCandidate.decision { policy.record(ArmApplication(c)) }
        return policy
    }
}
