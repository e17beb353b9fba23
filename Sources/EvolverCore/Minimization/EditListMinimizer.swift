import Foundation
import KernelMutation
import KernelSyntax
import RunStore

/// Delta-debugs a promoted kernel's edit list down to the edits that matter, then takes each kept
/// edit out again to measure its contribution (see `MinimizationRecord`).
///
/// A subset of the edits keeps what matters when its kernel passes the whole fixed suite and the
/// differential test against the seed, and the promotion rule — given interleaved samples of the
/// subset's kernel (incumbent) and the promoted kernel (candidate) — does not judge the promoted
/// kernel faster in either of two benchmarks (the second with the kernels' order swapped), nor is
/// it estimated faster over both by the rule's minimum gain (`loses`). Every
/// subset is judged against the promoted kernel itself, so what is dropped along the way cannot add
/// up to more than the rule lets through once. A subset whose kernel has the same machine code as
/// the promoted one keeps everything without being timed.
///
/// In a replay (`recorded`), the journaled benchmark samples stand in for new measurements, and
/// every validation runs again, live.
struct EditListMinimizer {
    let sandbox: Sandbox
    let base: EvolutionService.EditBase
    let evaluator: KernelEvaluator
    let judge: Judge
    let rule: PromotionRule
    let differential: DifferentialTest
    /// The seed of the minimization's benchmark inputs, validation orders and differential inputs.
    let seed: UInt64
    /// The minimization as journaled (replay), or nil to measure.
    var recorded: MinimizationRecord? = nil

    /// What a minimization found.
    struct Outcome {
        var tests: [MinimizationRecord.Test] = []
        var kept: [Int] = []
        var ablations: [MinimizationRecord.Ablation] = []
        /// The minimized kernel (the promoted one when nothing could be removed).
        var source = ""
        var sha256 = ""
        /// The minimized kernel's speed over the promoted kernel's, from the benchmarks that accepted it.
        var speedupKept = 1.0
    }

    /// A subset's kernel, or the test that says which edit no longer applied.
    enum Built {
        case kernel(source: String, sha256: String)
        case notApplied(MinimizationRecord.Test)
    }

    /// Where each edit of a list was applied, in the promotion's lineage.
    static func anchors(of edits: [EditRecord], base: EvolutionService.EditBase) -> [SiteAnchor?] {
        base.trace(edits).steps.map { SiteAnchor(of: $0.edit, in: $0.before) }
    }

    /// The kernel a subset of `edits` makes, or the first edit that no longer applied. Each edit
    /// is aimed at the code it was applied to (`anchors`), wherever the subset's kernel has it.
    func build(_ edits: [EditRecord], keeping kept: [Int], anchors: [SiteAnchor?]) -> Built {
        var unit = base.seed
        for position in kept {
            var edit = Edit(edits[position])
            let applied: TranslationUnit?
            if edit.op == ExternalEdit.op {
                applied = base.outside(edit)?.unit
            } else {
                if let anchor = anchors.dropFirst(position).first ?? nil { edit = anchor.aim(edit, at: unit) }
                applied = try? MutationRegistry.apply(edit, to: unit, facts: base.facts)
            }
            guard let applied else {
                return .notApplied(.init(kept: kept, sha256: nil, verdict: "did_not_apply",
                                         detail: "edit \(position + 1) (\(edit.op)) no longer applies without the edits taken out", accepted: false))
            }
            unit = applied
        }
        let source = CPrinter.print(unit)
        return .kernel(source: source, sha256: Hashing.sha256Hex(source))
    }

    /// The most minimized kernels `confirm` is asked about before the minimization gives up.
    static let confirmationLimit = 3

