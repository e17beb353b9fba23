import EvolverCore
import Foundation

// evolver-bench: measures the figures of `make bench` side by side in one run, prints a table and
// writes them as JSON. Ratios, not absolute times, are the targets: the machine is shared.

var outputPath = ".build/bench.json"
var aaTrials = 100
var only: Set<String>?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let a = arguments.next() {
    switch a {
    case "--output": outputPath = arguments.next() ?? outputPath
    case "--aa-trials": aaTrials = Int(arguments.next() ?? "") ?? aaTrials
    case "--only": only = Set((arguments.next() ?? "").split(separator: ",").map(String.init))
    default:
        FileHandle.standardError.write(Data("usage: evolver-bench [--output FILE] [--aa-trials N] [--only compile,eval,aa,check,ratio,evolve,float,replay,report,minimize,self,policy,kill9]\n".utf8))
        exit(2)
    }
}

let products = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]).deletingLastPathComponent()
let catalog = try SandboxCatalog.locate(explicit: nil, environment: ProcessInfo.processInfo.environment, currentDirectory: FileManager.default.currentDirectoryPath, executablePath: products.path + "/evolver")
let score = try catalog.load("score")
let sw = try catalog.load("smith-waterman")
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("evolver-bench-\(getpid())")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }

var figures = BenchFigures()
let workerPath = products.appendingPathComponent("evolver-worker").path

/// Whether a group of figures was asked for (all by default).
@MainActor func wanted(_ group: String) -> Bool { only?.contains(group) ?? true }

// 1. In-process libtcc compile+relocate vs gcc -O2 -shared + dlopen, same source.
if wanted("compile") {
    var tcc: [Double] = []
    for _ in 0..<200 {
        tcc.append(try timeNs { _ = try TrustedKernelModule(source: score.seedSource, entry: "score", symbols: score.manifest.allowedSymbols) })
    }
    var gcc: [Double] = []
    for _ in 0..<7 {
        gcc.append(try timeNs { _ = try GCCReference(source: score.seedSource, entry: "score", directory: scratch) })
    }
    figures.add("compile_speedup_vs_gcc", median(gcc) / median(tcc), goal: ">= 50",
                note: String(format: "libtcc %.3f ms vs gcc %.1f ms", median(tcc) / 1e6, median(gcc) / 1e6))
}

// 2. One sandboxed evaluation of a trivial kernel: compile in the forked child, one call, result back.
if wanted("eval") {
    let worker = WorkerProcess(executable: workerPath)
    let evaluator = try KernelEvaluator(sandbox: score, worker: worker)
    evaluator.repeatedCalls = 0
    let trivial = "int score(const long long *a, int n, const long long *b, int m, long long *s, long long *out) { return -1; }"
    let emptyCase = score.cases.firstIndex { if case .int(let n)? = $0.args["n"] { n == 0 } else { false } } ?? 0
    var rng = SplitMix64(seed: 1)
    _ = try evaluator.validate(trivial, rng: &rng, subset: [emptyCase])
    var times: [Double] = []
    for _ in 0..<300 {
        times.append(try timeNs { _ = try evaluator.validate(trivial, rng: &rng, subset: [emptyCase]) })
    }
    figures.add("eval_overhead_ms", median(times) / 1e6, goal: "<= 1.5", note: "median of 300, persistent worker, fork per evaluation")
}

// 3. A/A: the score seed against itself, judged by the promotion rule through the active scoring kernel.
if wanted("aa") {
    let worker = WorkerProcess(executable: workerPath)
    let evaluator = try KernelEvaluator(sandbox: score, worker: worker)
    let scoring = try ScoringKernel(scoreSandbox: score)
    var promoted = 0
    var significant = 0
    for trial in 0..<aaTrials {
        let b = try evaluator.benchmark(incumbent: score.seedSource, candidate: score.seedSource, inputSeed: UInt64(trial) &+ 0xAA00)
        let c = try scoring.compare(incumbent: b.incumbentSamples, candidate: b.candidateSamples)
        if PromotionRule.standard.promotes(c) { promoted += 1 }
        if PromotionRule.standard.isSignificant(c) { significant += 1 }
    }
    figures.add("aa_false_promotion_rate", Double(promoted) / Double(aaTrials), goal: "<= 0.01",
                note: "\(promoted)/\(aaTrials) promoted, \(significant) significant at alpha 0.01")
}

