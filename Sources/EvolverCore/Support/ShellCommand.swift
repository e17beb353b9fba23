import CSandbox
import Foundation

/// A program the evolver runs on a person's behalf (a proposer, a reference): `/bin/sh -c` in a
/// process group of its own, its input on stdin, its stdout collected up to a cap, the end of its
/// stderr kept, and the whole group killed when the shell exits or at the deadline, so nothing it
/// started outlives the call or holds its pipes open.
public struct ShellCommand: Sendable {
    public let command: String
    /// Where the command runs.
    public let directory: URL
    public let timeoutSeconds: Double
    /// The most stdout bytes taken; a program that writes more is killed.
    public let outputCap: Int

    public init(command: String, directory: URL, timeoutSeconds: Double, outputCap: Int) {
        self.command = command
        self.directory = directory
        self.timeoutSeconds = timeoutSeconds
        self.outputCap = outputCap
    }

    /// How a call ended.
    public enum Ending: Sendable, Equatable {
        /// The shell exited with this status.
        case exited(Int32)
        /// The shell was killed by this signal.
        case signaled(Int32)
        /// The deadline passed; the group was killed.
        case timeout
        /// Stdout exceeded `outputCap`; the group was killed.
        case tooLarge
        /// It could not start, with the reason.
        case unavailable(String)
    }

    /// One call's ending and what it printed.
    public struct Outcome: Sendable {
        public var ending: Ending
        public var stdout: Data
        /// The last non-empty line of stderr, at most 200 characters.
        public var stderrLine: String
        public var elapsedMs: Int64
    }

    /// Runs the command once with `input` on stdin.
    public func run(_ input: [UInt8]) -> Outcome {
        let started = DispatchTime.now().uptimeNanoseconds
        var err = [CChar](repeating: 0, count: 512)
        var errLength = 0
        var status: Int32 = 0
        var rc: Int32 = 0
        let timeoutMs = Int32(min(max(timeoutSeconds, 0) * 1000, Double(Int32.max)))
        // Only what the program writes is touched: a large cap costs nothing until it is used.
        let out = [UInt8](unsafeUninitializedCapacity: max(outputCap, 1)) { buffer, count in
            var outLength = 0
            rc = evs_run_command(command, directory.path, input, input.count, timeoutMs,
                                 buffer.baseAddress, outputCap, &outLength, &err, err.count, &errLength, &status)
            count = outLength
        }
        let elapsed = Int64((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
        let stderrLine = String(decoding: err.prefix(errLength).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            .split(separator: "\n").last.map { String($0.prefix(200)) } ?? ""
        let ending: Ending
        switch rc {
        case 0: ending = status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signaled(status & 0x7f)
        case Int32(EVS_COMMAND_TIMEOUT): ending = .timeout
        case Int32(EVS_COMMAND_TOO_LARGE): ending = .tooLarge
        default: ending = .unavailable(String(cString: strerror(rc)))
        }
        return Outcome(ending: ending, stdout: ending == .tooLarge ? Data() : Data(out), stderrLine: stderrLine, elapsedMs: elapsed)
    }
}
