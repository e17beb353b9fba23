import Foundation

/// The knobs of one evolution run; recorded in the run manifest so a replay uses the same ones.
public struct EvolutionOptions: Codable, Sendable, Equatable {
    /// Seed of the run's one random generator (SplitMix64).
    public var seed: UInt64
    /// Wall-clock budget in seconds (nil: none).
    public var timeLimit: Double?
    /// Budget of distinct candidates evaluated (nil: none).
    public var candidateLimit: Int?
    /// Budget of generations (nil: none).
    public var generationLimit: Int?
    /// Parallel evaluation workers.
    public var jobs: Int
    /// Survivors kept between generations (the incumbent always among them).
    public var populationSize: Int
    /// Candidates generated per generation.
    public var offspringPerGeneration: Int
    /// Tournament size of parent selection.
    public var tournamentSize: Int
    /// Cheap suite cases evaluated first (the smallest ones).
    public var cheapCases: Int
    /// Fresh random inputs on which a candidate must agree with the seed before it is promoted.
    public var differentialInputs: Int
    /// The promotion rule.
    public var rule: PromotionRule
    /// Mutation operators to use, by name (nil: all of them).
    public var operators: [String]? = nil
    /// The quick speed screen between the cheap cases and the whole suite (nil: none, as in runs
    /// recorded before the screen existed).
    public var screen: SpeedScreen? = nil
    /// Share of offspring made by crossover of two members' edit lists (nil: none, as in runs
    /// recorded before crossover existed).
    public var crossoverShare: Double? = nil
    /// Whether a candidate with the same machine code as an earlier one takes its verdict (see
    /// `CodeIdentity`); nil: no, as in runs recorded before it existed.
    public var deduplicate: Bool? = nil
    /// Whether the whole suite runs only for candidates the deciding benchmark measured faster
    /// (after it, before the confirmation), instead of before the benchmark for every candidate
    /// that passed the screen; nil: before, as in runs recorded before it existed. The benchmark
    /// compares every timed call's outputs with the incumbent's, so a wrong kernel still fails it.
    public var validateLast: Bool? = nil
    /// How offspring choose their operator; nil: uniformly, as in runs recorded before policies existed.
    public var policy: PolicySettings? = nil
    /// The run ends once the incumbent is this much faster than the seed (nil: no such end).
    public var targetSpeedup: Double? = nil
    /// An outside program asked for a share of offspring (nil: none).
    public var proposer: ProposerSettings? = nil

    /// Defaults: 60 s, one worker per core.
    public static func defaults(seed: UInt64, jobs: Int) -> EvolutionOptions {
        EvolutionOptions(
            seed: seed, timeLimit: 60, candidateLimit: nil, generationLimit: nil, jobs: jobs, populationSize: 12,
            offspringPerGeneration: max(8, jobs * 8), tournamentSize: 3, cheapCases: 24, differentialInputs: 64, rule: .standard,
            screen: .standard, crossoverShare: standardCrossoverShare, deduplicate: true, validateLast: true, policy: PolicySettings(mode: .learned))
    }

    /// One offspring in five is a crossover: enough to combine gains found in different lineages,
    /// while most of the budget still goes to single edits of good parents.
    public static let standardCrossoverShare = 0.2
}

/// Short benchmarks after the cheap cases: a candidate that one of them does not measure at least
/// `minimumGain` faster than the incumbent is recorded as `screened_out` (not faster) without
/// running the whole suite and the full benchmark. Each round is a fresh child, and every other
/// round swaps the kernels' compile order; requiring every round to pass keeps candidates that
/// passed one round by noise from reaching the costly stages. Most edits change nothing measurable, so this is
/// where a run saves most of its time; a candidate that passes the screen still has to pass the
/// whole suite and an independent, serialized benchmark (and its confirmation) to be promoted.
public struct SpeedScreen: Codable, Sendable, Equatable {
    /// Rounds, each in its own child; the candidate must pass all of them.
    public var rounds: Int
    /// Interleaved samples per side and round.
    public var samples: Int
    /// Children the samples are spread over (kernel order swapped in every other one).
    public var children: Int
    /// Target length of one timed window, in milliseconds.
    public var windowMs: Double
    /// Smallest Hodges–Lehmann gain (relative to the incumbent's median) that passes the screen.
    public var minimumGain: Double

    /// Three rounds of 12 samples, each in one child, 1 ms windows, at least 4% faster in every one.
    /// The deciding benchmark (15 samples, 2% and alpha 0.01) rarely confirms a true gain under
    /// about 4%; with a 3%, two-round screen, one slow 60 s `score` run let 45 such candidates through,
    /// each then costing a whole suite and a benchmark (over 1 s). A later round runs only when the
    /// earlier ones passed, so the third costs little.
    public static let standard = SpeedScreen(rounds: 3, samples: 12, children: 1, windowMs: 1, minimumGain: 0.04)

    public init(rounds: Int, samples: Int, children: Int, windowMs: Double, minimumGain: Double) {
        self.rounds = rounds
        self.samples = samples
        self.children = children
        self.windowMs = windowMs
        self.minimumGain = minimumGain
    }
}

/// A run's outside proposer (`run --proposer`): recorded with the run; a replay never calls it.
public struct ProposerSettings: Codable, Sendable, Equatable {
    /// The command line, run through `/bin/sh -c`.
    public var command: String
    /// Where it runs (the folder `run` was started in).
    public var directory: String
    /// Share of offspring slots offered to it.
    public var share: Double
    /// How long a reply may take.
    public var timeoutSeconds: Double

    public init(command: String, directory: String, share: Double = standardShare, timeoutSeconds: Double = standardTimeout) {
        self.command = command
        self.directory = directory
        self.share = share
        self.timeoutSeconds = timeoutSeconds
    }

    /// A quarter of the slots: one request per generation asks for about four kernels, and the
    /// built-in operators still make most offspring.
    public static let standardShare = 0.25
    public static let standardTimeout = 60.0
}
