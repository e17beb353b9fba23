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

    /// Defaults: 60 s, one worker per core.
    public static func defaults(seed: UInt64, jobs: Int) -> EvolutionOptions {
        EvolutionOptions(
            seed: seed, timeLimit: 60, candidateLimit: nil, generationLimit: nil, jobs: jobs, populationSize: 12,
            offspringPerGeneration: max(4, jobs * 4), tournamentSize: 3, cheapCases: 24, differentialInputs: 64, rule: .standard)
    }
}
