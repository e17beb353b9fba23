import Foundation
import KernelMutation
import KernelSyntax
import RunStore

/// A candidate about to be evaluated: its parent, its edits from the seed, its normalized source.
public struct Offspring: Sendable {
    /// Index of the candidate within the run (evaluation order).
    public let index: Int
    public let parentSHA256: String
    /// Full edit list from the seed (the parent's edits plus one).
    public let edits: [Edit]
    public let unit: TranslationUnit
    /// Normalized source (printer output); its SHA-256 is the candidate's identity.
    public let source: String
    public let sha256: String
    /// How it was made when not by one edit of its parent (a crossover); nil otherwise.
    public var origin: CandidateOrigin? = nil
}

/// Generates a generation's offspring deterministically from the search state: a tournament-selected
/// parent, an operator (drawn uniformly, or by the run's `OperatorPolicy`), then one of that operator's proposals on the parent, chosen
/// uniformly; duplicates (by normalized-source hash) are skipped. With the run's crossover share,
/// an offspring is instead a crossover of two tournament-selected members (see `Crossover`).
///
/// Choosing the operator first gives every kind of edit the same chance, however many sites the
/// exploratory operators find, and means only one operator's proposals are computed per draw.
public struct OffspringPlanner {
    let seedUnit: TranslationUnit
    private var units: [String: TranslationUnit] = [:]
    /// Proposals per member and operator (computing them is the costly part of planning; parents recur).
    private var proposals: [String: [Edit]] = [:]

    /// The operators drawn from.
    let operators: [any MutationOperator]
    private let operatorsByName: [String: any MutationOperator]

    /// Share of offspring made by crossover (0: none).
    let crossoverShare: Double
    /// What the harness tells about the kernel's parameters (which are scratch).
    let facts: KernelFacts

