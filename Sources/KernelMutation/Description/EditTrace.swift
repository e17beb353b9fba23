import KernelSyntax

/// An edit list replayed from the seed, each edit described against the unit it was applied to.
public struct EditTrace: Sendable {
    /// One edit of the list.
    public struct Step: Sendable {
        /// The edit as recorded.
        public var edit: Edit
        /// What it did, with the lines of `before`'s printed source it rewrote.
        public var description: EditDescription
        /// The unit the edit was applied to.
        public var before: TranslationUnit
        /// The unit after it; nil when it did not apply (or an earlier edit did not).
        public var after: TranslationUnit?
    }

    /// The unit the list starts from.
    public var seed: TranslationUnit
    /// The steps, in list order.
    public var steps: [Step]

    /// The seed followed by each edit applied in turn.
    ///
    /// An edit that does not apply is described as such, with the reason; the edits after it
    /// are not applied (the unit they were made for is unknown) and say so.
    /// - Parameter outside: the kernel and description of an edit the registry does not know
    ///   (a proposal from outside the evolver replaces the whole kernel), or nil.
    public init(_ edits: [Edit], from seed: TranslationUnit, facts: KernelFacts = .none,
                outside: (Edit) -> (unit: TranslationUnit, description: String)? = { _ in nil }) {
        var steps: [Step] = []
        var current: TranslationUnit? = seed
        for edit in edits {
            guard let unit = current else {
                steps.append(Step(edit: edit, description: EditDescription(
                    "\(edit.op), not applied: an edit before it no longer applies", lines: nil), before: seed, after: nil))
                continue
            }
            if MutationRegistry.named(edit.op) == nil, let replaced = outside(edit) {
                steps.append(Step(edit: edit, description: EditDescription(replaced.description, lines: nil), before: unit, after: replaced.unit))
                current = replaced.unit
                continue
            }
            do {
                let after = try MutationRegistry.apply(edit, to: unit, facts: facts)
                let description = EditDescriber.describe(edit, in: unit, printed: CPrinter.printWithLines(unit), facts: facts, result: after)
                steps.append(Step(edit: edit, description: description, before: unit, after: after))
                current = after
            } catch {
                steps.append(Step(edit: edit, description: EditDescription(
                    "\(edit.op) no longer applies: \(error.localizedDescription)", lines: nil), before: unit, after: nil))
                current = nil
            }
        }
        self.seed = seed
        self.steps = steps
    }

    /// This trace followed by `edits`, applied to its result (each earlier step is kept as it is).
    public func extended(with edits: [Edit], facts: KernelFacts = .none,
                         outside: (Edit) -> (unit: TranslationUnit, description: String)? = { _ in nil }) -> EditTrace {
        guard let result else {
            return EditTrace(steps.map(\.edit) + edits, from: seed, facts: facts, outside: outside)
        }
        var trace = self
        trace.steps += EditTrace(edits, from: result, facts: facts, outside: outside).steps
        return trace
    }

    /// The unit after the last edit, when every edit applied.
    public var result: TranslationUnit? { steps.isEmpty ? seed : steps.last!.after }
}
