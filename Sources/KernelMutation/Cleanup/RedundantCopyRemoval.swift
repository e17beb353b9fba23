import KernelSyntax

/// Replaces a redundant copy by its source: `const int *p_0 = a;` followed by uses of `p_0`
/// becomes those uses naming `a`, and the declarator goes (the declaration too, if it was its
/// only one).
///
/// The copy is a declarator `c = s` of a local declaration that is an item of a block, where:
/// - `s` is a plain identifier naming a parameter or a local of the function (a parameter is
///   then declared nowhere in the body; a local's declarations all have one type);
/// - the declared type of `c` is exactly the type of `s`, typedefs resolved (an array parameter
///   counts as the pointer it is; arrays and unresolvable types never match);
/// - the scope of `c` — the later declarators of its declaration and the rest of its block —
///   assigns, increments and redeclares neither `c` nor `s`, and holds no `case`/`default`
///   label (a jump into the scope would skip the initialisation);
/// - the function never takes the address of `c` or `s` (so no pointer write or call can change
///   either), and every mention of `c` in the scope can be rewritten.
/// Then `c` and `s` hold the same value at every use of `c`. One copy is replaced at a time, so
/// a copy of a copy is seen with its source already replaced.
struct RedundantCopyRemoval: CleanupRule {
    func clean(_ unit: TranslationUnit, entry: String) -> CleanupResult {
        var result = CleanupResult(unit: unit)
        while let (next, step) = firstReplacement(in: result.unit) {
            result.unit = next
            result.steps.append(step)
        }
        return result
    }

    /// The unit with the first redundant copy in document order replaced, and its step.
    private func firstReplacement(in unit: TranslationUnit) -> (TranslationUnit, CleanupStep)? {
        let analysis = UnitAnalysis(unit)
        let functions = Set(rewritableFunctions(in: analysis).map(\.index))
        for entry in analysis.entries {
            guard case .statement(.declaration(let d)) = entry.node, d.storage == nil,
                  let function = entry.path.indices.first, functions.contains(function),
                  let site = analysis.blockSite(at: entry.path), let context = analysis.context(at: entry.path) else { continue }
            for index in d.declarators.indices {
                guard let source = source(ofCopy: index, in: d, context: context),
                      let items = replacement(ofCopy: index, in: d, by: source, at: site),
                      let next = try? site.replacing(site.index..<site.block.items.count, with: items, in: unit) else { continue }
                let step = CleanupStep(kind: .redundantCopy, description:
                    "replaced copy `\(d.declarators[index].name)` of `\(source)` in `\(context.function.name)`")
                return (next, step)
            }
        }
        return nil
    }

    /// The source `s` if declarator `index` of `d` is `c = s` with `s` a parameter or local of
    /// exactly the declared type of `c`, neither of whose addresses the function takes.
    private func source(ofCopy index: Int, in d: VariableDeclaration, context: FunctionContext) -> String? {
        let declarator = d.declarators[index]
        let copy = declarator.name
        guard declarator.arrayDimensions.isEmpty, case .expression(.identifier(let source))? = declarator.initializer,
              source != copy, let body = context.function.body,
              let sourceType = declaredType(of: source, in: context), sourceType.arrayDimensions.isEmpty,
              context.types.resolve(d.type(of: declarator)) == sourceType else { return nil }
        let addressTaken = body.items.contains { item in
            item.containsExpression { node in
                if case .unary(.addressOf, .identifier(let name)) = node { return name == copy || name == source }
                return false
            }
        }
        return addressTaken ? nil : source
    }

    /// The typedef-free type of the parameter or local `name`, or `nil` if it is neither or its
    /// declarations disagree (`TypeEnvironment` does not scope names).
    private func declaredType(of name: String, in context: FunctionContext) -> TypeName? {
        let function = context.function
        let locals = function.body.map { EffectSummary(of: $0).declares } ?? []
        let parameters = function.parameters.filter { $0.name == name }
        if let parameter = parameters.first {
            guard parameters.count == 1, !locals.contains(name) else { return nil }
            return context.types.resolve(Declarations.parameterType(parameter.type))
        }
        return locals.contains(name) ? context.types.objectType(of: name) : nil
    }

    /// The items replacing the copy's declaration and the rest of its block, or `nil` if the
    /// scope changes, redeclares or jumps past the copy or its source.
    private func replacement(ofCopy index: Int, in d: VariableDeclaration, by source: String,
                             at site: BlockSite) -> [Statement]? {
        let copy = d.declarators[index].name
        var later = d
        later.declarators = Array(d.declarators[(index + 1)...])
        let scope = (later.declarators.isEmpty ? [] : [Statement.declaration(later)]) + site.block.items[(site.index + 1)...]
        let effects = EffectSummary(of: Block(scope))
        guard effects.writes.isDisjoint(with: [copy, source]), effects.declares.isDisjoint(with: [copy, source]),
              !scope.contains(where: Self.containsLabel) else { return nil }
        let renamed = scope.map { $0.rewritingExpressions { $0 == .identifier(copy) ? .identifier(source) : nil } }
        guard !renamed.contains(where: { $0.mentionedNames.contains(copy) }) else { return nil }
        var kept = d
        kept.declarators = Array(d.declarators[..<index])
        var items = Array(renamed)
        if !later.declarators.isEmpty, case .declaration(let rest) = items.removeFirst() {
            kept.declarators += rest.declarators
        }
        return (kept.declarators.isEmpty ? [] : [.declaration(kept)]) + items
    }

    /// True if `s` is or contains a `case` or `default` label.
    private static func containsLabel(_ s: Statement) -> Bool {
        var found = false
        s.forEachStatement { if $0.isLabel { found = true } }
        return found
    }
}
