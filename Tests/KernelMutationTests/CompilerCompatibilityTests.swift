import KernelTestSupport
import Foundation
import KernelSyntax
import Testing
@testable import KernelMutation

/// Every mutant (of every operator, on the seeds and the small kernels) is still C that the
/// evolver's compilers accept: TinyCC, and gcc in strict C99 mode.
@Suite struct CompilerCompatibilityTests {
    @Test(arguments: MutationRegistry.operators.map(\.name))
    func mutantsCompileWithTinyCCAndStrictGCC(name: String) throws {
        let op = try T.op(name)
        var units: [TranslationUnit] = []
        for kernel in TestKernels.seeds + TestKernels.derived + TestKernels.small {
            let unit = try T.parse(kernel.source)
            units += try op.proposals(in: unit, facts: kernel.facts).map { try op.apply($0, to: unit, facts: kernel.facts) }
        }
        try #require(!units.isEmpty)
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("mutants.c")
        try Behaviour.combinedSource(units).write(to: file, atomically: true, encoding: .utf8)
        let tcc = try Harness.run("/usr/bin/tcc", ["-c", file.path, "-o", dir.appendingPathComponent("m.o").path])
        #expect(tcc.status == 0, "tcc rejected \(name) mutants:\n\(tcc.output)")
        let gcc = try Harness.run("/usr/bin/gcc", ["-std=c99", "-pedantic-errors", "-fsyntax-only", file.path])
        #expect(gcc.status == 0, "gcc -std=c99 -pedantic-errors rejected \(name) mutants:\n\(gcc.output)")
    }
}
