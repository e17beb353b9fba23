import Foundation
import KernelSyntax
import RunStore

extension ProposalRecord {
    /// The name a proposed source is parsed under (what the parser's messages cite).
    static func fileName(_ number: Int, _ source: Int) -> String { "proposal-\(number)-\(source).c" }

    /// The kernels of this exchange that became candidates' bases (parsed again from the raw reply), by source.
    func proposedUnits() -> [Int: TranslationUnit] {
        guard case .success(let sources) = ProposalReply.sources(in: reply) else { return [:] }
        var units: [Int: TranslationUnit] = [:]
        for outcome in outcomes where outcome.sha256 != nil && outcome.source < sources.count {
            units[outcome.source] = try? CParser.parse(sources[outcome.source], fileName: Self.fileName(number, outcome.source))
        }
        return units
    }
}
