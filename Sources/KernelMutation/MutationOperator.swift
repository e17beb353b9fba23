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
    /// Every edit on `unit`, given what the harness tells about the kernel's parameters.
    func proposals(in unit: TranslationUnit, facts: KernelFacts) -> [Edit]
    /// Applies one of its own edits, given what the harness tells about the kernel's parameters.
    func apply(_ edit: Edit, to unit: TranslationUnit, facts: KernelFacts) throws -> TranslationUnit
}

extension MutationOperator {
    public func proposals(in unit: TranslationUnit, facts: KernelFacts) -> [Edit] { proposals(in: unit) }
    public func apply(_ edit: Edit, to unit: TranslationUnit, facts: KernelFacts) throws -> TranslationUnit { try apply(edit, to: unit) }
}

/// What the harness tells about a kernel that its source cannot: which pointer parameters are
/// scratch (their contents after the call are nobody's business). Operators whose legality
/// depends on it propose nothing without it.
public struct KernelFacts: Sendable, Hashable {
    /// Names of the entry's pointer parameters the harness declares as scratch.
    public var scratchParameters: Set<String>

    public init(scratchParameters: Set<String> = []) {
        self.scratchParameters = scratchParameters
    }

    /// Nothing known.
    public static let none = KernelFacts()
}
