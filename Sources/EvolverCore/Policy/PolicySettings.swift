import Foundation

/// How a run chooses the arm (an operator, or crossover) of each offspring; recorded in the run's
/// options so a replay chooses the same way.
public struct PolicySettings: Codable, Sendable, Equatable {
    /// Where the policy starts from.
    public enum Mode: String, Codable, Sendable, CaseIterable {
        /// From what earlier runs on the same sandbox learned, then adapting to this run.
        case learned
        /// From nothing, adapting to this run.
        case fresh
        /// Every operator equally likely, crossover at its share, never adapting (the draw of
        /// runs recorded before policies existed).
        case uniform
    }

    /// How an arm's recent candidates become its credit (see `CreditScheme`).
    public var credit: CreditScheme
    public var mode: Mode
    /// Candidates per arm in the sliding window (earlier runs' tallies fill what this run's own
    /// candidates have not yet).
    public var window: Int
    /// Share of draws that follow the uniform distribution whatever the credit, so no arm starves.
    public var exploration: Double

    public init(mode: Mode, credit: CreditScheme = .standard, window: Int = standardWindow, exploration: Double = standardExploration) {
        self.mode = mode
        self.credit = credit
        self.window = window
        self.exploration = exploration
    }

    /// A window of 64 candidates per arm: with about 27 arms, enough that a gain found once stays
    /// credited for a few hundred candidates, short enough that an arm whose gains are used up
    /// loses its credit within a run.
    public static let standardWindow = 64
    /// A quarter of the draws explore: every arm keeps at least a quarter of its uniform share.
    public static let standardExploration = 0.25
}
