import Foundation
import RunStore

/// What `evolver minimize` found (a contract: `run`, `minimization`, `promotion`, `candidate`,
/// `verdict`, `edits_before`, `edits_kept`, `kept`, `dropped`, `speedup_before`, `speedup_kept`,
/// `ablations`).
public struct MinimizationReport: Codable, Sendable, Equatable {
    /// A kept edit's measured contribution.
    public struct Contribution: Codable, Sendable, Equatable {
        /// 1-based position in the promotion's edit list.
        public var edit: Int
        public var description: String
        /// How much faster the minimized kernel is with it than without it (nil: not measured).
        public var speedup: Double?
        public var gain: Double?
        public var pValue: Double?
        public var significant: Bool
        /// `passed`, `did_not_apply`, or how the kernel without it failed.
        public var verdict: String
        public var detail: String

        enum CodingKeys: String, CodingKey {
            case edit, description, speedup, gain, significant, verdict, detail
            case pValue = "p_value"
        }
    }

    public var run: String
    public var minimization: Int
    public var promotion: Int
    /// The minimized kernel's candidate (nil: nothing could be removed).
    public var candidate: Int?
    /// `minimized` or `unchanged` (nothing could be taken out).
    public var verdict: String
    public var detail: String
    public var seed: UInt64
    public var editsBefore: Int
    public var editsKept: Int
    /// The kept edits, each described against the kernel it was applied to in the promotion's lineage.
    public var kept: [DescribedEdit]
    public var dropped: [DescribedEdit]
    public var speedupBefore: Double
    /// The minimized kernel's speed over the promoted kernel's.
    public var speedupKept: Double
    /// Subsets of the edits built and judged.
    public var tests: Int
    public var ablations: [Contribution]

    enum CodingKeys: String, CodingKey {
        case run, minimization, promotion, candidate, verdict, detail, seed, kept, dropped, tests, ablations
        case editsBefore = "edits_before"
        case editsKept = "edits_kept"
        case speedupBefore = "speedup_before"
        case speedupKept = "speedup_kept"
    }
}