    /// Minimizes `edits`, whose kernel is `promotedSource`.
    /// - Parameter confirm: the minimized kernel's evaluation as a candidate of the run (its
    ///   edits, its source, and the number its test would have): nil when it passed, else the
    ///   test that refuses its subset; delta debugging then goes on without that subset.
    /// - Throws: `EvolverError` when the promoted kernel itself no longer passes the suite, or a worker fails.
    func minimize(_ edits: [EditRecord], promotedSource: String,
                  confirm: (_ kept: [Int], _ source: String, _ number: Int) throws -> MinimizationRecord.Test? = { _, _, _ in nil }) throws -> Outcome {
        let promotedSHA = Hashing.sha256Hex(promotedSource)
        var rng = validationRNG(purpose: 0, index: 0)
        let promoted = try evaluator.validate(promotedSource, rng: &rng, deadlineScale: deadlineScale)
        guard promoted.verdict == .passed else {
            throw EvolverError.invalidRun("the promoted kernel no longer passes the suite: \(promoted.verdict.rawValue): \(promoted.detail)")
        }
        let anchors = Self.anchors(of: edits, base: base)
        var outcome = Outcome()
        var bySHA: [String: Int] = [:]
        var known: [[Int]: Bool] = [:]
        for attempt in 0..<Self.confirmationLimit {
            outcome.kept = try DeltaDebugging.minimize(Array(edits.indices), known: known) { kept in
                let tests = outcome.tests
                let test = try judge(kept, of: edits, anchors: anchors, number: tests.count, promotedSource: promotedSource, promotedSHA: promotedSHA,
                                     promotedImage: promoted.imageSHA256, earlier: { sha in bySHA[sha].map { (tests[$0], $0) } })
                if let sha = test.sha256, bySHA[sha] == nil { bySHA[sha] = outcome.tests.count }
                outcome.tests.append(test)
                known[kept] = test.accepted
                return test.accepted
            }
            guard case .kernel(let source, let sha) = build(edits, keeping: outcome.kept, anchors: anchors), sha != promotedSHA else { break }
            guard let refusal = try confirm(outcome.kept, source, outcome.tests.count) else { break }
            bySHA[sha] = outcome.tests.count
            outcome.tests.append(refusal)
            known[outcome.kept] = false
            if attempt == Self.confirmationLimit - 1 { outcome.kept = Array(edits.indices) }
        }
        guard case .kernel(let minimizedSource, let minimizedSHA) = build(edits, keeping: outcome.kept, anchors: anchors) else {
            throw EvolverError.invalidRun("the minimized edits no longer apply")
        }
        outcome.source = minimizedSource
        outcome.sha256 = minimizedSHA
        let speedups = outcome.tests.last { $0.kept == outcome.kept && $0.accepted }?.comparisons.compactMap { $0["speedup"] } ?? []
        if !speedups.isEmpty, speedups.allSatisfy({ $0 > 0 }) {
            outcome.speedupKept = 1 / exp(speedups.map(log).reduce(0, +) / Double(speedups.count))
        }
        for position in outcome.kept {
            outcome.ablations.append(try ablate(position, from: outcome.kept, of: edits, anchors: anchors, minimizedSource: minimizedSource, number: outcome.ablations.count))
        }
        return outcome
    }

    /// One subset judged against the promoted kernel.
    private func judge(_ kept: [Int], of edits: [EditRecord], anchors: [SiteAnchor?], number: Int, promotedSource: String, promotedSHA: String, promotedImage: String?,
                       earlier: (String) -> (test: MinimizationRecord.Test, number: Int)?) throws -> MinimizationRecord.Test {
        let built: (source: String, sha256: String)
        switch build(edits, keeping: kept, anchors: anchors) {
        case .notApplied(let test): return test
        case .kernel(let source, let sha): built = (source, sha)
        }
        if built.sha256 == promotedSHA {
            return .init(kept: kept, sha256: built.sha256, verdict: "same_kernel", detail: "the same kernel as the promoted one", accepted: true)
        }
        if let known = earlier(built.sha256) {
            return .init(kept: kept, sha256: built.sha256, verdict: known.test.verdict, detail: "the same kernel as test \(known.number + 1)",
                         accepted: known.test.accepted)
        }
        var test = MinimizationRecord.Test(kept: kept, sha256: built.sha256, verdict: "passed", detail: "", accepted: false)
        var rng = validationRNG(purpose: 1, index: number)
        let validation = try evaluator.validate(built.source, rng: &rng, deadlineScale: deadlineScale)
        guard validation.verdict == .passed else {
            test.verdict = validation.verdict.rawValue
            test.detail = validation.detail
            return test
        }
        if let image = validation.imageSHA256, image == promotedImage {
            test.verdict = "same_code"
            test.detail = "the same machine code as the promoted kernel"
            test.accepted = true
            return test
        }
        if let why = try differential.disagreement(built.source, candidateIndex: number, runSeed: seed, evaluator: evaluator) {
            test.verdict = Verdict.wrongOutput.rawValue
            test.detail = "differential test against the seed: \(why)"
            return test
        }
        var comparisons: [SampleComparison] = []
        for round in 0..<2 {
            let bench = try recorded.map { $0.tests.dropFirst(number).first?.benchmarks.dropFirst(round).first ?? Self.unjournaled }
                ?? evaluator.benchmark(incumbent: built.source, candidate: promotedSource,
                                       inputSeed: BenchmarkSeed.derive(runSeed: seed, candidate: number, purpose: .minimization, round: round),
                                       candidateFirst: round == 1).evidence
            test.benchmarks.append(bench)
            if let failure = bench.failure {
                test.verdict = failure.verdict
                test.detail = failure.detail
                return test
            }
            let c = try judge.decisive(incumbent: bench.incumbent, candidate: bench.candidate).comparison
            test.comparisons.append(c.record)
            comparisons.append(c)
            if rule.promotes(c) || (round == 1 && Self.loses(comparisons, rule)) {
                test.detail = String(format: "the promoted kernel measured %.3fx as fast (gain %+.2f%%, p = %.2g)%@: what was taken out matters",
                                     c.speedup, c.relativeGain * 100, c.pValue, rule.promotes(c) ? "" : ", over both benchmarks at least the rule's minimum gain")
                return test
            }
        }
        let speedups = test.comparisons.compactMap { $0["speedup"] }.map { String(format: "%.3fx", $0) }.joined(separator: " and ")
        test.detail = "the promoted kernel measured \(speedups) as fast: not faster by the promotion rule, nor by its minimum gain"
        test.accepted = true
        return test
    }

