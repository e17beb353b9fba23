import KernelTestSupport
import Foundation
import KernelSyntax
import Testing
@testable import KernelMutation

/// The clean-up never changes what a kernel computes. Every test kernel (the two seeds, the small
/// mutation kernels, the KernelSyntax corpus), mutants of them made by chains of operators, and
/// all of these with dead code added, are cleaned, compiled with gcc next to the original and
/// run on the same inputs. Every cleaned unit is also checked to be a fixed point, to print and
/// parse back, and to keep the entry function's signature.
@Suite struct CleanupBehaviourTests {
    /// Cleans every unit, checks the properties that need no compiler, and returns the cleaned units.
    static func cleaned(_ units: [TranslationUnit], _ kernel: TestKernel) throws -> [CleanupResult] {
        var results: [CleanupResult] = []
        for unit in units {
            let result = KernelCleanup.clean(unit, entry: kernel.entry)
            let again = KernelCleanup.clean(result.unit, entry: kernel.entry)
            #expect(again.unit == result.unit && again.steps.isEmpty,
                    "\(kernel.name): cleaning twice took more steps: \(again.steps)\n\(CPrinter.print(result.unit))")
            #expect(Clean.signatures(of: kernel.entry, in: result.unit) == Clean.signatures(of: kernel.entry, in: unit),
                    "\(kernel.name): the entry's signature changed")
            #expect(try CParser.parse(CPrinter.print(result.unit)) == result.unit, "\(kernel.name): does not round-trip")
            results.append(result)
        }
        return results
    }

    /// Compiles and runs `original`, each unit and each unit's cleaned version; all must agree.
    static func check(_ kernel: TestKernel, original: TranslationUnit, units: [TranslationUnit]) throws -> [CleanupResult] {
        let results = try cleaned(units, kernel)
        let variants = units + results.map(\.unit)
        let outcome = try Behaviour.compare(kernel, original: original, variants: variants)
        for (index, difference) in outcome.differences.enumerated() where !difference.isEmpty {
            let what = index < units.count ? "the uncleaned unit #\(index)" : "the cleaned unit #\(index - units.count)"
            Issue.record("\(kernel.name): \(what) changed behaviour on inputs \(difference)\n\(CPrinter.print(variants[index]))")
        }
        return results
    }

    @Test(arguments: TestKernels.all)
    func cleaningKeepsBehaviour(kernel: TestKernel) throws {
        let unit = try T.parse(kernel.source)
        let dirty = DeadCode.injected(into: unit, entry: kernel.entry)
        let results = try Self.check(kernel, original: unit, units: [unit, dirty])
        let kinds = Set(results[1].steps.map(\.kind))
        #expect(kinds.contains(.noEffectStatement), "\(kernel.name): no statement was removed")
        let hasHelpers = unit.functions.contains { $0.storage == .static && $0.body != nil }
        #expect(kinds.contains(.unusedHelper) == hasHelpers, "\(kernel.name): \(results[1].steps)")
    }

    /// The seeds are clean, and cleaning them with dead code added gives them back exactly.
    @Test(arguments: TestKernels.seeds)
    func cleaningASeedWithDeadCodeGivesTheSeedBack(kernel: TestKernel) throws {
        let unit = try T.parse(kernel.source)
        #expect(try Clean.keeps(kernel.source, entry: kernel.entry))
        let result = KernelCleanup.clean(DeadCode.injected(into: unit, entry: kernel.entry), entry: kernel.entry)
        #expect(result.unit == unit, "\(CPrinter.print(result.unit))")
        #expect(Set(result.steps.map(\.kind)) == Set(CleanupStep.Kind.allCases))
    }

    /// Chains of semantics-preserving edits: block inlining leaves copies of arguments behind in
    /// the score seed's mutants. (The Smith-Waterman seed's only helper returns early, so it is
    /// never inlined as a block and its mutants have nothing to clean until dead code is added.)
    @Test(arguments: [(TestKernels.score, true), (TestKernels.smithWaterman, false)])
    func cleaningSeedMutantsKeepsBehaviour(kernel: TestKernel, mutantsHaveDeadCode: Bool) throws {
        let operators = MutationRegistry.operators.filter(\.preservesSemantics)
        let (base, chains) = try ChainTests.chains(kernel, operators: operators, count: 40, seed: 0xC1EA)
        let mutants = chains.map(\.unit)
        let results = try Self.check(kernel, original: base, units: mutants + mutants.map {
            DeadCode.injected(into: $0, entry: kernel.entry)
        })
        if mutantsHaveDeadCode { #expect(results.prefix(mutants.count).contains { $0.changed }) }
        #expect(results.suffix(mutants.count).allSatisfy { $0.changed })
    }

    /// `unit` after applying proposals of operator `name` (those with `params` first) until
    /// there are none, or 40 of them.
    static func applyingEverywhere(_ name: String, to unit: TranslationUnit,
                                   preferring params: [String: Int] = [:]) throws -> TranslationUnit {
        let op = try T.op(name)
        var current = unit
        for _ in 0..<40 {
            let proposals = op.proposals(in: current)
            guard let edit = proposals.first(where: { $0.params == params }) ?? proposals.first else { break }
            current = try op.apply(edit, to: current)
        }
        return current
    }

    /// Every call inlined, as a block where possible (after `if-to-select`, so that early returns
    /// do not rule it out): the helpers all become unused and each inlined call leaves one copy
    /// per argument, some of which the inlined body then changes.
    @Test(arguments: TestKernels.seeds)
    func cleaningFullyInlinedSeedsKeepsBehaviour(kernel: TestKernel) throws {
        let unit = try T.parse(kernel.source)
        let selected = try Self.applyingEverywhere("if-to-select", to: unit)
        let blocks = try Self.applyingEverywhere("inline-call", to: selected, preferring: ["form": 1])
        let expressions = try Self.applyingEverywhere("inline-call", to: selected, preferring: ["form": 0])
        let results = try Self.check(kernel, original: unit, units: [blocks, expressions])
        for result in results {
            #expect(result.unit.functions.count == 1, "\(kernel.name): helpers left\n\(CPrinter.print(result.unit))")
        }
        #expect(results[0].steps.contains { $0.kind == .redundantCopy })
    }

    /// Shorter chains of semantics-preserving edits on the small kernels and the corpus.
    @Test(arguments: TestKernels.small + TestKernels.corpus)
    func cleaningMutantsOfSmallKernelsKeepsBehaviour(kernel: TestKernel) throws {
        let operators = MutationRegistry.operators.filter(\.preservesSemantics)
        let (base, chains) = try ChainTests.chains(kernel, operators: operators, count: 8, seed: 0xC1EB)
        _ = try Self.check(kernel, original: base, units: chains.map(\.unit))
    }

    /// Mutants of every operator, judged ones included: they may crash, so they are not run here,
    /// but cleaned they must still be C that TinyCC and strict gcc accept.
    @Test(arguments: TestKernels.seeds)
    func cleanedMixedMutantsStillCompile(kernel: TestKernel) throws {
        let (_, chains) = try ChainTests.chains(kernel, operators: MutationRegistry.operators, count: 40, seed: 0xC1EC)
        let results = try Self.cleaned(chains.map { DeadCode.injected(into: $0.unit, entry: kernel.entry) }, kernel)
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("cleaned.c")
        try Behaviour.combinedSource(results.map(\.unit)).write(to: file, atomically: true, encoding: .utf8)
        let tcc = try Harness.run("/usr/bin/tcc", ["-c", file.path, "-o", dir.appendingPathComponent("c.o").path])
        #expect(tcc.status == 0, "tcc rejected cleaned mutants:\n\(tcc.output)")
        let gcc = try Harness.run("/usr/bin/gcc", ["-std=c99", "-pedantic-errors", "-fsyntax-only", file.path])
        #expect(gcc.status == 0, "gcc -std=c99 -pedantic-errors rejected cleaned mutants:\n\(gcc.output)")
    }
}
