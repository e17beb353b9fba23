import KernelSyntax

/// Everything operators need to know about the function enclosing a site: its types, which
/// variables have their address taken, which callees are pure, and effect summaries that use
/// that knowledge.
struct FunctionContext {
    /// The unit being analysed.
    let unit: TranslationUnit
    /// The index of the function in `unit.declarations`.
    let index: Int
    /// The function definition.
    let function: FunctionDeclaration
    /// Declared types visible in the function.
    let types: TypeEnvironment
    /// Variables whose address is taken anywhere in the function (writes through any pointer
    /// may change them).
    let addressTaken: Set<String>
    /// True if the function mentions `volatile` anywhere (its accesses are then not modelled).
    let usesVolatile: Bool
    /// The unit's pure functions.
    let purity: Purity

    /// The context of the definition at `unit.declarations[index]`, or `nil` if it is not one.
    init?(unit: TranslationUnit, index: Int, purity: Purity) {
        guard unit.declarations.indices.contains(index), case .function(let f) = unit.declarations[index],
              let body = f.body else { return nil }
        self.unit = unit
        self.index = index
        function = f
        types = TypeEnvironment(unit: unit, function: f)
        addressTaken = EffectSummary(of: body).addressTaken
        self.purity = purity
        usesVolatile = FunctionContext.mentionsVolatile(f)
    }

    /// True if a parameter, local declaration, cast or `sizeof` type of `f` is `volatile`.
    private static func mentionsVolatile(_ f: FunctionDeclaration) -> Bool {
        func isVolatile(_ qualifiers: TypeQualifiers, _ pointers: [TypeQualifiers]) -> Bool {
            qualifiers.contains(.volatile) || pointers.contains { $0.contains(.volatile) }
        }
        if f.parameters.contains(where: { isVolatile($0.type.qualifiers, $0.type.pointers) }) { return true }
        var found = false
        f.body?.items.forEach { item in
            item.forEachStatement { s in
                var declarations: [VariableDeclaration] = []
                if case .declaration(let d) = s { declarations.append(d) }
                if case .forLoop(.declaration(let d)?, _, _, _) = s { declarations.append(d) }
                for d in declarations where isVolatile(d.qualifiers, d.declarators.flatMap(\.pointers)) { found = true }
            }
            item.forEachExpression { root in
                root.forEachNode { node in
                    switch node {
                    case .cast(let t, _), .sizeofType(let t): if isVolatile(t.qualifiers, t.pointers) { found = true }
                    default: break
                    }
                }
            }
        }
        return found
    }

    /// Adds the effects of pointer aliasing: a memory read may read any address-taken variable
    /// and a memory write may change one.
    private func aliased(_ summary: EffectSummary) -> EffectSummary {
        var s = summary
        if s.readsMemory { s.reads.formUnion(addressTaken) }
        if s.writesMemory { s.writes.formUnion(addressTaken) }
        return s
    }

    /// The effects of `e`, with pure calls reduced to their arguments and aliasing applied.
    func effects(of e: Expression) -> EffectSummary { aliased(EffectSummary(of: purity.erasingPureCalls(e))) }

    /// The effects of `s`, with pure calls reduced to their arguments and aliasing applied.
    func effects(of s: Statement) -> EffectSummary { aliased(EffectSummary(of: purity.erasingPureCalls(s))) }

    /// The effects of all items of `b`.
    func effects(of b: Block) -> EffectSummary { effects(of: Statement.compound(b)) }

    /// The effects of several statements run in sequence.
    func effects(of items: [Statement]) -> EffectSummary { effects(of: Statement.compound(Block(items))) }

    /// The value type of `e` in this function.
    func valueType(of e: Expression) -> ValueType? { types.valueType(of: e) }
}
