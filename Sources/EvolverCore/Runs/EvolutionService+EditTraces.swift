import KernelMutation
import KernelSyntax
import RunStore

extension EvolutionService {
    /// A run's seed as the operators see it, and what its harness tells them.
    struct EditBase {
        var seed: TranslationUnit
        var facts: KernelFacts

        /// The edits of a recorded candidate, replayed from the seed and described one by one.
        func trace(_ edits: [EditRecord]) -> EditTrace {
            EditTrace(edits.map(Edit.init), from: seed, facts: facts)
        }
    }

    /// The seed and harness facts of run `run`'s sandbox.
    func editBase(_ run: RunRecord) throws -> EditBase {
        let sandbox = try catalog.load(run.manifest.sandbox)
        return EditBase(seed: try CParser.parse(sandbox.seedSource, fileName: "seed.c"), facts: sandbox.harness.kernelFacts)
    }
}
