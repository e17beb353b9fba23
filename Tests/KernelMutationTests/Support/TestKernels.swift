import KernelTestSupport
@testable import KernelMutation

/// A kernel under test: its source, how to call it and the exported entry point.
struct TestKernel: Sendable, CustomStringConvertible {
    var name: String
    var source: String
    var driver: Driver
    var entry: String
    /// What the harness tells the operators (the real sandboxes' scratch parameters).
    var facts: KernelFacts = .none
    var description: String { name }
}

/// Every kernel the mutation tests run: the two real seeds, small kernels aimed at the
/// operators, and the KernelSyntax corpus.
enum TestKernels {
    static let score = TestKernel(name: "score-seed", source: Seeds.score, driver: .score, entry: "score", facts: scratch)
    static let smithWaterman = TestKernel(name: "smith-waterman-seed", source: Seeds.smithWaterman,
                                          driver: .smithWaterman, entry: "sw_score", facts: scratch)
    static let scratch = KernelFacts(scratchParameters: ["scratch"])
    /// Kernels a run reaches from the seeds: the score seed with its heapsort grafted (the
    /// algorithmic rewrites start from donor code).
    static let derived = [TestKernel(name: "score-grafted", source: Seeds.scoreGrafted, driver: .score, entry: "score", facts: scratch)]
    /// The real evolver targets.
    static let seeds = [score, smithWaterman]
    /// Small kernels written to give every operator work.
    static let small = MutationKernels.all.map { TestKernel(name: $0.name, source: $0.source, driver: .run, entry: "run") }
    /// The KernelSyntax corpus.
    static let corpus = Corpus.all.map { TestKernel(name: $0.name, source: $0.source, driver: .run, entry: "run") }
    /// Everything.
    static let all = seeds + derived + small + corpus
}
