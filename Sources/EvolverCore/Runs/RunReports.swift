import Foundation
import KernelMutation
import KernelSyntax
import RunStore

/// One promotion in a run's lineage, as `evolver show` prints it.
public struct LineageEntry: Codable, Sendable, Equatable {
    /// Promotion number (0 is the seed).
    public var promotion: Int
    public var candidate: Int?
    public var sha256: String
    /// The edits since promotion `relativeTo` (`op@site{params}`).
    public var edits: [String]
    /// The whole edit list from the seed.
    public var editsFromSeed: [String]
    public var speedupVsSeed: Double
    public var speedupVsPrevious: Double
    public var pValue: Double?
    public var gain: Double?
    /// How the promoted candidate was made when not by one edit of its parent (a crossover).
    public var crossover: CandidateOrigin? = nil
    /// The promotion `edits` are relative to: the latest earlier one whose edit list this one's
    /// extends (0: the seed); nil for the seed itself.
    public var relativeTo: Int? = nil
    /// The candidate of promotion `relativeTo` (nil for the seed).
    public var relativeToCandidate: Int? = nil
    /// `edits` with what each did, each described against the kernel it was applied to.
    public var describedEdits: [DescribedEdit] = []
    /// The promotion's latest minimization, with each kept edit's measured contribution (`show --ablation`).
    public var ablation: MinimizationReport? = nil

    enum CodingKeys: String, CodingKey {
        case promotion, candidate, sha256, edits, gain, crossover
        case editsFromSeed = "edits_from_seed"
        case speedupVsSeed = "speedup_vs_seed"
        case speedupVsPrevious = "speedup_vs_previous"
        case pValue = "p_value"
        case relativeTo = "relative_to"
        case relativeToCandidate = "relative_to_candidate"
        case describedEdits = "described_edits"
        case ablation
    }

    /// "the seed" or "promotion 2 (candidate 57)": what `edits` are relative to.
    public var relativeToText: String {
        guard let relativeTo, relativeTo > 0 else { return "the seed" }
        return "promotion \(relativeTo)" + (relativeToCandidate.map { " (candidate \($0))" } ?? "")
    }
}

extension EvolutionService {
    /// The lineage of promotions of a run, seed first.
    ///
    /// Each promotion's `edits` are those new since its parent promotion: the latest earlier
    /// promotion whose edit list its own extends (the seed when none does).
    /// - Parameter describing: describe the edits (`describedEdits`), replaying them from the seed.
    public func lineage(_ id: String, describing: Bool = true) throws -> [LineageEntry] {
        let run = try store.run(id)
        let candidates = try store.candidates(run: id)
        let base = describing ? try editBase(run) : nil
        var entries = [LineageEntry(promotion: 0, candidate: nil, sha256: try seedSHA256(run), edits: [], editsFromSeed: [], speedupVsSeed: 1, speedupVsPrevious: 1, pValue: nil, gain: nil)]
        var lists: [(promotion: Int, candidate: Int?, edits: [EditRecord])] = [(0, nil, [])]
        var traces: [Int: EditTrace] = [:]
        if let base { traces[0] = base.trace([]) }
        for p in try store.promotions(run: id) {
            let edits = candidates[p.candidateIndex].edits
            let parent = lists.last { edits.starts(with: $0.edits) } ?? lists[0]
            let new = Array(edits.dropFirst(parent.edits.count))
            var entry = LineageEntry(
                promotion: p.number, candidate: p.candidateIndex, sha256: p.sha256, edits: new.map { Edit($0).description },
                editsFromSeed: edits.map { Edit($0).description },
                speedupVsSeed: p.speedupVsSeed, speedupVsPrevious: p.speedupVsPrevious, pValue: p.pValue, gain: p.gain,
                crossover: candidates[p.candidateIndex].origin)
            entry.relativeTo = parent.promotion
            entry.relativeToCandidate = parent.candidate
            if let base, let parentTrace = traces[parent.promotion] {
                // The parent's edits were described with it; only the new ones are replayed.
                let trace = parentTrace.extended(with: new.map(Edit.init), facts: base.facts, outside: base.outside)
                entry.describedEdits = trace.steps.suffix(new.count).map(DescribedEdit.init)
                traces[p.number] = trace
            }
            entries.append(entry)
            lists.append((p.number, p.candidateIndex, edits))
        }
        return entries
    }

    /// The normalized source of promotion `number` (0 = seed) of a run.
    public func promotedSource(_ id: String, _ number: Int) throws -> String {
        let entries = try lineage(id, describing: false)
        guard let entry = entries.first(where: { $0.promotion == number }) else {
            throw EvolverError.invalidRun("run \(id) has no promotion \(number) (it has 0...\(entries.count - 1))")
        }
        guard let text = try store.source(entry.sha256) else { throw EvolverError.invalidRun("source \(entry.sha256) is missing from the store") }
        return text
    }

