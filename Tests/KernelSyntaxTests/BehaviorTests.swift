import KernelTestSupport
import Foundation
import Testing
@testable import KernelSyntax

/// `print(parse(s))` must compile with gcc and TinyCC and behave exactly like `s`.
@Suite struct BehaviorTests {
    @Test(arguments: Corpus.all)
    func printedKernelBehavesLikeOriginal(kernel: Kernel) throws {
        let printed = CPrinter.print(try CParser.parse(kernel.source, fileName: kernel.name + ".c"))
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = try SharedLibrary(path: try Harness.compileSharedLibrary(kernel.source, name: "original", in: dir).path)
        let reprinted = try SharedLibrary(path: try Harness.compileSharedLibrary(printed, name: "printed", in: dir).path)
        var distinctResults: Set<Int64> = []
        for input in Harness.inputs() {
            let expected = try original.call(input)
            let actual = try reprinted.call(input)
            #expect(actual.0 == expected.0, "\(kernel.name) result differs for n=\(input.count)")
            #expect(actual.1 == expected.1, "\(kernel.name) array differs for n=\(input.count)")
            distinctResults.insert(expected.0)
        }
        // The kernel really depends on its input, so equal results are meaningful.
        #expect(distinctResults.count > 3)
    }

    @Test(arguments: Corpus.all)
    func printedKernelCompilesWithTinyCCAndStrictGCC(kernel: Kernel) throws {
        let printed = CPrinter.print(try CParser.parse(kernel.source))
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("printed.c")
        try printed.write(to: file, atomically: true, encoding: .utf8)
        let tcc = try Harness.run("/usr/bin/tcc", ["-c", file.path, "-o", dir.appendingPathComponent("p.o").path])
        #expect(tcc.status == 0, "tcc rejected printed \(kernel.name):\n\(tcc.output)\n\(printed)")
        let gcc = try Harness.run("/usr/bin/gcc", ["-std=c99", "-pedantic-errors", "-fsyntax-only", file.path])
        #expect(gcc.status == 0, "gcc -std=c99 -pedantic-errors rejected printed \(kernel.name):\n\(gcc.output)")
    }

    /// Guards against a vacuous harness: a one-operator mutation must be observable.
    @Test func harnessDetectsABehaviourChange() throws {
        let unit = try CParser.parse(Corpus.mannWhitney.source)
        let target = try #require(unit.allExpressions().first { entry in
            if case .binary(.greater, .identifier("x"), .identifier("y")) = entry.node { return true }
            return false
        })
        let mutated = try unit.replacing(target.path, with: Expression.binary(.less, .identifier("x"), .identifier("y")))
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = try SharedLibrary(path: try Harness.compileSharedLibrary(CPrinter.print(unit), name: "a", in: dir).path)
        let changed = try SharedLibrary(path: try Harness.compileSharedLibrary(CPrinter.print(mutated), name: "b", in: dir).path)
        var differences = 0
        for input in Harness.inputs() {
            if try original.call(input).0 != changed.call(input).0 { differences += 1 }
        }
        #expect(differences > 0)
    }
}
