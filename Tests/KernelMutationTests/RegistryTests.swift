import KernelTestSupport
import KernelSyntax
import Testing
@testable import KernelMutation

@Suite struct RegistryTests {
    static let expectedNames = [
        "loop-unroll", "split-accumulator", "loop-fission", "loop-fusion", "pointer-walk", "induction-variable",
        "licm", "cse", "scalar-replace", "inline-call",
        "strength-reduce", "if-to-select", "select-to-if", "compound-assign", "swap-independent",
        "constant-tweak", "operator-replace", "statement-delete", "statement-duplicate", "statement-swap",
        "if-to-arithmetic", "split-float-accumulator", "graft", "sort-to-selection", "inline-helper", "graft-selection",
    ]

    @Test func operatorsAreListedInTheirDocumentedOrder() {
        #expect(MutationRegistry.operators.map(\.name) == RegistryTests.expectedNames)
        #expect(Set(RegistryTests.expectedNames).count == RegistryTests.expectedNames.count)
    }

    /// The original operators: semantics-preserving first, then the exploratory ones; later
    /// operators are appended (the order is part of what a run's random draws mean).
    @Test func operatorOrderIsStable() {
        let flags = MutationRegistry.operators.map(\.preservesSemantics)
        #expect(flags == Array(repeating: true, count: 15) + Array(repeating: false, count: 5) + [true, false, false, true, true, false])
    }

    @Test func lookupByName() throws {
        for name in RegistryTests.expectedNames {
            #expect(MutationRegistry.named(name)?.name == name)
        }
        #expect(MutationRegistry.named("no-such-operator") == nil)
    }

    @Test(arguments: TestKernels.seeds)
    func proposalsAreDeterministicAndConcatenatedInOperatorOrder(kernel: TestKernel) throws {
        let unit = try T.parse(kernel.source)
        let all = MutationRegistry.proposals(in: unit)
        #expect(all == MutationRegistry.proposals(in: try T.parse(kernel.source)))
        #expect(all == MutationRegistry.operators.flatMap { $0.proposals(in: unit) })
        for op in MutationRegistry.operators {
            let own = op.proposals(in: unit)
            #expect(own.allSatisfy { $0.op == op.name })
            #expect(Set(own).count == own.count, "\(op.name) proposes duplicates")
            #expect(own.map(\.site) == own.map(\.site).sorted(), "\(op.name) sites are not in document order")
        }
    }

    @Test func proposalsPerSiteAreFew() throws {
        for kernel in TestKernels.all {
            let unit = try T.parse(kernel.source)
            let bySite = Dictionary(grouping: MutationRegistry.proposals(in: unit)) { "\($0.op)@\($0.site)" }
            #expect(bySite.values.allSatisfy { $0.count <= 8 }, "\(kernel.name)")
        }
    }

    @Test func unknownOperatorIsReported() throws {
        let unit = try T.parse(Seeds.score)
        #expect(throws: MutationError.unknownOperator("nope")) {
            try MutationRegistry.apply(Edit(op: "nope", site: [0]), to: unit)
        }
    }

    @Test func staleOrForeignEditsAreRefused() throws {
        let unit = try T.parse(Seeds.score)
        let unroll = try T.op("loop-unroll")
        let edit = try #require(unroll.proposals(in: unit).first)
        // After deleting the loop, the same site holds another statement.
        let deletion = try #require(try T.op("statement-delete").proposals(in: unit).first { $0.site == edit.site })
        let changed = try MutationRegistry.apply(deletion, to: unit)
        #expect(throws: MutationError.self) { try unroll.apply(edit, to: changed) }
        // A site that does not exist.
        #expect(throws: MutationError.noNode(op: "loop-unroll", site: [99, 0])) {
            try unroll.apply(Edit(op: "loop-unroll", site: [99, 0], params: ["factor": 2]), to: unit)
        }
        // Parameters outside the offered set.
        var badFactor = edit
        badFactor.params = ["factor": 3]
        #expect(throws: MutationError.invalidParameters(op: "loop-unroll", site: edit.site, params: ["factor": 3])) {
            try unroll.apply(badFactor, to: unit)
        }
        // An edit handed to another operator.
        #expect(throws: MutationError.operatorMismatch(expected: "licm", found: "loop-unroll")) {
            try T.op("licm").apply(edit, to: unit)
        }
    }

    @Test func replayReportsTheFailingEdit() throws {
        let unit = try T.parse(Seeds.score)
        let good = try #require(try T.op("loop-unroll").proposals(in: unit).first)
        let bad = Edit(op: "licm", site: [0])
        do {
            _ = try MutationRegistry.apply([good, bad], to: unit)
            Issue.record("replay should fail")
        } catch let MutationError.replayFailed(index, edit, reason) {
            #expect(index == 1)
            #expect(edit == bad)
            #expect(!reason.isEmpty)
        }
    }

    @Test func everyErrorHasADescription() {
        let errors: [MutationError] = [
            .unknownOperator("x"), .operatorMismatch(expected: "a", found: "b"), .noNode(op: "a", site: [1]),
            .wrongSite(op: "a", site: [1], expected: "a loop"), .preconditionFailed(op: "a", site: [1], reason: "r"),
            .invalidParameters(op: "a", site: [1], params: ["k": 1]), .rewriteFailed(op: "a", site: [1], reason: "r"),
            .replayFailed(index: 0, edit: Edit(op: "a", site: [1]), reason: "r"),
        ]
        #expect(Set(errors.compactMap(\.errorDescription)).count == errors.count)
    }
}
