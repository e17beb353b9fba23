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
    /// The edits since the previous promotion (the whole list from the seed when it is not an extension of it).
    public var edits: [String]
    /// The whole edit list from the seed.
    public var editsFromSeed: [String]
    public var speedupVsSeed: Double
    public var speedupVsPrevious: Double
    public var pValue: Double?
    public var gain: Double?
    /// How the promoted candidate was made when not by one edit of its parent (a crossover).
    public var crossover: CandidateOrigin? = nil

    enum CodingKeys: String, CodingKey {
        case promotion, candidate, sha256, edits, gain, crossover
        case editsFromSeed = "edits_from_seed"
        case speedupVsSeed = "speedup_vs_seed"
        case speedupVsPrevious = "speedup_vs_previous"
        case pValue = "p_value"
    }
}

extension EvolutionService {
    /// The lineage of promotions of a run, seed first.
    public func lineage(_ id: String) throws -> [LineageEntry] {
        let run = try store.run(id)
        let candidates = try store.candidates(run: id)
        var entries = [LineageEntry(promotion: 0, candidate: nil, sha256: try seedSHA256(run), edits: [], editsFromSeed: [], speedupVsSeed: 1, speedupVsPrevious: 1, pValue: nil, gain: nil)]
        var previousEdits: [EditRecord] = []
        for p in try store.promotions(run: id) {
            let edits = candidates[p.candidateIndex].edits
            let new = edits.starts(with: previousEdits) ? Array(edits.dropFirst(previousEdits.count)) : edits
            entries.append(LineageEntry(
                promotion: p.number, candidate: p.candidateIndex, sha256: p.sha256, edits: new.map { Edit($0).description },
                editsFromSeed: edits.map { Edit($0).description },
                speedupVsSeed: p.speedupVsSeed, speedupVsPrevious: p.speedupVsPrevious, pValue: p.pValue, gain: p.gain,
                crossover: candidates[p.candidateIndex].origin))
            previousEdits = edits
        }
        return entries
    }

    /// The normalized source of promotion `number` (0 = seed) of a run.
    public func promotedSource(_ id: String, _ number: Int) throws -> String {
        let entries = try lineage(id)
        guard let entry = entries.first(where: { $0.promotion == number }) else {
            throw EvolverError.invalidRun("run \(id) has no promotion \(number) (it has 0...\(entries.count - 1))")
        }
        guard let text = try store.source(entry.sha256) else { throw EvolverError.invalidRun("source \(entry.sha256) is missing from the store") }
        return text
    }

    /// Unified diff between two promotions of a run (default: seed → best), headed by the edits between them.
    /// - Parameter raw: the promoted kernels as they were promoted, not cleaned (see `cleanedSource`).
    public func diff(_ id: String, from: Int?, to: Int?, color: Bool, raw: Bool = false) throws -> String {
        let entries = try lineage(id)
        let a = from ?? 0, b = to ?? entries.count - 1
        let oldKernel = raw ? nil : try cleanedSource(id, a), newKernel = raw ? nil : try cleanedSource(id, b)
        let old = try oldKernel?.source ?? promotedSource(id, a), new = try newKernel?.source ?? promotedSource(id, b)
        guard let fromEntry = entries.first(where: { $0.promotion == a }), let toEntry = entries.first(where: { $0.promotion == b }) else {
            throw EvolverError.invalidRun("run \(id) has promotions 0...\(entries.count - 1)")
        }
        let shared = zip(fromEntry.editsFromSeed, toEntry.editsFromSeed).prefix { $0 == $1 }.count
        var header = ["# run \(id): promotion \(a) -> promotion \(b)"]
        if shared < fromEntry.editsFromSeed.count { header.append("# from promotion \(a) back to their common ancestor (\(fromEntry.editsFromSeed.count - shared) edits undone), then:") }
        let edits = toEntry.editsFromSeed.dropFirst(shared)
        header += edits.isEmpty ? ["# no edits"] : edits.map { "# edit \($0)" }
        for (number, kernel) in [(a, oldKernel), (b, newKernel)] where a != b || number == a {
            guard let kernel else { continue }
            header += kernel.steps.map { "# cleaned (promotion \(number)): \($0)" }
            if let refusal = kernel.refusal { header.append("# not cleaned (promotion \(number)): \(refusal)") }
        }
        let body = UnifiedDiff.make(old: old, new: new, oldName: "\(id)/\(a).c", newName: "\(id)/\(b).c", color: color)
        return (header + [body.isEmpty ? "(identical sources)" : body]).joined(separator: "\n")
    }

    /// A promoted kernel as a self-contained C file with a comment header (default: the best),
    /// cleaned of dead code unless `raw` (see `cleanedSource`).
    public func export(_ id: String, promotion: Int?, raw: Bool = false) throws -> String {
        let run = try store.run(id)
        let entries = try lineage(id)
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
