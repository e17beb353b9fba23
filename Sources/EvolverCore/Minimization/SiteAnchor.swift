import KernelMutation
import KernelSyntax

/// Where an edit was applied, by what was there rather than by position: the top-level
/// declaration (by name) and the code at the site. An edit recorded against one kernel is
/// re-aimed at the same code of another kernel whose items sit at other positions — a graft or an
/// inlining taken out adds or removes functions before it, an unrolling taken out removes
/// statements before it in the same function.
struct SiteAnchor: Hashable, Sendable {
    let declaration: String
    /// The node at the site, in the kernel the edit was applied to.
    let node: SyntaxNode

    /// The anchor of `edit`'s site in `unit`, the kernel it was applied to (nil: no site there).
    init?(of edit: Edit, in unit: TranslationUnit) {
        guard let first = edit.site.indices.first, unit.declarations.indices.contains(first), let node = unit.node(at: edit.site) else { return nil }
        declaration = Self.key(unit.declarations[first])
        self.node = node
    }

    /// `edit` aimed at the same code in `unit`: its site's first step moved to the declaration's
    /// position there, then, when the code at that path differs, the one place in the declaration
    /// with the same code. Unchanged when `unit` has no such declaration (or several).
    func aim(_ edit: Edit, at unit: TranslationUnit) -> Edit {
        let matches = unit.declarations.indices.filter { Self.key(unit.declarations[$0]) == declaration }
        guard matches.count == 1, let position = matches.first else { return edit }
        var indices = edit.site.indices
        indices[0] = position
        if unit.node(at: NodePath(indices)) != node {
            var same: [NodePath] = []
            func visit(_ n: SyntaxNode, _ path: NodePath) {
                if n == node { same.append(path) }
                for (i, child) in n.children { visit(child, path.appending(i)) }
            }
            visit(.external(unit.declarations[position]), NodePath([position]))
            if same.count == 1 { indices = same[0].indices }
        }
        return Edit(op: edit.op, site: NodePath(indices), params: edit.params)
    }

    private static func key(_ d: ExternalDeclaration) -> String {
        switch d {
        case .function(let f): return "\(f.body == nil ? "prototype" : "function") \(f.name)"
        case .typedef(let t): return "typedef \(t.name)"
        case .constantTable(let v): return "table \(v.declarators.map(\.name).joined(separator: ","))"
        }
    }
}