    /// The minimized kernel without the edit at `position`, timed against the minimized kernel.
    private func ablate(_ position: Int, from kept: [Int], of edits: [EditRecord], anchors: [SiteAnchor?], minimizedSource: String, number: Int) throws -> MinimizationRecord.Ablation {
        let without = kept.filter { $0 != position }
        let built: (source: String, sha256: String)
        switch build(edits, keeping: without, anchors: anchors) {
        case .notApplied(let test):
            return .init(edit: position, sha256: nil, verdict: test.verdict,
                         detail: test.detail.replacingOccurrences(of: "without the edits taken out", with: "without it"), significant: false)
        case .kernel(let source, let sha): built = (source, sha)
        }
        var ablation = MinimizationRecord.Ablation(edit: position, sha256: built.sha256, verdict: "passed", detail: "", significant: false)
        var rng = validationRNG(purpose: 2, index: number)
        let validation = try evaluator.validate(built.source, rng: &rng, deadlineScale: deadlineScale)
        guard validation.verdict == .passed else {
            ablation.verdict = validation.verdict.rawValue
            ablation.detail = "without it the kernel fails the suite: \(validation.detail)"
            return ablation
        }
        let bench = try recorded.map { $0.ablations.dropFirst(number).first?.benchmark ?? Self.unjournaled }
            ?? evaluator.benchmark(incumbent: built.source, candidate: minimizedSource,
                                   inputSeed: BenchmarkSeed.derive(runSeed: seed, candidate: number, purpose: .ablation)).evidence
        ablation.benchmark = bench
        if let failure = bench.failure {
            ablation.verdict = failure.verdict
            ablation.detail = failure.detail
            return ablation
        }
        let c = try judge.decisive(incumbent: bench.incumbent, candidate: bench.candidate).comparison
        ablation.comparison = c.record
        ablation.significant = rule.isSignificant(c) && c.relativeGain > 0
        ablation.detail = String(format: "%.3fx faster with it (gain %+.2f%%, p = %.2g)", c.speedup, c.relativeGain * 100, c.pValue)
        return ablation
    }

    /// Whether the comparisons of a kernel (incumbent) with the promoted kernel (candidate) say the
    /// kernel lost something: the rule promotes the promoted kernel over it in one of them, or,
    /// over all of them, the promoted kernel is estimated the rule's minimum gain faster (by the
    /// mean Hodges–Lehmann gain or the geometric mean ratio of medians). A drop needs evidence that
    /// little was lost, not only the absence of evidence that much was: on a noisy machine a real
    /// loss is often not significant.
    static func loses(_ comparisons: [SampleComparison], _ rule: PromotionRule) -> Bool {
        guard !comparisons.isEmpty else { return false }
        if comparisons.contains(where: rule.promotes) { return true }
        let n = Double(comparisons.count)
        let gain = comparisons.map(\.relativeGain).reduce(0, +) / n
        let speedup = exp(comparisons.map { log(max($0.speedup, 1e-9)) }.reduce(0, +) / n)
        return gain >= rule.minimumGain || speedup >= 1 + rule.minimumGain
    }

    /// A replay's stand-in for a benchmark the journal does not hold.
    static let unjournaled = BenchmarkEvidence.failed(verdict: Verdict.internalError.rawValue, detail: "the benchmark is not journaled")

    /// A replay validates with room to spare (how close a call came to its deadline is a timing matter).
    private var deadlineScale: Int { recorded == nil ? 1 : StagedEvaluation.replayDeadlineScale }

    private func validationRNG(purpose: UInt64, index: Int) -> SplitMix64 {
        var mix = SplitMix64(seed: seed ^ (purpose << 56) ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15))
        return mix.split()
    }
}
