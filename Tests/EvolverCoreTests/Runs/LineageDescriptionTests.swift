import Foundation
import KernelMutation
import KernelSyntax
import RunStore
import Testing
import TestSupport
@testable import EvolverCore

/// `show`'s lineage and `diff`'s hunks say in words what each promotion's edits did, relative to
/// the promotion they extend.
struct LineageDescriptionTests {
    static let facts = KernelFacts(scratchParameters: ["scratch"])

    /// The proposal of `op` on `unit` whose site prints as `text` (a statement by its first line).
    static func proposal(_ op: String, _ unit: TranslationUnit, at text: String, params: [String: Int]? = nil) throws -> Edit {
        let edits = try #require(MutationRegistry.named(op)).proposals(in: unit, facts: facts)
        return try #require(edits.first { edit in
            let printed: String?
            switch unit.node(at: edit.site) {
            case .statement(let s)?: printed = CPrinter.print(s).split(separator: "\n").first.map(String.init)
            case .expression(let e)?: printed = CPrinter.print(e)
            default: printed = nil
            }
            return printed == text && (params == nil || edit.params == params!)
        }, "no \(op) at \(text)")
    }

    /// The score seed's edits: a branch made arithmetic in `sift_down`, a load kept in a local
    /// there (another lineage), and an unrolled loop after the first.
    static func edits() throws -> (seed: TranslationUnit, branch: Edit, load: Edit, unroll: Edit) {
        let seed = try CParser.parse(try Fixtures.score().seedSource)
        let branch = try proposal("if-to-arithmetic", seed, at: "if (child + 1 < k && x[child + 1] > x[child]) {")
        let load = try proposal("scalar-replace", seed, at: "x[i]")
        let unroll = try proposal("loop-unroll", try MutationRegistry.apply(branch, to: seed), at: "for (j = 0; j < m; j++) {", params: ["factor": 2])
        return (seed, branch, load, unroll)
    }

    /// A store with one `score` run promoting `[branch]`, then `[load]`, then `[branch, unroll]`.
    func service(in dir: TempDirectory) throws -> EvolutionService {
        let service = EvolutionService(store: try RunStore(directory: dir.url.appendingPathComponent("store")), catalog: Fixtures.catalog,
                                       workerPath: TestPaths.worker)
        let sandbox = try Fixtures.score()
        let run = try service.store.createRun(manifest: RunManifest(
            sandbox: "score", seed: 1, lockDigest: sandbox.lockDigest, lockFiles: [:], evolverVersion: EvolutionService.version,
            generator: "test", budget: [:], options: [:]))
        let (seed, branch, load, unroll) = try Self.edits()
        let seedSource = CPrinter.print(seed), seedSHA = Hashing.sha256Hex(seedSource)
        try service.store.putSource(seedSource, sha256: seedSHA)
        var candidates: [CandidateRecord] = [], promotions: [PromotionRecord] = []
        for (index, edits) in [[branch], [load], [branch, unroll]].enumerated() {
            let source = CPrinter.print(try MutationRegistry.apply(edits, to: seed, facts: Self.facts))
            let sha = Hashing.sha256Hex(source)
            try service.store.putSource(source, sha256: sha)
            candidates.append(CandidateRecord(
                runID: run.id, index: index, generation: index, sha256: sha, parentSHA256: seedSHA, edits: edits.map(\.record), compileNs: 1,
                verdict: "passed", detail: "", stage: .decided, scoringKernelSHA256: seedSHA, incumbentSHA256: seedSHA, evidence: CandidateEvidence(),
                comparison: nil, decision: "promoted"))
            promotions.append(PromotionRecord(runID: run.id, number: index + 1, candidateIndex: index, sha256: sha, speedupVsSeed: 1.1 + Double(index),
                                              speedupVsPrevious: 1.1, pValue: 0.001, gain: 0.1))
        }
        try service.store.commit(candidates: candidates, promotions: promotions, checkpoint: nil)
        return service
    }

    static let branchText = "replace the branch `if (child + 1 < k && x[child + 1] > x[child])` at line 9 by `if (child + 1 < k)` around `child = child + (x[child + 1] > x[child]);`"
    static let loadText = "keep `x[i]` in a local in `sift_down`, lines 12–15"
    static let unrollText = "unroll `for (j = 0; j < m; j++)` at line 53 by 2"

    @Test func eachPromotionListsWhatItAddedToThePromotionItExtends() throws {
        let dir = try TempDirectory()
        let entries = try service(in: dir).lineage("r0001")
        #expect(entries.map(\.relativeTo) == [nil, 0, 0, 1])
        #expect(entries.map(\.relativeToText) == ["the seed", "the seed", "the seed", "promotion 1 (candidate 0)"])
        #expect(entries.map { $0.describedEdits.map(\.description) } == [[], [Self.branchText], [Self.loadText], [Self.unrollText]])
        let (_, _, _, unroll) = try Self.edits()
        let described = try #require(entries[3].describedEdits.first)
        #expect(described.op == unroll.op && described.site == unroll.site.indices && described.params == unroll.params)
        #expect(described.lines == [53, 59])
        #expect(entries[3].edits == [unroll.description] && entries[3].editsFromSeed.count == 2)
    }

    @Test func theJSONKeepsTheRecordedFormBesideTheDescription() throws {
        let dir = try TempDirectory()
        let entries = try service(in: dir).lineage("r0001")
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(entries)) as? [[String: Any]])
        #expect(object[3]["relative_to"] as? Int == 1 && object[3]["relative_to_candidate"] as? Int == 0)
        for key in ["promotion", "candidate", "sha256", "edits", "edits_from_seed", "speedup_vs_seed", "speedup_vs_previous", "p_value", "gain"] {
            #expect(object[3][key] != nil, "\(key)")
        }
        let edit = try #require((object[3]["described_edits"] as? [[String: Any]])?.first)
        #expect(Set(edit.keys) == ["op", "site", "params", "description", "lines"])
    }

    @Test func eachHunkIsHeadedByTheEditsThatProducedIt() throws {
        let dir = try TempDirectory()
        let diff = try service(in: dir).diff("r0001", from: 0, to: 3, color: false, raw: true)
        let lines = diff.split(separator: "\n").map(String.init)
        #expect(lines.prefix(3) == ["# run r0001: promotion 0 -> promotion 3", "# edit: \(Self.branchText)", "# edit: \(Self.unrollText)"])
        let headers = lines.indices.filter { lines[$0].hasPrefix("@@") }
        #expect(headers.count == 2, "\(diff)")
        #expect(lines[headers[0] - 1] == "# " + Self.branchText)
        #expect(lines[headers[1] - 1] == "# " + Self.unrollText)
        #expect(!lines[headers[1] - 2].hasPrefix("# "), "only the unrolling produced the loop's hunk")
    }

    @Test func aDiffToAnotherLineageSaysWhichEditsItUndoes() throws {
        let dir = try TempDirectory()
        let diff = try service(in: dir).diff("r0001", from: 2, to: 3, color: false, raw: true)
        #expect(diff.contains("# from promotion 2 back to their common ancestor (1 edits undone), then:\n# undone: \(Self.loadText)\n"))
        #expect(diff.contains("\n# undone: \(Self.loadText)\n# \(Self.branchText)\n@@ "), "\(diff)")
    }
}
