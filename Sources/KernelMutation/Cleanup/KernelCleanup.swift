import KernelSyntax

/// A semantics-preserving clean-up of an evolved kernel: removes `static` helpers the entry
/// function no longer reaches, expression statements without effect, and redundant copies of
/// variables, until none is left.
///
/// The entry function's signature is never touched, nor is any function with external linkage
/// removed. Functions that mention `volatile` keep their bodies as they are (the effect analyses
/// do not model volatile accesses), and helpers are removed only when `entry` is defined in the
/// unit. Cleaning a cleaned unit changes nothing.
public enum KernelCleanup {
    /// The rules, in the order each round runs them.
    ///
    /// Why this order: removing statements without effect can only enable the other rules (a
    /// dropped `&x;` frees a copy of `x`, a dropped `sizeof(h(x));` the helper `h`), so it goes
    /// first; copies come next; helpers last, when this round's bodies are final. Each rule is
    /// correct on its own, so the order decides only the order of the steps and how many rounds
    /// it takes to reach the fixed point, not the result's correctness.
    static let rules: [any CleanupRule] = [
        NoEffectStatementRemoval(),
        RedundantCopyRemoval(),
        UnusedHelperRemoval(),
    ]

    /// Removes dead code from `unit`, repeating the rules until none finds anything more.
    /// - Parameters:
    ///   - unit: The kernel, e.g. a promoted variant.
    ///   - entry: The name of the entry function the sandbox calls.
    /// - Returns: The cleaned unit and every step taken, in order.
    public static func clean(_ unit: TranslationUnit, entry: String) -> CleanupResult {
        var result = CleanupResult(unit: unit)
        var progressed = true
        while progressed {
            progressed = false
            for rule in rules {
                let round = rule.clean(result.unit, entry: entry)
                guard round.changed else { continue }
                result.unit = round.unit
                result.steps += round.steps
                progressed = true
            }
        }
        return result
    }
}
