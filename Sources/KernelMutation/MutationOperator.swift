import KernelSyntax

/// A mutation operator.
///
/// Operators are pure and deterministic: `proposals` lists every edit in a stable order and
/// `apply` performs exactly one of them. Semantics-preserving operators only propose edits
/// whose legality they have checked (see each operator's documentation); `apply` re-checks
/// those preconditions on the unit it is given, so a stale or foreign edit is refused.
public protocol MutationOperator: Sendable {
    /// Stable name recorded in edits (e.g. "loop-unroll").
    var name: String { get }
    /// True when, given its checked preconditions, the edit preserves the kernel's behaviour.
    var preservesSemantics: Bool { get }
    /// Every edit this operator can make on `unit`, in a deterministic order.
    func proposals(in unit: TranslationUnit) -> [Edit]
    /// Applies one of its own edits. Throws `MutationError` when the edit does not apply (e.g. wrong site after other edits).
    func apply(_ edit: Edit, to unit: TranslationUnit) throws -> TranslationUnit
}
