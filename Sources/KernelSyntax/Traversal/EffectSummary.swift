/// A conservative summary of the variables and memory a statement or expression touches,
/// for mutation operators that must check whether a rewrite is legal.
///
/// Conservative means it may over-approximate but never misses an effect: every named
/// variable whose value is used is in `reads`, every assignment/increment target in `writes`,
/// any write through `*p` or `a[i]` sets `writesMemory` (the variable named at the base goes to
/// `memoryWriteBases`), and a call to any function sets `readsMemory`, `writesMemory` and lists
/// the callee in `calledFunctions` (unknown side effects). Operands of `sizeof` are not evaluated
/// and contribute nothing.
public struct EffectSummary: Hashable, Sendable {
    /// Variables whose value may be read.
    public var reads: Set<String> = []
    /// Variables whose own value may be changed (assignment, `++`/`--`, initialised declaration).
    public var writes: Set<String> = []
    /// Variables declared by the statement (also in `writes` when initialised).
    public var declares: Set<String> = []
    /// Variables whose address is taken with `&` (their storage may later be written through a pointer).
    public var addressTaken: Set<String> = []
    /// True if memory may be read through a pointer or array element.
    public var readsMemory = false
    /// True if memory may be written through a pointer or array element, or by a call.
    public var writesMemory = false
    /// Base variables of writes through `*p` or `a[i]` (a hint; `writesMemory` is the safe flag).
    public var memoryWriteBases: Set<String> = []
    /// Functions called (each an unknown side effect).
    public var calledFunctions: Set<String> = []
    /// True if a `return` appears anywhere inside.
    public var containsReturn = false
    /// True if a `break` inside would leave an enclosing loop or switch outside the analysed node.
    public var hasEscapingBreak = false
    /// True if a `continue` inside would jump to a loop outside the analysed node.
    public var hasEscapingContinue = false

    /// An empty summary.
    public init() {}

    /// Summarises an expression.
    public init(of expression: Expression) {
        var collector = EffectCollector()
        collector.visit(expression)
        self = collector.summary
    }

    /// Summarises a statement (including local declarations).
    public init(of statement: Statement) {
        var collector = EffectCollector()
        collector.visit(statement)
        self = collector.summary
    }

    /// Summarises all items of a block.
    public init(of block: Block) {
        var collector = EffectCollector()
        for item in block.items { collector.visit(item) }
        self = collector.summary
    }

    /// True if calls make the effects unknowable.
    public var hasUnknownSideEffects: Bool { !calledFunctions.isEmpty }

    /// True if evaluating the node may change any state (variables, memory, or via calls).
    public var hasSideEffects: Bool { !writes.isEmpty || writesMemory || hasUnknownSideEffects }

    /// True if the node may leave the surrounding control flow (`return`, escaping `break`/`continue`).
    public var transfersControl: Bool { containsReturn || hasEscapingBreak || hasEscapingContinue }

    /// True if running `self` and `other` in the opposite order might change behaviour: one writes
    /// what the other reads or writes (variables or memory), either calls a function, or either
    /// transfers control.
    public func conflicts(with other: EffectSummary) -> Bool {
        if hasUnknownSideEffects || other.hasUnknownSideEffects || transfersControl || other.transfersControl {
            return true
        }
        if !writes.isDisjoint(with: other.reads.union(other.writes).union(other.addressTaken))
            || !other.writes.isDisjoint(with: reads.union(addressTaken)) {
            return true
        }
        let memoryTouchedBySelf = readsMemory || writesMemory || !addressTaken.isEmpty
        let memoryTouchedByOther = other.readsMemory || other.writesMemory || !other.addressTaken.isEmpty
        return (writesMemory && memoryTouchedByOther) || (other.writesMemory && memoryTouchedBySelf)
    }
}

extension Expression {
    /// The conservative effect summary of this expression.
    public var effects: EffectSummary { EffectSummary(of: self) }
}

extension Statement {
    /// The conservative effect summary of this statement.
    public var effects: EffectSummary { EffectSummary(of: self) }
}
