import Foundation
import KernelMutation
import KernelSyntax

/// Crossover of two population members' edit lists, re-applied to the seed.
///
/// Both lists are full edit lists from the seed. One-point crossover keeps a prefix of the first
/// parent's list and a suffix of the second's; uniform crossover takes each position's edit from
/// either parent with equal chance. The combined list is then applied to the seed edit by edit;
/// an edit that no longer applies (its site moved or its precondition fails after the other
/// parent's edits) is dropped and recorded, and the rest go on. Operators re-check their
/// preconditions on the unit they are given, so a combined list is as legal as any other.
public enum Crossover {
    /// How two lists are combined.
    public enum Kind: String, Sendable, CaseIterable {
        case onePoint = "one_point"
        case uniform
    }

    /// A combined list re-applied to the seed.
    public struct Child {
        public let unit: TranslationUnit
        /// The edits that applied, in order (the child's full edit list from the seed).
        public let applied: [Edit]
        /// The edits that did not apply, in list order.
        public let dropped: [Edit]
    }

    /// The combined edit list of `first` and `second`, drawn with `rng`.
    public static func combine(_ first: [Edit], _ second: [Edit], kind: Kind, rng: inout SplitMix64) -> [Edit] {
        switch kind {
        case .onePoint:
            let cutFirst = rng.below(first.count + 1)
            let cutSecond = rng.below(second.count + 1)
            return Array(first[..<cutFirst]) + Array(second[cutSecond...])
        case .uniform:
            var result: [Edit] = []
            for position in 0..<max(first.count, second.count) {
                let fromFirst = rng.below(2) == 0
                let list = fromFirst ? first : second
                if position < list.count { result.append(list[position]) }
            }
            return result
        }
    }

    /// Applies `edits` to `seed` in order, dropping those that do not apply.
    /// - Parameter external: the kernel an `external` edit stands for (a proposal replaces the kernel).
    public static func reapply(_ edits: [Edit], to seed: TranslationUnit, facts: KernelFacts = .none,
                               external: (Edit) -> TranslationUnit? = { _ in nil }) -> Child {
        var unit = seed
        var applied: [Edit] = []
        var dropped: [Edit] = []
        for edit in edits {
            if let next = edit.op == ExternalEdit.op ? external(edit) : try? MutationRegistry.apply(edit, to: unit, facts: facts) {
                unit = next
                applied.append(edit)
            } else {
                dropped.append(edit)
            }
        }
        return Child(unit: unit, applied: applied, dropped: dropped)
    }
}
