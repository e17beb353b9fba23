import EvolverCore
import Foundation

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

    /// The most bytes of one answer (the outputs of the largest cases, as JSON numbers).
    static let answerCap = 256 << 20

    /// The reference's answer for one case. It runs in a process group of its own, killed with
    /// everything it started when the shell exits or at the deadline.
    /// - Throws: `HarnessFailure` in one line when it fails, is late or prints no answer.
    func answer(_ kernelCase: KernelCase) throws -> ExpectedResult {
        let what = "the reference `\(command)` on case \(kernelCase.id)"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var request = try encoder.encode(kernelCase)
        request.append(UInt8(ascii: "\n"))
        let shell = ShellCommand(command: command, directory: directory, timeoutSeconds: timeout, outputCap: Self.answerCap)
        let outcome = shell.run(Array(request))
        let said = outcome.stderrLine.isEmpty ? "" : ": \(outcome.stderrLine)"
        switch outcome.ending {
        case .exited(0): break
        case .exited(let code): throw HarnessFailure("\(what) exited with status \(code)\(said)")
        case .signaled(let signal): throw HarnessFailure("\(what) was killed by signal \(signal)\(said)")
        case .timeout: throw HarnessFailure("\(what) did not answer within \(timeout) s")
        case .tooLarge: throw HarnessFailure("\(what) printed more than \(Self.answerCap >> 20) MB")
        case .unavailable(let why): throw HarnessFailure("\(what) could not start: \(why)")
        }
        let answer: Answer
        do { answer = try JSONDecoder().decode(Answer.self, from: outcome.stdout) } catch {
            let text = String(decoding: outcome.stdout.prefix(80), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
            throw HarnessFailure("\(what) printed no answer of the form {\"return\": ..., \"outputs\": {...}} (it printed \"\(text)\")")
        }
        return ExpectedResult(id: kernelCase.id, returnValue: answer.ret ?? .int(0), outputValues: answer.outputs ?? [:])
    }
}
