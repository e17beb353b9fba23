import ArgumentParser
import EvolverCore
import Foundation
import RunStore

/// `evolver self`: the evolver's own judge — which scoring kernel is active, where it came from,
/// and every adoption, refusal, revert and incident.
struct SelfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "self",
        abstract: "Show, adopt or revert the evolver's own scoring kernel (its judge).",
        subcommands: [SelfShowCommand.self, SelfAdoptCommand.self, SelfRevertCommand.self],
        defaultSubcommand: SelfShowCommand.self)
}

struct SelfShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "The active scoring kernel (hash, provenance, guard evidence, speed) and the judge's history.")
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var store: StoreOptions
    @OptionGroup var location: SandboxLocationOptions

    func run() throws {
        var status: JudgeStatus?
        try reportingErrors { status = try service(try store.open(), location).judgeStatus() }
        guard let status else { return }
        print(json ? try jsonString(status) : Self.text(status))
    }

    static func text(_ s: JudgeStatus) -> String {
        var lines: [String] = []
        let a = s.active
        if a.isSeed {
            lines.append("judge: the seed scorer \(a.sha256.prefix(12))")
        } else {
            lines.append("judge: \(a.sha256.prefix(12)) from \(a.origin), adopted \(a.adoptedAt.map(stamp) ?? "?") by evolver \(a.evolverVersion ?? "?")")
            if let e = a.evidence { lines.append("  guard: \(describe(e))") }
            if let x = a.speedupVsSeed { lines.append(String(format: "  speed: %.2fx the seed scorer on the judge's workload (measured at adoption)", x)) }
        }
        if s.history.isEmpty {
            lines.append("history: nothing adopted yet")
        } else {
            lines.append("history:")
            for e in s.history {
                let origin = e.file.map { "file \($0)" } ?? e.runID.map { r in e.promotion.map { "run \(r) promotion \($0)" } ?? "run \(r)" } ?? "-"
                lines.append("  \(e.seq ?? 0)  \(stamp(e.at))  \(e.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  \(e.sha256.prefix(12))  \(origin.escapedForTerminal): \(e.reason.escapedForTerminal)")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func describe(_ e: GuardEvidence) -> String {
        String(format: "suite %d/%d, contract inputs %d/%d, journaled comparisons %d/%d, %.1f s", e.suitePassed, e.suiteTotal,
               e.differentialPassed, e.differentialTotal, e.refereeAgreed, e.refereePairs, e.seconds)
    }

    static func stamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return f.string(from: date)
    }
}

struct SelfAdoptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adopt", abstract: "Adopt a scoring kernel from a file, through the adoption guard.",
        discussion: "Exit status: 0 adopted, 1 refused (the reason is printed), 2 usage or configuration error.")
    @Argument(help: "The scoring kernel's C source.") var file: String
    @Option(help: "Seed of the guard's fresh inputs (default: random, recorded).") var seed: UInt64?
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var store: StoreOptions
    @OptionGroup var location: SandboxLocationOptions

    func run() throws {
        var outcome: EvolutionService.AdoptionOutcome?
        try reportingErrors {
            guard let data = FileManager.default.contents(atPath: file) else { throw EvolverError.unreadableFile(file) }
            guard let source = String(data: data, encoding: .utf8) else { throw EvolverError.unreadableFile("\(file) (not UTF-8 text)") }
            let service = try service(try store.open(), location)
            outcome = try service.offer(source, origin: .file(file), inputSeed: seed ?? UInt64.random(in: 0...UInt64.max))
        }
        guard let outcome else { return }
        if json {
            print(try jsonString(AdoptionReply(adopted: outcome.adopted, reason: outcome.reason, event: outcome.event)))
        } else if outcome.adopted {
            print("adopted \(outcome.event.sha256.prefix(12)) as the judge: \(outcome.event.evidence.map(SelfShowCommand.describe) ?? "")")
        } else {
            print("refused \(outcome.event.sha256.prefix(12)): \(outcome.reason.escapedForTerminal); the judge stays \(outcome.event.activeSHA256.prefix(12))")
        }
        if !outcome.adopted { throw ExitCode(1) }
    }

    struct AdoptionReply: Encodable {
        var adopted: Bool
        var reason: String
        var event: ScorerEventRecord
    }
}

struct SelfRevertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revert", abstract: "Go back to the seed scorer, or to a scoring kernel adopted before (recorded in the history).")
    @Argument(help: "'seed' (default) or the hash (or a unique prefix) of a kernel adopted before.") var target: String?
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var store: StoreOptions
    @OptionGroup var location: SandboxLocationOptions

    func run() throws {
        var event: ScorerEventRecord?
        try reportingErrors { event = try service(try store.open(), location).revert(to: target) }
        guard let event else { return }
        print(json ? try jsonString(event) : "the judge is now \(event.activeSHA256.prefix(12)) (\(event.reason))")
    }
}
