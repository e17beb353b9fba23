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

    /// The context of the function definition containing `site`, or `nil` if there is none.
    init?(unit: TranslationUnit, site: NodePath) {
        guard let first = site.indices.first, unit.declarations.indices.contains(first),
              case .function(let f) = unit.declarations[first], let body = f.body else { return nil }
        self.unit = unit
        index = first
        function = f
        types = TypeEnvironment(unit: unit, function: f)
        addressTaken = EffectSummary(of: body).addressTaken
        purity = Purity(unit)
        var volatile = f.parameters.contains { $0.type.qualifiers.contains(.volatile) || $0.type.pointers.contains { $0.contains(.volatile) } }
        unit.walk { path, node in
            guard !volatile, path.indices.first == first else { return }
            switch node {
            case .statement(.declaration(let d)):
                if d.qualifiers.contains(.volatile) || d.declarators.contains(where: { $0.pointers.contains { $0.contains(.volatile) } }) {
                    volatile = true
                }
            case .expression(.cast(let t, _)), .expression(.sizeofType(let t)):
                if t.qualifiers.contains(.volatile) || t.pointers.contains(where: { $0.contains(.volatile) }) { volatile = true }
            default: break
            }
        }
        usesVolatile = volatile
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
