import KernelSyntax

/// An operator that can say in words what one of its edits does to a unit.
protocol EditDescribing {
    /// The description of `site.edit` on `site.unit`, which holds a node at the edit's site.
    func describe(_ site: DescriptionSite) -> EditDescription
}
