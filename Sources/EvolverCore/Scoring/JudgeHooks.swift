import Foundation

/// A promoted kernel of the judge's own sandbox, offered as the new judge.
public struct AdoptionRequest: Sendable, Equatable {
    public var source: String
    public var sha256: String
    public var candidateIndex: Int
    public var promotion: Int
    /// What is left of the run's time budget, in seconds (nil: no time budget).
    public var secondsLeft: Double?
}

/// What a run asks and tells about its judge: the service guards adoptions and journals the
/// history; a replay answers from the journal.
public struct JudgeHooks {
    /// Asked after a promotion in the judge's sandbox: whether it judges from now on (false when
    /// it is not adopted: refused by the guard, declined, or adoption is off).
    public var adopt: (AdoptionRequest) throws -> Bool
    /// Told when a comparison of the active kernel disagreed with the seed scorer's, or failed.
    public var incident: (Judge.Incident) throws -> Void

    public init(adopt: @escaping (AdoptionRequest) throws -> Bool, incident: @escaping (Judge.Incident) throws -> Void) {
        self.adopt = adopt
        self.incident = incident
    }

    /// Adopts nothing and records nothing.
    public static var none: JudgeHooks { JudgeHooks(adopt: { _ in false }, incident: { _ in }) }
}
