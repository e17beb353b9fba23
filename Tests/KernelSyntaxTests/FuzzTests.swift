import KernelTestSupport
import Foundation
import Testing
@testable import KernelSyntax

/// Parses `text`; returns true if it parsed (and then checks the round trip), false if it threw a SyntaxError.
func parsesOrThrows(_ text: String) -> Bool {
    do {
        let unit = try CParser.parse(text)
        let printed = CPrinter.print(unit)
        let reparsed = try? CParser.parse(printed)
        #expect(reparsed == unit, "round trip failed for accepted input:\n\(text)\n--- printed ---\n\(printed)")
        return true
    } catch let error as SyntaxError {
        #expect(error.errorDescription?.hasPrefix("kernel.c:") == true)
        return false
    } catch {
        Issue.record("unexpected error type \(type(of: error)): \(error)")
        return false
    }
}

@Suite struct FuzzTests {
    @Test(arguments: Corpus.all)
    func everyTruncatedPrefixParsesOrThrows(kernel: Kernel) {
        let bytes = Array(kernel.source.utf8)
        var accepted = 0, rejected = 0
        for length in 0..<bytes.count {
            if parsesOrThrows(String(decoding: bytes[..<length], as: UTF8.self)) { accepted += 1 } else { rejected += 1 }
        }
        #expect(rejected > bytes.count / 2)
        #expect(accepted >= 1)  // at least the empty prefix
    }

    @Test(arguments: Corpus.all.indices)
    func randomByteMutationsParseOrThrow(index: Int) {
        let kernel = Corpus.all[index]
        var rng = SplitMix64(state: UInt64(index) &* 7919 &+ 17)
        let original = Array(kernel.source.utf8)
        let alphabet = Array("(){}[];,+-*/%<>=!&|^~?:.'\"#\\ \n0123456789abcxyzLUe@$_".utf8)
        var accepted = 0, rejected = 0
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &rng) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<5, using: &rng) {
                case 0: bytes[at] = alphabet.randomElement(using: &rng)!
                case 1: bytes.remove(at: at)
                case 2: bytes.insert(alphabet.randomElement(using: &rng)!, at: at)
                case 3: bytes[at] = UInt8.random(in: 0...255, using: &rng)
                default:
                    let end = min(bytes.count, at + Int.random(in: 1...40, using: &rng))
                    bytes.insert(contentsOf: bytes[at..<end], at: Int.random(in: 0...bytes.count, using: &rng))
                }
            }
            if parsesOrThrows(String(decoding: bytes, as: UTF8.self)) { accepted += 1 } else { rejected += 1 }
        }
        #expect(accepted > 0)  // some mutations land in comments or whitespace and must still parse
        #expect(rejected > 0)
    }

    @Test(arguments: [
        String(repeating: "(", count: 50_000) + "x",
        String(repeating: "-", count: 50_000) + "x",
        String(repeating: "*", count: 50_000) + "p",
        String(repeating: "x + ", count: 50_000) + "x",
        String(repeating: "x = ", count: 50_000) + "x",
        String(repeating: "x ? x : ", count: 50_000) + "x",
        String(repeating: "x[", count: 50_000) + "0",
        String(repeating: "(int)", count: 50_000) + "x",
        String(repeating: "f(", count: 50_000) + "x",
        String(repeating: "x, ", count: 50_000) + "x",
    ])
    func deeplyNestedExpressionsAreRefusedNotCrashed(expression: String) {
        let source = "int f(int x, int *p) { return " + expression + "; }"
        #expect {
            try CParser.parse(source)
        } throws: { error in
            guard case .nestingTooDeep = error as? SyntaxError else { return false }
            return true
        }
    }

    @Test func deeplyNestedBlocksAreRefusedNotCrashed() {
        let source = "int f(void) " + String(repeating: "{", count: 50_000) + String(repeating: "}", count: 50_000)
        #expect(throws: SyntaxError.self) { try CParser.parse(source) }
        let ifs = "int f(int x) { " + String(repeating: "if (x) ", count: 50_000) + "x = 1; return x; }"
        #expect(throws: SyntaxError.self) { try CParser.parse(ifs) }
    }

    /// Worst-case nesting must be refused before it exhausts a 512 KiB thread stack (debug build).
    @Test func deepInputsFitInASmallThreadStack() {
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var errors: [SyntaxError] = []
            func add(_ error: SyntaxError) { lock.lock(); errors.append(error); lock.unlock() }
        }
        let sources = [
            "int f(int x) { return " + String(repeating: "(", count: 10_000) + "x; }",
            "int f(int x) { return " + String(repeating: "-", count: 10_000) + "x; }",
            "int f(int x) { return " + String(repeating: "f(", count: 10_000) + "x; }",
            "int f(void) " + String(repeating: "{", count: 10_000),
            "int f(int x) { " + String(repeating: "if (x) ", count: 10_000) + "x = 1; }",
            "int f(void) { int a[1] = " + String(repeating: "{", count: 10_000) + "0; }",
        ]
        let results = Results()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            for source in sources {
                do { _ = try CParser.parse(source) } catch let error as SyntaxError { results.add(error) } catch {}
            }
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
        #expect(results.errors.count == sources.count)
        for error in results.errors {
            guard case .nestingTooDeep = error else {
                Issue.record("expected nestingTooDeep, got \(error)")
                continue
            }
        }
    }

    @Test func moderateNestingIsAccepted() throws {
        let expression = String(repeating: "(", count: 40) + "x" + String(repeating: " + 1)", count: 40)
        let sum = (0..<100).map { "a[\($0)]" }.joined(separator: " + ")
        let blocks = String(repeating: "{", count: 40) + "x++;" + String(repeating: "}", count: 40)
        let source = "int f(int x, const int *a) { \(blocks) x = \(sum); return \(expression); }"
        let unit = try CParser.parse(source)
        #expect(try CParser.parse(CPrinter.print(unit)) == unit)
    }
}
