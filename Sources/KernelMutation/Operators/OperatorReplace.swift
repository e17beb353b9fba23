import KernelSyntax

/// Replaces a binary operator by a related one; the parameter `to` is the new operator's index
/// in `BinaryOperator.allCases`. NOT semantics-preserving.
///
/// Related operators: `<` ↔ `<=`, `>` ↔ `>=`, `<` ↔ `>`, `<=` ↔ `>=`, `==` ↔ `!=`, `+` ↔ `-`,
/// `*` → `+`, `/` → `*`, `&&` ↔ `||`, `&` ↔ `|`, `|` ↔ `^`, `<<` ↔ `>>`. `+`/`-` are only
/// exchanged on arithmetic operands or `pointer ± integer` (other pointer forms would not compile).
struct OperatorReplace: SiteOperator {
    let name = "operator-replace"
    let preservesSemantics = false

    /// The replacements offered for each operator, in a fixed order.
    static let related: [BinaryOperator: [BinaryOperator]] = [
        .less: [.lessEqual, .greater], .lessEqual: [.less, .greaterEqual],
        .greater: [.greaterEqual, .less], .greaterEqual: [.greater, .lessEqual],
        .equal: [.notEqual], .notEqual: [.equal],
        .add: [.subtract], .subtract: [.add], .multiply: [.add], .divide: [.multiply],
        .logicalAnd: [.logicalOr], .logicalOr: [.logicalAnd],
        .bitwiseAnd: [.bitwiseOr], .bitwiseOr: [.bitwiseAnd, .bitwiseXor], .bitwiseXor: [.bitwiseOr],
        .shiftLeft: [.shiftRight], .shiftRight: [.shiftLeft],
    ]

    func isCandidate(_ node: SyntaxNode) -> Bool {
        if case .expression(.binary) = node { return true } else { return false }
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        guard case .binary(let op, let l, let r) = try expression(at: site, in: analysis),
              let targets = OperatorReplace.related[op] else { throw wrongSite(site, "a binary operator with related ones") }
        let context = try anyContext(site, analysis)
        if op == .add || op == .subtract {
            let x = context.valueType(of: l), y = context.valueType(of: r)
            let arithmetic = x?.arithmetic != nil && y?.arithmetic != nil
            let pointerOffset = x?.isPointer == true && y?.isInteger == true
            try require(arithmetic || pointerOffset, site, "the operands are not arithmetic or pointer + integer")
        }
        return targets.map { target in
            Plan(["to": BinaryOperator.allCases.firstIndex(of: target)!]) {
                try unit.replacing(site, with: Expression.binary(target, l, r))
            }
        }
    }
}

extension OperatorReplace: EditDescribing {
    /// "replace `+` by `-` in `s = s + x[i];` at line 20"; the expression itself instead of its
    /// statement when the statement has that operator more than once.
    func describe(_ site: DescriptionSite) -> EditDescription {
        let statement = site.statementPath(containing: site.site) ?? site.site
        guard case .binary(let op, _, _)? = site.analysis.expression(at: site.site) else {
            return EditDescription("replace an operator in \(site.code(statement)) \(site.at(site.site))", lines: site.lines(site.site))
        }
        let cases = BinaryOperator.allCases
        let to = site.edit.params["to"].flatMap { cases.indices.contains($0) ? cases[$0] : nil }
        var context = site.code(statement)
        if case .statement(let s)? = site.node(statement) {
            let text = CPrinter.print(s)
            if text.components(separatedBy: " \(op.rawValue) ").count > 2 { context = site.code(site.site) }
        }
        return EditDescription("replace `\(op.rawValue)` by `\(to?.rawValue ?? "?")` in \(context) \(site.at(site.site))", lines: site.lines(site.site))
    }
}
