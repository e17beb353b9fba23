import KernelSyntax

/// Constant tweaks: an integer literal becomes `v + 1`, `v - 1`, `v * 2` or `v / 2` (parameter
/// `change` 0–3), keeping its base and suffix. NOT semantics-preserving: the validation suite
/// judges the result.
///
/// Eligible literals: any integer literal in a function body except case labels (duplicates would
/// not compile) and direct array indices (`out[0]`, which only permute storage). Changes that
/// leave the value unchanged, go below zero or exceed `Int64.max` are not offered.
struct ConstantTweak: SiteOperator {
    let name = "constant-tweak"
    let preservesSemantics = false

    func isCandidate(_ node: SyntaxNode) -> Bool {
        if case .expression(.integerLiteral) = node { return true } else { return false }
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        guard case .integerLiteral(let spelling) = try expression(at: site, in: analysis),
              let literal = IntegerLiteral(spelling) else { throw wrongSite(site, "an integer literal") }
        _ = try anyContext(site, analysis)
        if let parent = site.parent {
            switch analysis.node(at: parent) {
            case .statement(.caseLabel)?: throw refuse(site, "case labels are not tweaked")
            case .expression(.subscript)? where site.indices.last == 1: throw refuse(site, "array indices are not tweaked")
            default: break
            }
        }
        let v = literal.value
        let changes: [UInt64?] = [
            v < UInt64(Int64.max) ? v + 1 : nil,
            v > 0 ? v - 1 : nil,
            v > 0 && v <= UInt64(Int64.max) / 2 ? v * 2 : nil,
            v > 1 ? v / 2 : nil,
        ]
        var plans: [Plan] = []
        for (change, value) in changes.enumerated() {
            guard let value, value != v else { continue }
            let replacement = Expression.integerLiteral(literal.respelled(value))
            plans.append(Plan(["change": change]) { try unit.replacing(site, with: replacement) })
        }
        return plans
    }
}

extension ConstantTweak: EditDescribing {
    /// "change `2` to `3` in `child = 2 * i + 1;` at line 25".
    func describe(_ site: DescriptionSite) -> EditDescription {
        let statement = site.statementPath(containing: site.site) ?? site.site
        let to = site.applied()?.expression(at: site.site).map { " to \(site.code($0))" } ?? ""
        return EditDescription("change \(site.code(site.site))\(to) in \(site.code(statement)) \(site.at(site.site))", lines: site.lines(site.site))
    }
}
