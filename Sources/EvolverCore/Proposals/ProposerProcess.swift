import CSandbox
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
        let started = DispatchTime.now().uptimeNanoseconds
        var out = [UInt8](repeating: 0, count: ProposalReply.maximumBytes)
        var err = [CChar](repeating: 0, count: 512)
        var outLength = 0, errLength = 0
        var status: Int32 = 0
        let input = Array(request.utf8) + [UInt8(ascii: "\n")]
        let rc = evs_run_command(command, directory.path, input, input.count, Int32(min(timeoutSeconds * 1000, Double(Int32.max))),
                                 &out, out.count, &outLength, &err, err.count, &errLength, &status)
        let elapsed = Int64((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
        let reply = Data(out.prefix(outLength))
        let stderrLine = String(decoding: err.prefix(errLength).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            .split(separator: "\n").last.map { String($0.prefix(200)) } ?? ""
        let said = stderrLine.isEmpty ? "" : ": \(stderrLine)"
        switch rc {
        case 0:
            if Self.exited(status), Self.exitStatus(status) == 0 {
                return Call(status: "replied", detail: "replied \(reply.count) bytes in \(elapsed) ms", reply: reply, elapsedMs: elapsed)
            }
            let how = Self.exited(status) ? "exited with status \(Self.exitStatus(status))" : "was killed by signal \(status & 0x7f)"
            return Call(status: "crashed", detail: "the proposer \(how)\(said)", reply: reply, elapsedMs: elapsed)
        case Int32(EVS_COMMAND_TIMEOUT):
            return Call(status: "timeout", detail: "no reply within \(Self.seconds(timeoutSeconds)) s; the proposer was killed", reply: reply, elapsedMs: elapsed)
        case Int32(EVS_COMMAND_TOO_LARGE):
            return Call(status: "too_large", detail: "the reply exceeded \(ProposalReply.maximumBytes >> 20) MB; the proposer was killed", reply: Data(),
                        elapsedMs: elapsed)
        default:
            return Call(status: "unavailable", detail: "the proposer could not start: \(String(cString: strerror(rc)))", reply: Data(), elapsedMs: elapsed)
        }
    }

    static func exited(_ status: Int32) -> Bool { status & 0x7f == 0 }
    static func exitStatus(_ status: Int32) -> Int32 { (status >> 8) & 0xff }
    static func seconds(_ s: Double) -> String { s == s.rounded() ? String(Int(s)) : String(format: "%.1f", s) }
}