    /// Unified diff between two promotions of a run (default: seed → best), headed by the edits
    /// between them; each hunk is headed by the edits that produced it (`# <description>`, or
    /// `# undone: <description>` for an edit of the old side's lineage the new side does not have).
    /// - Parameter raw: the promoted kernels as they were promoted, not cleaned (see `cleanedSource`).
    public func diff(_ id: String, from: Int?, to: Int?, color: Bool, raw: Bool = false) throws -> String {
        let entries = try lineage(id, describing: false)
        let a = from ?? 0, b = to ?? entries.count - 1
        let oldKernel = raw ? nil : try cleanedSource(id, a), newKernel = raw ? nil : try cleanedSource(id, b)
        let old = try oldKernel?.source ?? promotedSource(id, a), new = try newKernel?.source ?? promotedSource(id, b)
        guard let fromEntry = entries.first(where: { $0.promotion == a }), let toEntry = entries.first(where: { $0.promotion == b }) else {
            throw EvolverError.invalidRun("run \(id) has promotions 0...\(entries.count - 1)")
        }
        let run = try store.run(id)
        let candidates = try store.candidates(run: id)
        let base = try editBase(run)
        let fromTrace = base.trace(fromEntry.candidate.map { candidates[$0].edits } ?? [])
        let toTrace = base.trace(toEntry.candidate.map { candidates[$0].edits } ?? [])
        let shared = zip(fromTrace.steps, toTrace.steps).prefix { $0.edit == $1.edit }.count
        let undone = Array(fromTrace.steps.dropFirst(shared)), done = Array(toTrace.steps.dropFirst(shared))
        var header = ["# run \(id): promotion \(a) -> promotion \(b)"]
        if !undone.isEmpty {
            header.append("# from promotion \(a) back to their common ancestor (\(undone.count) edits undone), then:")
            header += undone.map { "# undone: \($0.description)" }
        }
        header += done.isEmpty ? ["# no edits"] : done.map { "# edit: \($0.description)" }
        for (number, kernel) in [(a, oldKernel), (b, newKernel)] where a != b || number == a {
            guard let kernel else { continue }
            header += kernel.steps.map { "# cleaned (promotion \(number)): \($0)" }
            if let refusal = kernel.refusal { header.append("# not cleaned (promotion \(number)): \(refusal)") }
        }
        func edit(_ step: EditTrace.Step, undone: Bool) -> HunkAttribution.Edit {
            HunkAttribution.Edit(label: "# " + (undone ? "undone: " : "") + step.description.text, before: CPrinter.print(step.before),
                                 touched: step.description.lines, after: step.after.map(CPrinter.print), undone: undone)
        }
        let attribution = HunkAttribution(undone.map { edit($0, undone: true) } + done.map { edit($0, undone: false) }, old: old, new: new)
        let body = UnifiedDiff.make(old: old, new: new, oldName: "\(id)/\(a).c", newName: "\(id)/\(b).c", color: color,
                                    notes: attribution.labels(for:))
        return (header + [body.isEmpty ? "(identical sources)" : body]).joined(separator: "\n")
    }

    /// A promoted kernel as a self-contained C file with a comment header (default: the best),
    /// cleaned of dead code unless `raw` (see `cleanedSource`).
    public func export(_ id: String, promotion: Int?, raw: Bool = false) throws -> String {
        let run = try store.run(id)
        let entries = try lineage(id, describing: false)
        let number = promotion ?? entries.count - 1
        let kernel = raw ? CleanedKernel(source: try promotedSource(id, number), steps: [], cleaned: false, refusal: nil) : try cleanedSource(id, number)
        guard let entry = entries.first(where: { $0.promotion == number }) else {
            throw EvolverError.invalidRun("run \(id) has no promotion \(number) (it has 0...\(entries.count - 1))")
        }
        var notes = kernel.steps.map { " * cleaned: \($0)" }
        if kernel.cleaned { notes.append(" * the cleaned kernel passed the suite and the differential test again (sha256 \(Hashing.sha256Hex(kernel.source)))") }
        if let refusal = kernel.refusal { notes.append(" * not cleaned: \(refusal)") }
        return """
            /*
             * evolver run \(id), promotion \(number) of sandbox '\(run.manifest.sandbox)'
             * sandbox lock sha256 \(run.manifest.lockDigest)
             * source sha256 \(entry.sha256), speedup vs seed \(String(format: "%.3f", entry.speedupVsSeed))x
            \(notes.map { $0 + "\n" }.joined()) */

            """ + kernel.source
    }

    func seedSHA256(_ run: RunRecord) throws -> String {
        let sandbox = try catalog.load(run.manifest.sandbox)
        return Hashing.sha256Hex(CPrinter.print(try CParser.parse(sandbox.seedSource, fileName: "seed.c")))
    }
}