    /// - Parameters:
    ///   - operators: operator names to use (nil: all).
    ///   - crossoverShare: share of offspring made by crossover (0: none, as in runs recorded before it).
    ///   - facts: what the harness tells about the kernel's parameters.
    public init(seedUnit: TranslationUnit, seedSHA256: String, operators names: [String]? = nil, crossoverShare: Double = 0, facts: KernelFacts = .none) {
        self.seedUnit = seedUnit
        self.crossoverShare = crossoverShare
        self.facts = facts
        operators = names.map { $0.compactMap(MutationRegistry.named) } ?? MutationRegistry.operators
        operatorsByName = Dictionary(operators.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        units[seedSHA256] = seedUnit
    }

    /// Kernels of journaled proposals, by proposal and source (what `external` edits stand for).
    private var proposed: [Int: [Int: TranslationUnit]] = [:]

    /// The unit of a member, rebuilt from the seed (or the proposal its last `external` edit
    /// stands for) and its edits when not cached.
    public mutating func unit(of member: SearchState.Member) throws -> TranslationUnit {
        if let u = units[member.sha256] { return u }
        var base = seedUnit
        var rest = member.edits[...]
        if let last = member.edits.lastIndex(where: { $0.op == ExternalEdit.op }) {
            guard let u = external(member.edits[last]) else {
                throw EvolverError.invalidRun("member \(member.sha256.prefix(12)) stands on a proposal that is not journaled")
            }
            base = u
            rest = member.edits[(last + 1)...]
        }
        let u = try MutationRegistry.apply(Array(rest), to: base, facts: facts)
        units[member.sha256] = u
        return u
    }

    /// The kernel an `external` edit stands for, when its proposal is known.
    func external(_ edit: Edit) -> TranslationUnit? {
        ExternalEdit.reference(edit).flatMap { proposed[$0.proposal]?[$0.source] }
    }

    /// Takes in a journaled exchange's sources (a resumed run or a replay rebuilds members on them).
    public mutating func register(_ record: ProposalRecord) {
        proposed[record.number] = record.proposedUnits()
    }

    /// Offspring from the run's outside proposer: each of `count` slots goes to it with its share;
    /// if any does, one request for a tournament-selected parent, and the first new sources of the
    /// reply that parse become offspring. Returns the exchange to journal (nil: none this time).
    mutating func proposals(count: Int, from proposer: ExternalProposer, state: inout SearchState, known: inout Set<String>,
                            tournamentSize: Int, into result: inout [Offspring]) -> ProposalRecord? {
        var slots = 0
        for _ in 0..<count where state.rng.unit() < proposer.share { slots += 1 }
        guard slots > 0 else { return nil }
        let parent = Population.tournament(state.population, size: tournamentSize, rng: &state.rng)
        guard let parentUnit = try? unit(of: parent) else { return nil }
        let request = ProposalRequest(sandbox: proposer.sandbox, prototype: proposer.prototype, parentSource: CPrinter.print(parentUnit),
                                      parentSpeedup: parent.fitness, recent: proposer.recent, wanted: slots, generation: state.generation)
        let number = proposer.nextNumber
        let call = proposer.ask(number, request.encoded())
        var record = ProposalRecord(runID: "", number: number, generation: state.generation, command: proposer.command, request: request.encoded(),
                                    status: call.status, detail: call.detail, reply: call.reply, elapsedMs: call.elapsedMs, outcomes: [])
        guard call.status == "replied" else { return record }
        let sources: [String]
        switch ProposalReply.sources(in: call.reply) {
        case .failure(let e):
            record.status = "garbage"
            record.detail = e.message
            return record
        case .success(let s):
            sources = s
        }
        var taken = 0
        for (i, text) in sources.enumerated() {
            guard taken < slots else {
                record.outcomes.append(.init(source: i, sha256: nil, candidate: nil, note: "beyond the \(slots) asked for"))
                continue
            }
            let unit: TranslationUnit
            do {
                unit = try CParser.parse(text, fileName: ProposalRecord.fileName(number, i))
            } catch {
                record.outcomes.append(.init(source: i, sha256: nil, candidate: nil, note: "refused: \(error.localizedDescription)"))
                continue
            }
            let source = CPrinter.print(unit)
            let sha = Hashing.sha256Hex(source)
            guard known.insert(sha).inserted else {
                record.outcomes.append(.init(source: i, sha256: sha, candidate: nil, note: "already evaluated"))
                continue
            }
            proposed[number, default: [:]][i] = unit
            units[sha] = unit
            let index = state.candidateCount + result.count
            result.append(Offspring(index: index, parentSHA256: parent.sha256, edits: [ExternalEdit.edit(proposal: number, source: i)],
                                    unit: unit, source: source, sha256: sha))
            record.outcomes.append(.init(source: i, sha256: sha, candidate: index, note: nil))
            taken += 1
        }
        return record
    }

    /// Up to `count` new offspring; `known` holds every hash already evaluated (and grows).
    /// - Parameter policy: draws each offspring's arm (nil or `uniform`: the uniform draw).
    /// - Parameter planned: offspring of the generation planned before these (their indices come first).
    public mutating func plan(count: Int, state: inout SearchState, known: inout Set<String>, tournamentSize: Int,
                              policy: OperatorPolicy? = nil, after planned: Int = 0) -> [Offspring] {
        var result: [Offspring] = []
        var attempts = 0
        let adaptive = policy.flatMap { $0.settings.mode == .uniform ? nil : $0 }
        while result.count < count, attempts < count * 25 {
            attempts += 1
            var drawn: (any MutationOperator)?
            if let adaptive {
                let arm = adaptive.draw(&state.rng)
                if arm == ArmApplication.crossoverArm {
                    if state.population.count >= 2,
                       let child = crossover(state: &state, known: &known, tournamentSize: tournamentSize, index: state.candidateCount + planned + result.count) {
                        result.append(child)
                    }
                    continue
                }
                drawn = operatorsByName[arm]
            } else if crossoverShare > 0, state.population.count >= 2, state.rng.unit() < crossoverShare {
                if let child = crossover(state: &state, known: &known, tournamentSize: tournamentSize, index: state.candidateCount + planned + result.count) {
                    result.append(child)
                }
                continue
            }
            let parent = Population.tournament(state.population, size: tournamentSize, rng: &state.rng)
            guard let parentUnit = try? unit(of: parent) else { continue }
            guard !operators.isEmpty else { break }
            var op = drawn ?? operators[state.rng.below(operators.count)]
            var proposals = self.proposals(of: op, on: parent, parentUnit)
            if let adaptive, proposals.isEmpty {
                // The arm has nothing to offer this parent: the draw is taken again among the other
                // operators (the same as drawing from the policy restricted to those that can edit it),
                // so an arm whose gains are used up cannot hold its credit's share of the draws.
                var excluded: Set<String> = [op.name, ArmApplication.crossoverArm]
                while proposals.isEmpty, let arm = adaptive.draw(&state.rng, excluding: excluded) {
                    excluded.insert(arm)
                    guard let next = operatorsByName[arm] else { continue }
                    op = next
                    proposals = self.proposals(of: op, on: parent, parentUnit)
                }
            }
            guard !proposals.isEmpty else { continue }
            let edit = proposals[state.rng.below(proposals.count)]
            guard let child = try? op.apply(edit, to: parentUnit, facts: facts) else { continue }
            let source = CPrinter.print(child)
            let sha = Hashing.sha256Hex(source)
            guard known.insert(sha).inserted else { continue }
            units[sha] = child
            result.append(Offspring(
                index: state.candidateCount + planned + result.count, parentSHA256: parent.sha256, edits: parent.edits + [edit],
                unit: child, source: source, sha256: sha))
        }
        return result
    }

    /// `op`'s proposals on `parent` (computed once per parent and operator).
    private mutating func proposals(of op: any MutationOperator, on parent: SearchState.Member, _ unit: TranslationUnit) -> [Edit] {
        let key = parent.sha256 + "/" + op.name
        if let cached = proposals[key] { return cached }
        let computed = op.proposals(in: unit, facts: facts)
        proposals[key] = computed
        return computed
    }

    /// One crossover offspring of two distinct tournament-selected members, or nil when the
    /// combination is empty or already known.
    private mutating func crossover(state: inout SearchState, known: inout Set<String>, tournamentSize: Int, index: Int) -> Offspring? {
        let first = Population.tournament(state.population, size: tournamentSize, rng: &state.rng)
        var second = Population.tournament(state.population, size: tournamentSize, rng: &state.rng)
        if second.sha256 == first.sha256 {
            let others = state.population.filter { $0.sha256 != first.sha256 }
            second = others[state.rng.below(others.count)]
        }
        let kind = Crossover.Kind.allCases[state.rng.below(Crossover.Kind.allCases.count)]
        let combined = Crossover.combine(first.edits, second.edits, kind: kind, rng: &state.rng)
        guard !combined.isEmpty else { return nil }
        let child = Crossover.reapply(combined, to: seedUnit, facts: facts, external: external)
        guard !child.applied.isEmpty else { return nil }
        let source = CPrinter.print(child.unit)
        let sha = Hashing.sha256Hex(source)
        guard known.insert(sha).inserted else { return nil }
        units[sha] = child.unit
        return Offspring(index: index, parentSHA256: first.sha256, edits: child.applied, unit: child.unit, source: source, sha256: sha,
                         origin: CandidateOrigin(crossover: kind.rawValue, otherParentSHA256: second.sha256, dropped: child.dropped.map(\.record)))
    }
}
