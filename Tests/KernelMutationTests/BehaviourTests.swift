import KernelTestSupport

import KernelSyntax
import Testing
@testable import KernelMutation

/// The key property: a semantics-preserving operator never changes what a kernel computes.
/// Every proposal on both real seeds, the small mutation kernels and the KernelSyntax corpus is
/// applied, compiled with gcc next to the original and run on the same inputs.
@Suite struct BehaviourTests {
    @Test(arguments: T.preservingNames)
    func everyProposalPreservesBehaviour(name: String) throws {
        let op = try T.op(name)
        var total = 0
        for kernel in TestKernels.all {
            let unit = try T.parse(kernel.source)
            let edits = op.proposals(in: unit, facts: kernel.facts)
            guard !edits.isEmpty else { continue }
            let variants = try edits.map { try op.apply($0, to: unit, facts: kernel.facts) }
            let outcome = try Behaviour.compare(kernel, original: unit, variants: variants)
            for index in edits.indices where !outcome.differences[index].isEmpty {
                Issue.record("""
                    \(kernel.name): \(edits[index]) changed behaviour on inputs \(outcome.differences[index])
                    \(CPrinter.print(variants[index]))
                    """)
            }
            total += edits.count
        }
        #expect(total > 0, "\(name) made no proposal on any test kernel")
    }

    /// The same on the seeds compiled with `-O2`, as the evolver benchmarks them: no rewrite may
    /// rely on behaviour that only holds without optimisation.
    @Test(arguments: T.preservingNames)
    func seedProposalsPreserveBehaviourAtO2(name: String) throws {
        let op = try T.op(name)
        for kernel in TestKernels.seeds + TestKernels.derived {
            let unit = try T.parse(kernel.source)
            let edits = op.proposals(in: unit, facts: kernel.facts)
            guard !edits.isEmpty else { continue }
            let outcome = try Behaviour.compare(kernel, original: unit, variants: try edits.map { try op.apply($0, to: unit, facts: kernel.facts) },
                                                optimization: "-O2")
            for index in edits.indices where !outcome.differences[index].isEmpty {
                Issue.record("\(kernel.name) at -O2: \(edits[index]) changed behaviour on inputs \(outcome.differences[index])")
            }
        }
    }

    /// The comparison is meaningful: every kernel's results depend on its input.
    @Test(arguments: TestKernels.seeds + TestKernels.small)
    func originalResultsDependOnTheInput(kernel: TestKernel) throws {
        let unit = try T.parse(kernel.source)
        let outcome = try Behaviour.compare(kernel, original: unit, variants: [])
        #expect(Set(outcome.original).count > 5)
    }

    /// Guards against a vacuous harness: a small behaviour change in each seed is detected.
    /// (Arbitrary non-preserving mutants are not run in-process: they may crash.)
    @Test(arguments: [
        (TestKernels.score, Expr.binary(.add, .identifier("u2"), .integerLiteral("2")), Expr.integerLiteral("3")),
        (TestKernels.smithWaterman, Expr.call("max2", [.identifier("h"), .integerLiteral("0")]), Expr.integerLiteral("4")),
    ])
    func harnessDetectsBehaviourChanges(kernel: TestKernel, target: Expr, literal: Expr) throws {
        let unit = try T.parse(kernel.source)
        let site = try #require(unit.allExpressions().first { $0.node == target }).path
        let changed = try unit.replacing(site.appending(1), with: literal)
        let outcome = try Behaviour.compare(kernel, original: unit, variants: [changed])
        #expect(outcome.differences[0].count > 5)
    }
}
