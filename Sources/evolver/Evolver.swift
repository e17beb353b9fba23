import ArgumentParser
import EvolverCore
import Foundation

/// The `evolver` command: a sandboxed, self-modifying program evolver.
///
/// Exit codes: 0 success; 1 the command's check failed (a kernel was rejected); 2 usage or
/// configuration error (unknown sandbox, unreadable file, broken lock).
@main
struct Evolver: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evolver",
        abstract: "Evolve C kernels safely: compile in-process with TinyCC, run only in a seccomp sandbox, validate against a hash-locked suite, promote only what is significantly faster.",
        subcommands: [RunCommand.self, RunsCommand.self, ShowCommand.self, DiffCommand.self, MinimizeCommand.self, ExportCommand.self, ReportCommand.self, ReplayCommand.self,
                      PolicyCommand.self, ProposeFromCommand.self,
                      CheckCommand.self, SelfCommand.self, SandboxesCommand.self, SandboxCommand.self]
    )

    /// Maps usage errors to exit code 2 (ArgumentParser's default is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code != .success, code.rawValue == ExitCode.validationFailure.rawValue {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
