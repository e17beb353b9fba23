import KernelSyntax

/// The catalogue of mutation operators, and edit application by operator name.
public enum MutationRegistry {
    /// All operators, in an explicit order.
    ///
    /// Why this order: `proposals(in:)` concatenates the operators' proposals in this order, and
    /// the search picks among them by index with its own seeded generator, so the order is part
    /// of what makes a run reproducible — new operators are appended, never inserted. Within that
    /// constraint the list reads from large to small scope: the semantics-preserving operators
    /// first (loop restructuring, then code motion and redundancy removal, then local rewrites),
    /// and the operators the validation suite must judge last (constants, statements, operators).
    /// Operators added since then follow, whatever their kind, so a search that only wants safe
    /// edits filters on `preservesSemantics` rather than taking a prefix.
    /// Replaying edits does not depend on the order: `apply` looks operators up by name.
    public static let operators: [any MutationOperator] = [
        // Loop restructuring.
        LoopUnroll(),
        SplitAccumulator(),
        LoopFission(),
        LoopFusion(),
        PointerWalk(),
        InductionVariable(),
        // Code motion and redundancy removal.
        LoopInvariantCodeMotion(),
        CommonSubexpressionElimination(),
        ScalarReplacement(),
        InlineCall(),
        // Local rewrites.
        StrengthReduction(),
        BranchToSelect(),
        SelectToBranch(),
        CompoundAssignment(),
        ReorderIndependent(),
        // Not semantics-preserving: judged by the validation suite.
        ConstantTweak(),
        OperatorReplace(),
        StatementDelete(),
        StatementDuplicate(),
        StatementSwap(),
        // Added later (appended to keep the order of the operators above).
        BranchToArithmetic(),
        SplitAccumulator(floatingPoint: true),
        DonorGraft(),
        SortToSelection(),
        InlineHelper(),
        GraftSelection(),
    ]

    /// Operators that re-associate floating-point arithmetic: offered only where every
    /// floating-point output has a tolerance.
    public static let floatReassociating: Set<String> = ["split-float-accumulator"]

    private static let byName: [String: any MutationOperator] = {
        var table: [String: any MutationOperator] = [:]
        for op in operators {
            precondition(table[op.name] == nil, "duplicate operator name \(op.name)")
            table[op.name] = op
        }
        return table
    }()

    /// The operator recorded under `name`, if any.
    public static func named(_ name: String) -> (any MutationOperator)? { byName[name] }

    /// All proposals of all operators (deterministic order: operators in `operators` order, each
    /// operator's proposals in document order of their sites).
    public static func proposals(in unit: TranslationUnit, facts: KernelFacts = .none) -> [Edit] { proposals(in: unit, using: operators, facts: facts) }

    /// The proposals of `selection` (in its order), sharing one analysis of the unit.
    static func proposals(in unit: TranslationUnit, using selection: [any MutationOperator], facts: KernelFacts = .none) -> [Edit] {
        let analysis = UnitAnalysis(unit, facts: facts)
        return selection.flatMap { op in
            (op as? any SiteOperator)?.proposals(using: analysis) ?? op.proposals(in: unit, facts: facts)
        }
    }

    /// Applies an edit by looking up its operator.
    public static func apply(_ edit: Edit, to unit: TranslationUnit, facts: KernelFacts = .none) throws -> TranslationUnit {
        guard let op = byName[edit.op] else { throw MutationError.unknownOperator(edit.op) }
        return try op.apply(edit, to: unit, facts: facts)
    }

    /// Replays an edit list from a base unit; a failing edit is reported with its index.
    public static func apply(_ edits: [Edit], to unit: TranslationUnit, facts: KernelFacts = .none) throws -> TranslationUnit {
        var current = unit
        for (index, edit) in edits.enumerated() {
            do {
                current = try apply(edit, to: current, facts: facts)
            } catch {
                throw MutationError.replayFailed(index: index, edit: edit, reason: error.localizedDescription)
            }
        }
        return current
    }
}
