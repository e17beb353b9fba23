import Foundation

/// The outside proposer as a program: run once per request through `/bin/sh -c` in a process
/// group of its own, the request on stdin, the reply on stdout, killed with everything it started
/// at the deadline. Whatever it does, the run goes on: a late, crashing or silent proposer is an
/// exchange with a status, never an error of the run.
public struct ProposerProcess: Sendable {
    public let command: String
    /// Where the command runs.
    public let directory: URL
    public let timeoutSeconds: Double

    public init(command: String, directory: URL, timeoutSeconds: Double) {
        self.command = command
        self.directory = directory
        self.timeoutSeconds = timeoutSeconds
    }

    /// How one call went.
    public struct Call: Sendable, Equatable {
        /// `replied`, `timeout`, `crashed`, `too_large` or `unavailable` (it could not start).
        public var status: String
        public var detail: String
        public var reply: Data
        public var elapsedMs: Int64
    }

    /// Sends `request` and waits for the reply, at most `timeoutSeconds`.
    public func call(_ request: String) -> Call {
        let shell = ShellCommand(command: command, directory: directory, timeoutSeconds: timeoutSeconds, outputCap: ProposalReply.maximumBytes)
        let outcome = shell.run(Array(request.utf8) + [UInt8(ascii: "\n")])
        let reply = outcome.stdout, elapsed = outcome.elapsedMs
        let said = outcome.stderrLine.isEmpty ? "" : ": \(outcome.stderrLine)"
        switch outcome.ending {
        case .exited(0):
            return Call(status: "replied", detail: "replied \(reply.count) bytes in \(elapsed) ms", reply: reply, elapsedMs: elapsed)
        case .exited(let code):
            return Call(status: "crashed", detail: "the proposer exited with status \(code)\(said)", reply: reply, elapsedMs: elapsed)
        case .signaled(let signal):
            return Call(status: "crashed", detail: "the proposer was killed by signal \(signal)\(said)", reply: reply, elapsedMs: elapsed)
        case .timeout:
            return Call(status: "timeout", detail: "no reply within \(Self.seconds(timeoutSeconds)) s; the proposer was killed", reply: reply, elapsedMs: elapsed)
        case .tooLarge:
            return Call(status: "too_large", detail: "the reply exceeded \(ProposalReply.maximumBytes >> 20) MB; the proposer was killed", reply: Data(),
                        elapsedMs: elapsed)
        case .unavailable(let why):
            return Call(status: "unavailable", detail: "the proposer could not start: \(why)", reply: Data(), elapsedMs: elapsed)
        }
    }

    static func seconds(_ s: Double) -> String { s == s.rounded() ? String(Int(s)) : String(format: "%.1f", s) }
}
