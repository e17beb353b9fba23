import Foundation

/// What an outside proposer is asked (a contract: one JSON object on its stdin with at least
/// `sandbox`, `prototype`, `parent_source`, `parent_speedup` and `recent`).
public struct ProposalRequest: Codable, Sendable, Equatable {
    /// A recent candidate of the run, as the proposer sees it.
    public struct Recent: Codable, Sendable, Equatable {
        public var verdict: String
        public var detail: String
        /// What the candidate's measurement said when it had one (speedup over its incumbent).
        public var speedup: Double?

        public init(verdict: String, detail: String, speedup: Double?) {
            self.verdict = verdict
            self.detail = detail
            self.speedup = speedup
        }
    }

    public var sandbox: String
    /// The kernel's C prototype: every source must define this function.
    public var prototype: String
    /// The kernel to improve, as normalized source.
    public var parentSource: String
    /// Its estimated speedup over the seed.
    public var parentSpeedup: Double
    /// The run's last candidates, oldest first.
    public var recent: [Recent]
    /// How many new sources the run will take from this reply (more are allowed; the first new ones are used).
    public var wanted: Int
    public var generation: Int

    public init(sandbox: String, prototype: String, parentSource: String, parentSpeedup: Double, recent: [Recent], wanted: Int, generation: Int) {
        self.sandbox = sandbox
        self.prototype = prototype
        self.parentSource = parentSource
        self.parentSpeedup = parentSpeedup
        self.recent = recent
        self.wanted = wanted
        self.generation = generation
    }

    enum CodingKeys: String, CodingKey {
        case sandbox, prototype, recent, wanted, generation
        case parentSource = "parent_source"
        case parentSpeedup = "parent_speedup"
    }

    /// The request as sent: one line of JSON with sorted keys.
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
