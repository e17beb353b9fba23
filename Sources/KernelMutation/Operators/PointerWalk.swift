import KernelSyntax

/// Pointer walking: inside a counted loop, `p[i]`, `p[i + c]` and `p[i - c]` become `*w`,
/// `w[c]` and `w[-c]` for a pointer `w` that starts at `p + a` and advances with `i`.
///
/// `for (i = a; i < b; i++) s += p[i];` becomes
/// `const T *w0 = p + a; for (i = a; i < b; i++, w0++) s += *w0;` — `i` keeps counting, so
/// uses of `i` elsewhere and its final value are unchanged. The parameter `base` selects the
/// array among the eligible ones, in order of first use in the body.
///
/// Preconditions checked:
/// - the loop is canonical and the body neither writes nor redeclares `i`, and `&i` never occurs
///   (so `w == p + i` holds at every point of the body; `break`, `continue` and `return` are
///   fine because the step advances both);
/// - the start `a` has no side effects and an integer type (it is evaluated once more, just
///   before the initializer, in the same state);
/// - `p` is a variable of pointer or one-dimensional array type, never written in the loop,
///   never redeclared in the body, and never has its address taken;
/// - `c` is an integer literal;
/// - the loop is an item of a block that is not a `switch` body.
/// Forming `p + a` before a loop that runs zero times is assumed harmless (no access happens).
struct PointerWalk: SiteOperator {
    let name = "pointer-walk"
    let preservesSemantics = true

    func isCandidate(_ node: SyntaxNode) -> Bool {
        if case .statement(.forLoop) = node { return true } else { return false }
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        let loopStatement = try statement(at: site, in: analysis)
        guard let loop = CanonicalLoop(loopStatement) else { throw wrongSite(site, "a canonical for loop") }
        let context = try context(site, analysis)
        let body = context.effects(of: loop.body)
        let loopEffects = context.effects(of: loopStatement)
        try require(!body.writes.contains(loop.variable) && !body.declares.contains(loop.variable)
                    && !context.addressTaken.contains(loop.variable), site, "the loop variable is not a plain counter")
        let start = context.effects(of: loop.start)
        try require(!start.hasSideEffects && context.valueType(of: loop.start)?.isInteger == true, site,
                    "the start value has side effects or is not an integer")
        let bases = eligibleBases(loop, context: context, loopWrites: loopEffects.writes, bodyDeclares: body.declares)
        try require(!bases.isEmpty, site, "no array is indexed by the loop variable")
        let block = try blockSite(site, analysis)
        return bases.enumerated().map { index, base in
            Plan(["base": index]) {
                var names = FreshNames(unit)
                let walker = Expression.identifier(names.make("w"))
                let newBody = rewrite(loop.body, base: base.name, variable: loop.variable, walker: walker)
                let step = Expression.comma(loop.step, .postfix(.increment, walker))
                let newLoop = Statement.forLoop(loop.initializer, loop.condition, step, newBody)
                let startPointer = loop.start.integerValue == 0
                    ? Expression.identifier(base.name) : .binary(.add, .identifier(base.name), loop.start)
                let declaration = Declarations.local(walker.identifierName!, base.walkerType, startPointer)
                return try block.replacing(block.index..<(block.index + 1), with: [declaration, newLoop], in: unit)
            }
        }
    }

    private struct Base {
        var name: String
        var walkerType: TypeName
    }

    /// Array variables indexed by `i`, `i + c` or `i - c` in the body, in order of first use.
    private func eligibleBases(_ loop: CanonicalLoop, context: FunctionContext, loopWrites: Set<String>,
                               bodyDeclares: Set<String>) -> [Base] {
        var seen: [String] = []
        loop.body.items.forEach { item in
            item.forEachExpression { root in
                root.forEachNode { node in
                    if case .subscript(.identifier(let p), let index) = node, offset(index, loop.variable) != nil,
                       !seen.contains(p) {
                        seen.append(p)
                    }
                }
            }
        }
        return seen.compactMap { p in
            guard !loopWrites.contains(p), !bodyDeclares.contains(p), !context.addressTaken.contains(p),
                  case .pointer(let type)? = context.types.valueType(of: p) else { return nil }
            return Base(name: p, walkerType: type)
        }
    }

    /// The constant offset of an index `i`, `i + c` or `i - c`.
    private func offset(_ index: Expression, _ variable: String) -> Int64? {
        switch index {
        case .identifier(variable): return 0
        case .binary(.add, .identifier(variable), let c):
            return c.integerValue.flatMap { $0 < 1 << 20 ? Int64($0) : nil }
        case .binary(.subtract, .identifier(variable), let c):
            return c.integerValue.flatMap { $0 < 1 << 20 ? -Int64($0) : nil }
        default: return nil
        }
    }

    private func rewrite(_ body: Block, base: String, variable: String, walker: Expression) -> Block {
        body.rewritingExpressions { node in
            guard case .subscript(.identifier(base), let index) = node, let k = offset(index, variable) else { return nil }
            if k == 0 { return .unary(.dereference, walker) }
            let magnitude = Expression.integer(k.magnitude)
            return .subscript(walker, k > 0 ? magnitude : .unary(.negate, magnitude))
        }
    }
}

extension PointerWalk: EditDescribing {
    /// "walk `a` with a pointer in `for (i = 0; i < n; i++)` at line 10".
    func describe(_ site: DescriptionSite) -> EditDescription {
        var name = "an array"
        if let statement = site.analysis.statement(at: site.site), let loop = CanonicalLoop(statement),
           let context = site.analysis.context(at: site.site) {
            let bases = eligibleBases(loop, context: context, loopWrites: context.effects(of: statement).writes,
                                      bodyDeclares: context.effects(of: loop.body).declares)
            if let index = site.edit.params["base"], bases.indices.contains(index) { name = "`\(bases[index].name)`" }
        }
        return EditDescription("walk \(name) with a pointer in \(site.code(site.site)) \(site.at(site.site))", lines: site.lines(site.site))
    }
}
