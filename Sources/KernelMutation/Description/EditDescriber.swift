import KernelSyntax

/// Descriptions of edits for a person: what the edit did, to which code, at which line of the
/// parent's printed source (`CPrinter.print`, the normalized source a run stores).
public enum EditDescriber {
    /// The description of `edit` applied to `parent`, the kernel before the edit.
    ///
    /// Pure: the same edit on the same parent is always described the same way. An edit whose
    /// site holds no node, or whose operator is unknown, is described as such.
    public static func describe(_ edit: Edit, in parent: TranslationUnit, facts: KernelFacts = .none) -> EditDescription {
        describe(edit, in: parent, printed: CPrinter.printWithLines(parent), facts: facts)
    }

    /// The same, with the parent's printed lines already computed and, when known, the unit the
    /// edit makes of it (which some descriptions quote).
    public static func describe(_ edit: Edit, in parent: TranslationUnit, printed: PrintedUnit, facts: KernelFacts = .none,
                                result: TranslationUnit? = nil) -> EditDescription {
        guard let op = MutationRegistry.named(edit.op) else {
            return EditDescription("an edit of unknown operator `\(edit.op)`", lines: nil)
        }
        guard parent.node(at: edit.site) != nil else {
            return EditDescription("\(edit.op) at a place its kernel does not have", lines: nil)
        }
        let site = DescriptionSite(edit: edit, unit: parent, printed: printed, facts: facts, result: result)
        guard let describing = op as? any EditDescribing else {
            return EditDescription("\(edit.op) on \(site.code(edit.site)) \(site.at(edit.site))", lines: site.lines(edit.site))
        }
        return describing.describe(site)
    }
}