// 4. Wall time of `evolver check` on each seed (the built binary, as a user runs it).
for (name, figure) in [("score", "check_seconds_score"), ("smith-waterman", "check_seconds_sw")] where wanted("check") {
    var times: [Double] = []
    for _ in 0..<3 {
        times.append(try timeNs { try run(products.appendingPathComponent("evolver").path, ["check", name, "--sandboxes", catalog.root.path]) } / 1e9)
    }
    figures.add(figure, median(times), goal: "<= 3", note: "median of 3")
}

// 4b. The benchmark measures truthfully: a kernel doing exactly twice the seed's work must measure 0.5x.
if wanted("ratio") || wanted("check") {
    let twice = scratch.appendingPathComponent("twice-the-work.c")
    try score.seedRepeated(times: 2).write(to: twice, atomically: true, encoding: .utf8)
    var errors: [Double] = []
    var speedups: [String] = []
    for trial in 0..<5 {
        let out = try output(products.appendingPathComponent("evolver").path,
                             ["check", "score", "--kernel", twice.path, "--json", "--seed", "\(trial + 1)", "--sandboxes", catalog.root.path])
        let json = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
        guard let bench = json?["benchmark"] as? [String: Any], let speedup = bench["speedup"] as? Double else {
            throw BenchError("twice-the-work check did not benchmark: \(out.prefix(300))")
        }
        errors.append(abs(speedup - 0.5) / 0.5)
        speedups.append(String(format: "%.3f", speedup))
    }
    figures.add("known_ratio_error", median(errors), goal: "<= 0.05", note: "|speedup - 0.5| / 0.5 of the seed doing its work twice, median of 5 checks (speedups \(speedups.joined(separator: ", ")))")
}

// 5. Seed speed under TinyCC relative to gcc -O2 (interleaved passes over the benchmark workload).
for (sandbox, figure) in [(score, "tcc_vs_gcc_seed_ratio_score"), (sw, "tcc_vs_gcc_seed_ratio_sw")] where wanted("ratio") {
    let harness = try HostHarness(cases: try sandbox.workload(), harness: sandbox.harness)
    let tcc = try TrustedKernelModule(source: sandbox.seedSource, entry: sandbox.manifest.entry, symbols: sandbox.manifest.allowedSymbols)
    let gcc = try GCCReference(source: sandbox.seedSource, entry: sandbox.manifest.entry, directory: scratch)
    var tccTimes: [Double] = [], gccTimes: [Double] = []
    var sink = 0
    for round in 0..<25 {
        let a = timeNs { sink &+= harness.pass(tcc.entry) }
        let b = timeNs { sink &+= harness.pass(gcc.entry) }
        if round >= 3 {
            tccTimes.append(a)
            gccTimes.append(b)
        }
    }
    figures.add(figure, median(gccTimes) / median(tccTimes), goal: "reference",
                note: String(format: "tcc %.3f ms vs gcc %.3f ms per workload pass (checksum %d)", median(tccTimes) / 1e6, median(gccTimes) / 1e6, sink & 0xff))
}

// 5b. A hand-written reference score kernel against the seed, checked as `evolver check` checks a kernel.
if wanted("ratio") {
    let speedups = try ReferenceKernels.checkedSpeedups(
        try ReferenceKernels.scoreSource(), sandbox: score, judge: try catalog.judge(), workerPath: workerPath, seeds: [1, 2, 3])
    figures.add("reference_speedup_score", median(speedups), goal: "reference",
                note: "reference-score.c vs the seed, median of 3 checks (seeds 1, 2, 3: " + speedups.map { String(format: "%.2fx", $0) }.joined(separator: ", ") + ")")
}

