import Foundation

/// The run's outside proposer as the planner sees it: its share of offspring, what a request says
/// about the run, and how request `number` is answered — by calling the program (a run), or from
/// the journal (a replay, which never calls it).
public struct ExternalProposer {
    public var command: String
    public var share: Double
    public var sandbox: String
    public var prototype: String
    /// The run's last candidates, oldest first (what the next request shows).
    public var recent: [ProposalRequest.Recent] = []
    /// The number the next request gets.
    public var nextNumber = 1
    /// Answers request `number` (sent as the given JSON).
    public var ask: (_ number: Int, _ request: String) -> ProposerProcess.Call

    /// Candidates a request shows.
    public static let recentCount = 8

    public init(command: String, share: Double, sandbox: String, prototype: String, ask: @escaping (Int, String) -> ProposerProcess.Call) {
        self.command = command
        self.share = share
        self.sandbox = sandbox
        self.prototype = prototype
        self.ask = ask
    }
}
