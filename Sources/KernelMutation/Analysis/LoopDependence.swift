import KernelSyntax

/// The legality test shared by loop fission and fusion.
enum LoopDependence {
    /// Why running all iterations of `first` before all iterations of `second` (instead of
    /// interleaving them per iteration, or vice versa) could change behaviour, or `nil`.
    ///
    /// Conservative: the two parts must not conflict at all (`EffectSummary.conflicts(with:)`:
    /// neither writes a variable the other reads or writes, they do not both touch memory when
    /// either writes it, neither calls an impure function or transfers control), and neither may
    /// mention a name the other declares (merging or splitting bodies would change which
    /// declaration a name refers to). Only the loop variable, which neither writes, is shared.
    static func violation(_ first: [Statement], _ second: [Statement], in context: FunctionContext) -> String? {
        let a = context.effects(of: first)
        let b = context.effects(of: second)
        if a.conflicts(with: b) { return "the two parts depend on each other" }
        let namesA = a.reads.union(a.writes).union(a.declares)
        let namesB = b.reads.union(b.writes).union(b.declares)
        if !a.declares.isDisjoint(with: namesB) || !b.declares.isDisjoint(with: namesA) {
            return "a declaration of one part is visible to the other"
        }
        return nil
    }

    /// Why re-evaluating the start value `a` of `loop` after `items` ran could give a different
    /// value, or `nil`: `a` has no side effects and reads neither the loop variable nor anything
    /// `items` may write.
    static func restartViolation(_ loop: CanonicalLoop, after items: [Statement], in context: FunctionContext) -> String? {
        let start = context.effects(of: loop.start)
        let written = context.effects(of: items)
        if start.hasSideEffects { return "the start value has side effects" }
        if start.reads.contains(loop.variable) { return "the start value reads the loop variable" }
        if !start.reads.isDisjoint(with: written.writes) { return "the loop writes a variable of the start value" }
        if start.readsMemory && written.writesMemory { return "the start value reads memory the loop may write" }
        return nil
    }
}
