import Foundation
import Testing
import TestSupport
@testable import EvolverCore

/// The proposer as a program: its request on stdin, its reply on stdout, and every way it can
/// misbehave turned into a status with a one-line detail, within the deadline, leaving nothing
/// of it running.
struct ProposerProcessTests {
    func process(_ command: String, timeout: Double = 5, in directory: URL = FileManager.default.temporaryDirectory) -> ProposerProcess {
        ProposerProcess(command: command, directory: directory, timeoutSeconds: timeout)
    }

    @Test func theRequestGoesInOnStdinAndTheReplyComesBack() throws {
        let tmp = try TempDirectory()
        let call = process("pwd > where.txt; tr a-z A-Z", in: tmp.url).call("{\"sandbox\":\"x\"}")
        #expect(call.status == "replied", "\(call.detail)")
        #expect(String(decoding: call.reply, as: UTF8.self) == "{\"SANDBOX\":\"X\"}\n")
        let cwd = try String(contentsOf: tmp.url.appendingPathComponent("where.txt"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(URL(fileURLWithPath: cwd).resolvingSymlinksInPath().path == tmp.url.resolvingSymlinksInPath().path, "it runs in the run's folder")
    }

    @Test func aCrashSaysHowWithStderrsLastLine() {
        let call = process("echo first >&2; echo 'no model configured' >&2; exit 3").call("{}")
        #expect(call.status == "crashed" && call.detail == "the proposer exited with status 3: no model configured", "\(call.detail)")
        let killed = process("kill -9 $$").call("{}")
        #expect(killed.status == "crashed" && killed.detail.contains("signal 9"), "\(killed.detail)")
        let missing = process("/nonexistent/proposer --model x").call("{}")
        #expect(missing.status == "crashed" && missing.detail.contains("status 127"), "\(missing.detail)")
    }

    @Test func aLateProposerIsKilledWithEverythingItStarted() throws {
        let tmp = try TempDirectory()
        let pidFile = tmp.url.appendingPathComponent("child.pid")
        let began = Date()
        // The shell's child holds stdout open and ignores the shell's end: only the group kill stops it.
        let call = process("sh -c 'echo $$ > \(pidFile.path); trap \"\" TERM HUP; exec sleep 300' & wait", timeout: 1).call("{}")
        let took = Date().timeIntervalSince(began)
        #expect(call.status == "timeout" && call.detail.contains("within 1 s"), "\(call.detail)")
        #expect(took < 10, "the deadline held (\(took) s)")
        let pid = try #require(pid_t(try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        usleep(200_000)
        let left = ProcessTable.all().first { $0.pid == pid }
        #expect(left == nil || left?.state == "Z", "the proposer's child was killed too: \(left.map(\.description) ?? "")")

        let background = process("(sleep 300 &) ; echo '{\"sources\": []}'").call("{}")
        #expect(background.status == "replied", "a reply with a process left behind still counts: \(background.detail)")
    }

    @Test func aReplyOverTheCapIsRefusedAndTheProposerKilled() {
        let call = process("head -c \(ProposalReply.maximumBytes + 4096) /dev/zero; sleep 300", timeout: 20).call("{}")
        #expect(call.status == "too_large" && call.reply.isEmpty, "\(call.status): \(call.detail)")
    }

    @Test func aProposerThatReadsNothingStillGetsItsTurn() {
        let big = String(repeating: "x", count: 1 << 20)
        let call = process("echo '{\"sources\": [\"int f;\"]}'").call(big)
        #expect(call.status == "replied", "a request larger than a pipe's buffer does not block a proposer that never reads it: \(call.detail)")
    }

    @Test func repliesParseIntoSourcesOrAOneLineReason() throws {
        func reason(_ text: String) -> String? {
            if case .failure(let e) = ProposalReply.sources(in: Data(text.utf8)) { return e.message }
            return nil
        }
        #expect(try ProposalReply.sources(in: Data(#"{"sources": ["a", "b"], "model": "m"}"#.utf8)).get() == ["a", "b"])
        #expect(reason("") == "the reply is not JSON (it begins empty)")
        #expect(reason("Sure! Here is a faster kernel:") == "the reply is not JSON (it begins \"Sure! Here is a faster kernel:\")")
        #expect(reason("[\"int f;\"]")?.hasPrefix("the reply is not a JSON object") == true)
        #expect(reason(#"{"source": "int f;"}"#) == "the reply has no \"sources\" array of strings")
        #expect(reason(#"{"sources": ["ok", 3]}"#) == "sources[1] is not a string")
    }
}
