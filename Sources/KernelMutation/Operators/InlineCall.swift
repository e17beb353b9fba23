import KernelSyntax

/// Inlining of a `static` helper at a call site. Two forms (parameter `form`):
/// - 0, expression: a helper whose body is a single `return r;` (or `if (c) return a; [else]
///   return b;`, taken as `return c ? a : b;` under the checks of `if-to-select`) is replaced by
///   `r` with each parameter replaced by its argument (cast to the parameter type when the types
///   differ) and the result cast to the return type when they differ;
/// - 1, block: a call that is a whole statement — `g(...);`, `L = g(...);`, `L op= g(...);` or
///   `return g(...);` — becomes `{ P p_0 = arg; ...renamed body...; L = r_renamed; }`, with the
///   parameters and every local of the helper renamed to fresh names (so nothing is captured).
///
/// Preconditions checked:
/// - the callee is a `static` definition in the unit without `volatile`, its parameters are named,
///   the argument count matches, and the file-scope names it uses (read-only tables, called
///   functions) are not redeclared in the caller, while its own names are not file-scope names;
/// - the arguments have no side effects (pure calls allowed), so evaluating them zero, one or
///   several times (form 0) or in left-to-right order (form 1) is unobservable;
/// - form 0: `r` has no side effects and no calls — in particular it writes no parameter;
/// - form 1: the only `return` is the last item (none, or a bare one, for `void` helpers, which
///   are inlined only at `g(...);`); `L` has no side effects and, unless the helper is pure, is a
///   plain variable whose address is never taken (the helper's writes cannot reach it);
/// - the call is not inside `sizeof`.
struct InlineCall: SiteOperator {
    let name = "inline-call"
    let preservesSemantics = true

    func isCandidate(_ node: SyntaxNode) -> Bool {
        if case .expression(.call) = node { return true } else { return false }
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        guard case .call(let g, let arguments) = try expression(at: site, in: analysis) else { throw wrongSite(site, "a call") }
        guard let callee = InlineCallee(g, in: analysis) else { throw refuse(site, "the callee is not an analysable static definition") }
        try require(callee.parameters.count == arguments.count, site, "the argument count does not match")
        try require(!analysis.isInsideSizeofOrAddress(site), site, "the call is inside sizeof")
        let caller = try context(site, analysis)
        let callerLocals = EffectSummary(of: caller.function.body!).declares.union(caller.function.parameters.compactMap(\.name))
        try require(callee.globals.isDisjoint(with: callerLocals), site, "the caller shadows a table or function the callee uses")
        let fileScope = Self.fileScopeNames(unit)
        try require(callee.locals.isDisjoint(with: fileScope), site, "a callee local shares a file-scope name")
        try require(arguments.allSatisfy { !caller.effects(of: $0).hasSideEffects }, site, "an argument has side effects")
        var converted: [Expression] = []
        for (index, argument) in arguments.enumerated() {
            guard let value = callee.argument(argument, for: index, caller: caller) else {
                throw refuse(site, "a parameter type is not known")
            }
            converted.append(value)
        }
        var plans: [Plan] = []
        if let plan = expressionForm(site, unit, callee, converted) { plans.append(plan) }
        if let plan = blockForm(site, analysis, callee, arguments, caller) { plans.append(plan) }
        try require(!plans.isEmpty, site, "the callee's body cannot be inlined here")
        return plans
    }

    /// Names declared at file scope: functions, typedefs and tables.
    private static func fileScopeNames(_ unit: TranslationUnit) -> Set<String> {
        var names: Set<String> = []
        for declaration in unit.declarations {
            switch declaration {
            case .function(let f): names.insert(f.name)
            case .typedef(let t): names.insert(t.name)
            case .constantTable(let d): names.formUnion(d.declarators.map(\.name))
            }
        }
        return names
    }

    private func expressionForm(_ site: NodePath, _ unit: TranslationUnit, _ callee: InlineCallee,
                                _ arguments: [Expression]) -> Plan? {
        guard let r = callee.returnedExpression else { return nil }
        let effects = EffectSummary(of: r)
        guard !effects.hasSideEffects, effects.calledFunctions.isEmpty else { return nil }
        var substitution: [String: Expression] = [:]
        for (name, argument) in zip(callee.parameters, arguments) { substitution[name] = argument }
        let body = r.rewritten { node in node.identifierName.flatMap { substitution[$0] } }
        let result = callee.returned(body, original: r)
        return Plan(["form": 0]) { try unit.replacing(site, with: result) }
    }

    private func blockForm(_ site: NodePath, _ analysis: UnitAnalysis, _ callee: InlineCallee,
                           _ arguments: [Expression], _ caller: FunctionContext) -> Plan? {
        let unit = analysis.unit
        guard let parent = site.parent, let slot = site.indices.last else { return nil }
        var items = callee.body.items
        var returned: Expression?
        if case .returnStatement(let r)? = items.last {
            returned = r
            items.removeLast()
        }
        guard !EffectSummary(of: Block(items)).containsReturn else { return nil }
        let isVoid = callee.function.returnType == TypeName(.void)
        guard isVoid == (returned == nil) else { return nil }
        let statementPath: NodePath
        let finish: (Expression?) -> [Statement]
        switch analysis.node(at: parent) {
        case .statement(.expression)? where slot == 0:
            statementPath = parent
            finish = { value in value.map { [.expression($0)] } ?? [] }
        case .statement(.returnStatement)? where slot == 0 && !isVoid:
            statementPath = parent
            finish = { value in [.returnStatement(value)] }
        case .expression(.assignment(let op, let target, _))? where slot == 1 && !isVoid:
            guard let grandparent = parent.parent, parent.indices.last == 0,
                  case .statement(.expression)? = analysis.node(at: grandparent),
                  !caller.effects(of: target).hasSideEffects else { return nil }
            if !callee.isPure {
                guard case .identifier(let v) = target, !caller.addressTaken.contains(v) else { return nil }
            }
            statementPath = grandparent
            finish = { value in [.expression(.assignment(op, target, value!))] }
        default:
            return nil
        }
        return Plan(["form": 1]) {
            var names = FreshNames(unit)
            var renaming: [String: String] = [:]
            for local in callee.locals.sorted() { renaming[local] = names.make(local + "_") }
            let map = renaming
            let rename: (Expression) -> Expression? = { node in
                node.identifierName.flatMap { map[$0] }.map(Expression.identifier)
            }
            var block: [Statement] = []
            for (index, argument) in arguments.enumerated() {
                let type = Declarations.parameterType(callee.function.parameters[index].type)
                block.append(Declarations.local(map[callee.parameters[index]]!, type, argument))
            }
            block += items.map { $0.renaming(map, rename) }
            let value = returned.map { callee.returned($0.rewritten(rename), original: $0) }
            block += finish(value)
            return try unit.replacing(statementPath, with: Statement.compound(Block(block)))
        }
    }
}

extension InlineCall: EditDescribing {
    /// "inline `twice_median(sa, n)` at line 110" (form 1: "… as a block").
    func describe(_ site: DescriptionSite) -> EditDescription {
        let form = site.edit.params["form"] == 1 ? " as a block" : ""
        let rewritten = site.edit.params["form"] == 1 ? site.statementPath(containing: site.site) ?? site.site : site.site
        return EditDescription("inline \(site.code(site.site)) \(site.at(site.site))\(form)", lines: site.lines(rewritten))
    }
}
