import ArgumentParser
import EvolverCore
import Foundation
import KernelMutation
import RunStore

/// `evolver run`: evolve a sandbox's kernel.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Evolve a sandbox's kernel: mutate, compile, validate, benchmark, promote, record.",
        discussion: "Budgets combine (the first one spent ends the run); without any, the run lasts 60 s. Ctrl-C stops cleanly and records the run as interrupted; '--resume RUN' continues it.")

    @Argument(help: "The sandbox (default: score, the evolver's own scoring kernel).") var sandbox: String = "score"
    @Option(help: "Seed of the run's random generator (default: random, always printed and recorded).") var seed: UInt64?
    @Option(help: "Time budget, e.g. 90s, 5m.") var time: Duration?
    @Option(help: "Budget of distinct candidates evaluated.") var candidates: Int?
    @Option(help: "Budget of generations.") var generations: Int?
    @Option(help: "Parallel evaluation workers (default: the number of cores).") var jobs: Int?
    @Option(help: "Continue an interrupted or killed run from its last checkpoint.") var resume: String?
    @Option(help: "Comma-separated mutation operators to use (default: all; see the README).") var operators: String?
    @Option(name: .customLong("crossover-share"), help: "Share of offspring made by crossover of two members' edit lists, 0...1 (default: 0.2; 0 turns it off).") var crossoverShare: Double?
    @Option(help: "How offspring choose their operator: learned (from earlier runs on the sandbox, then adapting; the default), fresh (adapting from nothing) or uniform (every operator alike, never adapting).") var policy: PolicySettings.Mode?
    @Option(help: "The policy's credit: extreme (the best validated gain in an operator's window per second of evaluation; the default) or mean (the window's total gain per second).") var credit: CreditScheme?
    @Option(name: .customLong("until-speedup"), help: "End the run once the best kernel is this much faster than the seed, e.g. 1.5.") var untilSpeedup: Double?
    @Option(help: "An outside program asked for a share of offspring: run through /bin/sh -c, one JSON request on stdin, {\"sources\": [...]} on stdout (see the README). A replay never calls it.") var proposer: String?
    @Option(name: .customLong("proposer-share"), help: "Share of offspring slots offered to the proposer, 0...1 (default: 0.25).") var proposerShare: Double?
    @Option(name: .customLong("proposer-timeout"), help: "How long the proposer may take to reply, e.g. 30s (default: 60s).") var proposerTimeout: Duration?
    @Flag(help: "When the run completes, minimize its best kernel's edit list to the edits that matter (see 'evolver minimize'); the run then cannot be resumed.") var minimize = false
    @Flag(name: .customLong("no-adopt"), help: "Keep the judge unchanged: promotions of the judge's sandbox are not offered for adoption.") var noAdopt = false
    @Flag(help: "Ask on the terminal before each adoption of a new judge (without a terminal, adoptions are declined unless --yes).") var approve = false
    @Flag(help: "With --approve: approve every adoption the guard passes without asking.") var yes = false
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var store: StoreOptions
    @OptionGroup var location: SandboxLocationOptions

    func validate() throws {
        if let candidates, candidates < 1 { throw ValidationError("--candidates must be at least 1") }
        if let generations, generations < 1 { throw ValidationError("--generations must be at least 1") }
        if let crossoverShare, !(0...1).contains(crossoverShare) { throw ValidationError("--crossover-share must be between 0 and 1") }
        if let untilSpeedup, !(untilSpeedup > 1) { throw ValidationError("--until-speedup must be above 1 (a speedup over the seed, e.g. 1.5)") }
        if resume != nil, policy != nil || credit != nil || untilSpeedup != nil {
            throw ValidationError("--policy, --credit and --until-speedup are the run's own: a resumed run keeps what it was started with")
        }
        if proposer == nil, proposerShare != nil || proposerTimeout != nil { throw ValidationError("--proposer-share and --proposer-timeout need --proposer") }
        if let proposer, proposer.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--proposer needs a command") }
        if let proposerShare, !(proposerShare > 0 && proposerShare <= 1) { throw ValidationError("--proposer-share must be above 0 and at most 1") }
        if let proposerTimeout, !(proposerTimeout.seconds > 0) { throw ValidationError("--proposer-timeout must be positive") }
        if resume != nil, proposer != nil { throw ValidationError("--proposer is the run's own: a resumed run keeps the proposer it was started with") }
        if let jobs, !(1...64).contains(jobs) { throw ValidationError("--jobs must be 1...64") }
        if noAdopt && (approve || yes) { throw ValidationError("--no-adopt cannot be combined with --approve or --yes") }
        if yes && !approve { throw ValidationError("--yes only applies with --approve") }
        if let operators {
            let unknown = operators.split(separator: ",").map(String.init).filter { MutationRegistry.named($0) == nil }
            if !unknown.isEmpty { throw ValidationError("unknown operators: \(unknown.joined(separator: ", ")) (known: \(MutationRegistry.operators.map(\.name).joined(separator: ", ")))") }
        }
    }

    func run() throws {
        var summary: RunSummary?
        try reportingErrors {
            let service = try service(try store.open(), location)
            let interrupt = Interrupt()
            let status = StatusLine(enabled: !json && isatty(STDERR_FILENO) != 0)
            let clock = { DispatchTime.now().uptimeNanoseconds.toSeconds }
            if let resume {
                summary = try service.resume(resume, extraTime: time?.seconds, adoption: adoption, clock: clock, shouldStop: { interrupt.isRaised },
                                             progress: status.update, warn: printWarning)
            } else {
                let seed = seed ?? UInt64.random(in: 0...UInt64(Int64.max))
                var options = EvolutionOptions.defaults(seed: seed, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
                options.timeLimit = time?.seconds ?? (candidates == nil && generations == nil ? 60 : nil)
                options.candidateLimit = candidates
                options.generationLimit = generations
                options.operators = operators.map { $0.split(separator: ",").map(String.init) }
                if let crossoverShare { options.crossoverShare = crossoverShare }
                options.policy = PolicySettings(mode: policy ?? .learned, credit: credit ?? .standard)
                options.targetSpeedup = untilSpeedup
                if let proposer {
                    options.proposer = ProposerSettings(command: proposer, directory: FileManager.default.currentDirectoryPath,
                                                        share: proposerShare ?? ProposerSettings.standardShare,
                                                        timeoutSeconds: proposerTimeout?.seconds ?? ProposerSettings.standardTimeout)
                }
                let json = self.json
                summary = try service.start(
                    sandbox: sandbox, options: options, adoption: adoption, clock: clock, shouldStop: { interrupt.isRaised }, progress: status.update,
                    warn: printWarning, started: { run in
                        if !json {
                            FileHandle.standardError.write(Data("run \(run.id): sandbox \(run.manifest.sandbox), seed \(seed), budget \(Self.describe(options))\n".utf8))
                            if let policy = try? service.store.policy(run: run.id) { FileHandle.standardError.write(Data((Self.describe(policy) + "\n").utf8)) }
                        }
                        let reassociates = (try? service.catalog.load(run.manifest.sandbox).harness.allowsFloatReassociation) ?? false
                        if !json, reassociates, options.operators.map({ !Set($0).isDisjoint(with: MutationRegistry.floatReassociating) }) ?? true {
                            FileHandle.standardError.write(Data("floating-point re-association offered (split-float-accumulator): every output of \(run.manifest.sandbox) has a tolerance that allows it\n".utf8))
                        }
                    })
            }
            status.finish()
            if minimize, let s = summary, s.status == "completed", s.promotions > 0 {
                if !json { FileHandle.standardError.write(Data("minimizing promotion \(s.promotions) of \(s.run)...\n".utf8)) }
                summary?.minimization = try service.minimize(s.run, warn: printWarning)
            }
        }
        guard let summary else { return }
        if json {
            print(try jsonString(summary))
        } else {
            print(Self.text(summary))
            if let m = summary.minimization { print(MinimizeCommand.text(m)) }
        }
        if summary.status == "interrupted" { throw ExitCode(130) }
    }

    /// How this run treats promotions of the judge's sandbox.
    var adoption: AdoptionPolicy {
        if noAdopt { return .off }
        guard approve else { return .guarded }
        let yes = self.yes
        return .approve { request in
            if yes { return nil }
            guard isatty(STDIN_FILENO) != 0 else { return "declined: --approve without a terminal to ask on (pass --yes to approve)" }
            FileHandle.standardError.write(Data("\nadopt promotion \(request.promotion) (\(request.sha256.prefix(12))) as the judge, if the guard passes? [y/N] ".utf8))
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            return answer == "y" || answer == "yes" ? nil : "declined on the terminal"
        }
    }

    static func describe(_ o: EvolutionOptions) -> String {
        var parts: [String] = []
        if let t = o.timeLimit { parts.append("\(Int(t)) s") }
        if let c = o.candidateLimit { parts.append("\(c) candidates") }
        if let g = o.generationLimit { parts.append("\(g) generations") }
        if let s = o.targetSpeedup { parts.append(String(format: "until %.2fx", s)) }
        return parts.joined(separator: ", ") + ", \(o.jobs) workers"
    }

    /// One line on where the run's policy starts.
    static func describe(_ p: RunPolicyRecord) -> String {
        switch p.mode {
        case "learned" where !p.learnedFrom.isEmpty:
            let runs = p.learnedFrom.count > 4 ? "\(p.learnedFrom.prefix(2).joined(separator: ", ")), ..., \(p.learnedFrom.last!)" : p.learnedFrom.joined(separator: ", ")
            return "policy: learned from \(p.learnedFrom.count) earlier run\(p.learnedFrom.count == 1 ? "" : "s") on this sandbox (\(runs)), \(p.credit) credit"
        case "learned", "fresh":
            return "policy: adapting from nothing (no earlier run on this sandbox taught it), \(p.credit) credit"
        default:
            return "policy: uniform"
        }
    }

    static func text(_ s: RunSummary) -> String {
        """
        run \(s.run)  sandbox \(s.sandbox)  seed \(s.seed)  status \(s.status)
        \(s.candidates) candidates (\(String(format: "%.1f", s.durationSeconds > 0 ? Double(s.candidates) / s.durationSeconds : 0))/s), \(s.promotions) promotions, best speedup \(String(format: "%.3f", s.bestSpeedup))x vs seed, \(String(format: "%.1f", s.durationSeconds)) s
        next: evolver show \(s.run)  |  evolver diff \(s.run)  |  evolver export \(s.run) > best.c  |  evolver replay \(s.run)\(s.status == "interrupted" ? "  |  evolver run --resume \(s.run)" : "")
        """
    }
}

extension PolicySettings.Mode: ExpressibleByArgument {}
extension CreditScheme: ExpressibleByArgument {}

extension UInt64 {
    var toSeconds: Double { Double(self) / 1e9 }
}

/// The live status line on a terminal (stderr), redrawn in place.
final class StatusLine: @unchecked Sendable {
    let enabled: Bool
    init(enabled: Bool) { self.enabled = enabled }

    func update(_ p: EvolutionEngine.Progress) {
        guard enabled else { return }
        let rate = p.elapsed > 0 ? Double(p.candidates) / p.elapsed : 0
        let share = p.candidates > 0 ? 100 * Double(p.passing) / Double(p.candidates) : 0
        let line = String(format: "\r%6.1fs  gen %d  %d candidates  %.1f/s  %.0f%% passing  %d promotions  best %.3fx ",
                          p.elapsed, p.generation, p.candidates, rate, share, p.promotions, p.bestSpeedup)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
