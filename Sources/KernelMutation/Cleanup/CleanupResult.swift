import KernelSyntax

/// One thing the clean-up removed or replaced, with a line saying what it was.
public struct CleanupStep: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The kinds of dead code the clean-up removes.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// A `static` function no longer called from the entry function, directly or transitively
        /// (its definition and prototypes are removed).
        case unusedHelper = "unused-helper"
        /// An expression statement that assigns, increments and calls nothing, e.g. `a[i];`.
        case noEffectStatement = "no-effect-statement"
        /// A local initialised from a variable of exactly its type, where neither ever changes in
        /// the local's scope: its uses now name the variable and its declaration is gone.
        case redundantCopy = "redundant-copy"
    }

    /// What kind of dead code was removed.
    public var kind: Kind
    /// One line for people, e.g. "removed unused static helper `sift_down_1`".
    public var description: String

    /// Creates a step.
    public init(kind: Kind, description: String) {
        self.kind = kind
        self.description = description
    }
}

/// A cleaned translation unit and the steps that produced it, in the order they were taken.
public struct CleanupResult: Hashable, Sendable {
    /// The unit after the clean-up.
    public var unit: TranslationUnit
    /// What was removed or replaced; empty when the unit was already clean.
    public var steps: [CleanupStep]

    /// Creates a result.
    public init(unit: TranslationUnit, steps: [CleanupStep] = []) {
        self.unit = unit
        self.steps = steps
    }

    /// True if the clean-up changed the unit.
    public var changed: Bool { !steps.isEmpty }
}
