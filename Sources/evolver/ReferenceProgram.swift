import EvolverCore
import Foundation
import Synchronization

/// A user's reference implementation, in any language: run once per case through `/bin/sh -c`,
/// the case as one JSON object on stdin, its answer as one JSON object on stdout.
struct ReferenceProgram {
    let command: String
    let directory: URL
    let timeout: Double

    private struct Answer: Decodable {
        var ret: KernelCase.Value?
        var outputs: [String: KernelCase.Value?]?

        enum CodingKeys: String, CodingKey {
            case ret = "return"
            case outputs
        }
    }

    /// The reference's answer for one case.
    /// - Throws: `HarnessFailure` in one line when it fails, is late or prints no answer.
    func answer(_ kernelCase: KernelCase) throws -> ExpectedResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = directory
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let what = "the reference `\(command)` on case \(kernelCase.id)"
        do { try process.run() } catch { throw HarnessFailure("\(what) could not start: \(error.localizedDescription)") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var request = try encoder.encode(kernelCase)
        request.append(UInt8(ascii: "\n"))
        try? input.fileHandleForWriting.write(contentsOf: request)
        try? input.fileHandleForWriting.close()
        let collected = Collected()
        let readers = DispatchGroup()
        for (handle, keep) in [(output.fileHandleForReading, true), (errors.fileHandleForReading, false)] {
            readers.enter()
            DispatchQueue.global().async {
                let data = handle.readDataToEndOfFile()
                collected.set(data, stdout: keep)
                readers.leave()
            }
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(2000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw HarnessFailure("\(what) did not answer within \(timeout) s")
        }
        readers.wait()
        let (stdout, stderr) = collected.both()
        guard process.terminationStatus == 0, process.terminationReason == .exit else {
            let line = String(decoding: stderr, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
            throw HarnessFailure("\(what) exited with status \(process.terminationStatus)\(line.isEmpty ? "" : ": \(line)")")
        }
        let answer: Answer
        do { answer = try JSONDecoder().decode(Answer.self, from: stdout) } catch {
            let text = String(decoding: stdout.prefix(80), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
            throw HarnessFailure("\(what) printed no answer of the form {\"return\": ..., \"outputs\": {...}} (it printed \"\(text)\")")
        }
        return ExpectedResult(id: kernelCase.id, returnValue: answer.ret ?? .int(0), outputValues: answer.outputs ?? [:])
    }

    /// What the two pipes delivered.
    private final class Collected: Sendable {
        private let pipes = Mutex((out: Data(), err: Data()))
        func set(_ data: Data, stdout: Bool) { pipes.withLock { if stdout { $0.out = data } else { $0.err = data } } }
        func both() -> (Data, Data) { pipes.withLock { ($0.out, $0.err) } }
    }
}
