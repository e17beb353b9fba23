import KernelMutation
import KernelSyntax
import RunStore

extension EvolutionService {
    /// A run's seed as the operators see it, and what its harness tells them.
    struct EditBase {
        var seed: TranslationUnit
        var facts: KernelFacts
        /// The kernels the run's proposer proposed, by proposal and source, with their command.
        var proposed: [Int: [Int: TranslationUnit]] = [:]
        var commands: [Int: String] = [:]

        /// The edits of a recorded candidate, replayed from the seed and described one by one.
        func trace(_ edits: [EditRecord]) -> EditTrace {
            EditTrace(edits.map(Edit.init), from: seed, facts: facts, outside: outside)
        }

        /// What an `external` edit stands for: the proposed kernel, and a description naming the proposer.
        func outside(_ edit: Edit) -> (unit: TranslationUnit, description: String)? {
            guard let ref = ExternalEdit.reference(edit), let unit = proposed[ref.proposal]?[ref.source] else { return nil }
            let command = commands[ref.proposal].map { " from `\($0.count > 60 ? $0.prefix(59) + "…" : $0)`" } ?? ""
            return (unit, "replace the whole kernel by source \(ref.source) of proposal \(ref.proposal)\(command)")
        }
    }

    /// The seed and harness facts of run `run`'s sandbox, and the kernels its proposer proposed.
    func editBase(_ run: RunRecord) throws -> EditBase {
        let sandbox = try catalog.load(run.manifest.sandbox)
        var base = EditBase(seed: try CParser.parse(sandbox.seedSource, fileName: "seed.c"), facts: sandbox.harness.kernelFacts)
        for record in try store.proposals(run: run.id) {
            base.commands[record.number] = record.command
            base.proposed[record.number] = record.proposedUnits()
        }
        return base
    }
}