// 6. Evolution: throughput, best speedup within 120 s (median of 3 seeds), replay, kill -9.
let evolution = EvolutionFigures(catalog: catalog, workerPath: workerPath, evolverPath: products.appendingPathComponent("evolver").path, scratch: scratch)
if wanted("evolve") {
    let (_, s) = try evolution.run("score", seed: 1, seconds: 60)
    figures.add("candidates_per_s_score", Double(s.candidates) / s.durationSeconds, goal: ">= 20",
                note: "\(s.candidates) candidates in \(String(format: "%.1f", s.durationSeconds)) s, 2 workers")
}
// The float sandbox (`heat`) too, or alone with `--only float`.
let speedupRuns = (wanted("evolve") ? [("score", "speedup_score_120s", ">= 4"), ("smith-waterman", "speedup_sw_120s", ">= 1.5")] : [])
    + (wanted("evolve") || wanted("float") ? [("heat", "speedup_float_120s", "report")] : [])
var dedupCounts: (twins: Int, all: Int) = (0, 0)
/// A `score` run long enough for `report_seconds`, when the speedup runs recorded one.
var reportRun: (EvolutionService, RunSummary)?
/// The three 120 s `score` runs, whose promotions `minimize` cuts down.
var scoreRuns: [(EvolutionService, RunSummary)] = []
for (name, figure, goal) in speedupRuns {
    var speedups: [Double] = []
    var notes: [String] = []
    for seed in [UInt64(1), 2, 3] {
        let (svc, summary) = try evolution.run(name, seed: seed, seconds: 120)
        let measured = try evolution.measuredBestSpeedup(svc, summary)
        let winner = try evolution.winner(svc, summary)
        speedups.append(measured)
        notes.append(String(format: "seed %llu: %.3fx (%d promotions, run estimate %.3fx; %@)", seed, measured, summary.promotions, summary.bestSpeedup, winner))
        if name == "score", reportRun == nil, summary.candidates >= ReportFigure.minimumCandidates { reportRun = (svc, summary) }
        if name == "score" { scoreRuns.append((svc, summary)) }
        if name == "score" {
            let candidates = try svc.store.candidates(run: summary.run)
            dedupCounts.twins += candidates.filter { $0.evidence.sameCodeAs != nil }.count
            dedupCounts.all += candidates.count
        }
    }
    figures.add(figure, median(speedups), goal: goal, note: notes.joined(separator: "; "))
}
if dedupCounts.all > 0 {
    figures.add("dedup_share", Double(dedupCounts.twins) / Double(dedupCounts.all), goal: "report",
                note: "\(dedupCounts.twins) of \(dedupCounts.all) candidates of the three 120 s score runs took the verdict of an earlier candidate with identical machine code")
}
if wanted("replay") {
    let (svc, s) = try evolution.run("score", seed: 4, seconds: nil, candidates: 504)
    let report = try svc.replay(s.run, remeasure: false)
    figures.add("replay_identical", report.identical ? 1 : 0, goal: "1",
                note: "\(report.candidatesChecked) of \(s.candidates) candidates re-derived\(report.firstDivergence.map { ", diverged at \($0.candidate): \($0.field) \($0.recorded) recorded, \($0.replayed) replayed" } ?? "")")
}
if wanted("replay") {
    // A run that took a quarter of its offspring from a scripted proposer, replayed after the script is deleted.
    let script = scratch.appendingPathComponent("scripted-proposer.sh")
    let reply = scratch.appendingPathComponent("scripted-reply.json")
    let sources = [try ReferenceKernels.scoreSource(), "int score(void) { return 0; }\n", "not C at all"]
    try JSONSerialization.data(withJSONObject: ["sources": sources]).write(to: reply)
    try "#!/bin/sh\ncat > /dev/null\ncat '\(reply.path)'\n".write(to: script, atomically: true, encoding: .utf8)
    chmod(script.path, 0o755)
    let svc = try evolution.service("score")
    var options = EvolutionOptions.defaults(seed: 5, jobs: 2)
    options.timeLimit = nil
    options.candidateLimit = 300
    options.proposer = ProposerSettings(command: script.path, directory: scratch.path)
    let s = try svc.start(sandbox: "score", options: options, clock: evolution.clock, shouldStop: { false }, progress: { _ in })
    let exchanges = try svc.store.proposals(run: s.run)
    try FileManager.default.removeItem(at: script)
    try FileManager.default.removeItem(at: reply)
    let report = try svc.replay(s.run, remeasure: false)
    let external = try svc.store.candidates(run: s.run).filter { $0.edits.contains { $0.op == ExternalEdit.op } }.count
    figures.add("replay_identical_proposer", report.identical ? 1 : 0, goal: "1",
                note: "\(report.candidatesChecked) of \(s.candidates) candidates re-derived with the proposer deleted (\(exchanges.count) exchanges journaled, \(external) candidates on proposals)\(report.firstDivergence.map { ", diverged at \($0.candidate): \($0.field) \($0.recorded) recorded, \($0.replayed) replayed" } ?? "")")
}
if wanted("report") {
    let (svc, s) = try reportRun ?? evolution.run("score", seed: 5, seconds: nil, candidates: ReportFigure.minimumCandidates)
    let figure = ReportFigure(evolverPath: products.appendingPathComponent("evolver").path, sandboxesPath: catalog.root.path, scratch: scratch)
    let (seconds, bytes) = try figure.measure(store: svc.store, runID: s.run)
    figures.add("report_seconds", seconds, goal: "<= 2",
                note: String(format: "evolver report of a %d-candidate score run (%d promotions), median of 3; page %.0f KB", s.candidates, s.promotions, Double(bytes) / 1024))
}
if wanted("minimize") {
    // Minimized after the report figure: a minimized kernel becomes a candidate of its run.
    let runs = try scoreRuns.isEmpty ? [UInt64(1), 2, 3].map { try evolution.run("score", seed: $0, seconds: 120) } : scoreRuns
    let minimization = MinimizationFigures(clock: evolution.clock)
    minimization.add(try minimization.minimizeAll(runs), to: &figures)
}
if wanted("self") {
    var selfHosting = SelfHostingFigures(
        evolution: evolution, corpus: catalog.root.deletingLastPathComponent().appendingPathComponent("Tests/EvolverCoreTests/Scoring/WrongScorers"))
    try selfHosting.add(to: &figures, runSeconds: Double(ProcessInfo.processInfo.environment["EVOLVER_BENCH_SELF_SECONDS"] ?? "") ?? 300)
}
if wanted("policy") {
    let policy = PolicyFigures(evolution: evolution)
    let sw = try policy.compare("smith-waterman", target: 1.3, trainingSeeds: [101, 102, 103], trainingSeconds: 60, seeds: [1, 2, 3, 4, 5], capSeconds: 120)
    policy.add("learned_policy_gain", goal: ">= 1.5", sw, target: 1.3, to: &figures)
    let sc = try policy.compare("score", target: 1.5, trainingSeeds: [101, 102, 103], trainingSeconds: 60, seeds: [1, 2, 3, 4, 5], capSeconds: 120)
    policy.add("learned_policy_gain_score", goal: "report", sc, target: 1.5, to: &figures)
}
if wanted("kill9") {
    let (lost, recorded) = try evolution.killNineTrials(20)
    figures.add("kill9_lost_candidates", Double(lost), goal: "0", note: "20 kill -9 / --resume trials at random moments, \(recorded) candidates recorded before the kills")
}

try figures.write(to: URL(fileURLWithPath: outputPath))
print(figures.table())
print("wrote \(outputPath)")
