import KernelSyntax

/// An algorithmic rewrite: a full sort whose result is then read only at a few positions becomes a
/// selection of those positions (`evs_select_range_T`, linear on average instead of n log n).
///
/// Site: a statement `s(x, k);` directly in a function's body, where `s` is a donor sort, or a
/// helper whose whole body is one call of a donor sort with its own parameters (what a `graft`
/// leaves). It becomes `evs_select_range_T(x, k, lo, hi)` with `lo`/`hi` the least and greatest
/// position read, evaluated where the sort was.
///
/// Preconditions checked on the statements after it (the rest of the function):
/// - `x` is read only as `x[p]`, directly or through a helper whose whole body is `return e;`
///   (taken with its arguments substituted); `x`, and every variable in a position `p`, is
///   never assigned there, and positions read no memory and call nothing;
/// - nothing else after it can see the rest of `x[0..k)`: `x` points into a parameter the
///   harness declares as scratch (its contents after the call are nobody's business), at an
///   offset linear in integer parameters and locals defined once before; every other memory
///   read there through a pointer into the same parameter is provably outside `x[0..k)` (each
///   index is proved within `[0, L)` for a length `L`, and the linear offsets are compared under
///   the lower bounds the function's early-return guards establish); no memory there is written
///   through a pointer into that parameter; every call there is such a `return e;` helper.
/// Without the harness's facts (which parameters are scratch) nothing is proposed.
struct SortToSelection: SiteOperator {
    let name = "sort-to-selection"
    let preservesSemantics = true
    /// Which calls count as a full sort: donor sorts (and grafts of them), or (`graft-selection`)
    /// any helper with the shape of an in-place sort.
    var sortedType: @Sendable (String, TranslationUnit) -> DonorType? = { SortToSelection.donorSortType($0, in: $1) }

    func isCandidate(_ node: SyntaxNode) -> Bool {
        if case .statement(.expression(.call(_, let arguments))) = node, arguments.count == 2 { return true }
        return false
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        guard case .expression(.call(let sort, let arguments)) = try statement(at: site, in: analysis), arguments.count == 2,
              case .identifier(let x) = arguments[0] else { throw wrongSite(site, "a call s(x, k) of a sort") }
        let k = arguments[1]
        try require(!analysis.facts.scratchParameters.isEmpty, site, "the harness declares no scratch parameter")
        let blockSite = try self.blockSite(site, analysis)
        try require(blockSite.blockPath.indices.count == 2 && !blockSite.isCompound, site, "the sort is not directly in a function body")
        let context = try self.context(site, analysis)
        let function = context.function
        guard let type = sortedType(sort, unit) else { throw refuse(site, "\(sort) is not a sort this operator rewrites") }
        guard let select = DonorLibrary.donors.first(where: { $0.job == "select_range" }),
              let definitions = DonorFunctions.definitions(of: select, for: type), let selector = definitions.last else {
            throw refuse(site, "no selection donor exists for \(type.rawValue)")
        }
        var facts = RegionFacts(function: function, before: Array(blockSite.block.items[..<blockSite.index]), scratch: analysis.facts.scratchParameters)
        guard let origin = facts.origins[x], analysis.facts.scratchParameters.contains(origin.root) else {
            throw refuse(site, "\(x) is not proved to point into a scratch parameter")
        }
        try require(!context.effects(of: k).hasSideEffects && !EffectSummary(of: k).readsMemory, site, "the length has side effects or reads memory")
        let rest = Array(blockSite.block.items[(blockSite.index + 1)...])
        let written = context.effects(of: rest).writes.union(context.addressTaken)
        try require(!written.contains(x), site, "\(x) is assigned after the sort")
        var positions: [Expression] = []
        var reason: String?
        for statement in rest {
            statement.forEachExpression { e in
                guard reason == nil else { return }
                reason = facts.check(e, sorted: x, origin: origin, positions: &positions, unit: unit, depth: 0)
            }
        }
        if let reason { throw refuse(site, reason) }
        try require(!positions.isEmpty, site, "the sorted values are never read afterwards")
        for p in positions {
            let effects = EffectSummary(of: p)
            try require(!effects.readsMemory && effects.calledFunctions.isEmpty && !effects.hasSideEffects, site, "a position reads memory or calls a function")
            try require(effects.reads.isDisjoint(with: written), site, "a position uses a variable assigned after the sort")
        }
        let lo = positions.dropFirst().reduce(positions[0]) { .conditional(.binary(.less, $1, $0), $1, $0) }
        let hi = positions.dropFirst().reduce(positions[0]) { .conditional(.binary(.greater, $1, $0), $1, $0) }
        let call = Statement.expression(.call(selector.name, [.identifier(x), k, lo, hi]))
        return [Plan {
            let replaced = try blockSite.replacing(blockSite.index..<(blockSite.index + 1), with: [call], in: unit)
            guard let result = DonorFunctions.inserting(definitions, before: context.index, in: replaced) else {
                throw refuse(site, "a definition the selection needs comes after the function")
            }
            return result
        }]
    }

    /// The element type a call of `name` sorts, when `name` is a donor sort or a helper that only calls one.
    static func donorSortType(_ name: String, in unit: TranslationUnit) -> DonorType? {
        func donorSort(_ g: String) -> DonorType? {
            for donor in DonorLibrary.donors where donor.job == "sort" {
                for type in DonorType.allCases where donor.functionName(for: type) == g { return type }
            }
            return nil
        }
        if let type = donorSort(name), unit.functions.contains(where: { $0.name == name && $0.body != nil }) { return type }
        guard let helper = unit.functions.first(where: { $0.name == name && $0.body != nil }), helper.parameters.count == 2,
              let inner = DonorGraft.graftedDonor(helper), let type = donorSort(inner),
              case .expression(.call(_, let args))? = helper.body?.items.first,
              args == helper.parameters.compactMap(\.name).map(Expression.identifier) else { return nil }
        return type
    }
}

/// Grafting the selection donor at a call of a helper with the shape of an in-place sort
/// (`InPlaceReordering`, `static void f(T *x, int k)`) whose result is then read only at a few
/// positions: the call becomes `evs_select_range_T(x, k, lo, hi)` under every precondition of
/// `sort-to-selection` on what follows. The shape does not prove the helper sorts, so this is a
/// graft, judged by the suite, the differential test and the benchmark; it makes in one edit the
/// gain `graft` then `sort-to-selection` make in two (the first of which alone may be too small a
/// gain to survive in the population).
struct GraftSelection: SiteOperator {
    let name = "graft-selection"
    let preservesSemantics = false
    private let rewrite = SortToSelection(sortedType: { name, unit in
        guard !name.hasPrefix(DonorLibrary.prefix), SortToSelection.donorSortType(name, in: unit) == nil,
              let f = unit.functions.first(where: { $0.name == name && $0.body != nil }), f.parameters.count == 2 else { return nil }
        var reordering = InPlaceReordering(unit)
        return reordering.elementType(of: name).flatMap(DonorType.init)
    })

    func isCandidate(_ node: SyntaxNode) -> Bool { rewrite.isCandidate(node) }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        do {
            return try rewrite.plans(at: site, in: analysis)
        } catch MutationError.preconditionFailed(_, let at, let reason) {
            throw refuse(at, reason)
        } catch MutationError.wrongSite(_, let at, let expected) {
            throw wrongSite(at, expected)
        }
    }
}

/// Where the pointers of a function point (a root parameter plus a linear offset) and which
/// integer variables have known lower bounds, from the statements before a site.
struct RegionFacts {
    struct Origin: Hashable {
        var root: String
        var offset: LinearForm
    }

    let function: FunctionDeclaration
    private(set) var origins: [String: Origin] = [:]
    /// Lower bounds of integer variables that keep one value after the statements examined.
    private(set) var lowerBounds: [String: Int] = [:]
    private let pointers: Set<String>

    init(function: FunctionDeclaration, before: [Statement], scratch: Set<String>) {
        self.function = function
        let body = Statement.compound(function.body ?? Block([]))
        var assignmentCounts: [String: Int] = [:]
        var pointerNames = Set(function.parameters.filter { $0.type.isPointer || !$0.type.arrayDimensions.isEmpty }.compactMap(\.name))
        body.forEachStatement { s in
            if case .declaration(let d) = s {
                for declarator in d.declarators {
                    if !declarator.pointers.isEmpty || !declarator.arrayDimensions.isEmpty { pointerNames.insert(declarator.name) }
                    if declarator.initializer != nil { assignmentCounts[declarator.name, default: 0] += 1 }
                }
            }
        }
        body.forEachExpression { top in
            top.forEachNode { e in
                switch e {
                case .assignment(_, .identifier(let v), _), .unary(.preIncrement, .identifier(let v)), .unary(.preDecrement, .identifier(let v)),
                     .postfix(_, .identifier(let v)), .unary(.addressOf, .identifier(let v)):
                    assignmentCounts[v, default: 0] += 2
                default: break
                }
            }
        }
        // A plain `v = e;` at the top level counts once (the `+= 2` above is for any other form).
        var definitions: [String: Expression] = [:]
        for s in before {
            switch s {
            case .expression(.assignment(.assign, .identifier(let v), let e)):
                assignmentCounts[v, default: 0] -= 1
                definitions[v] = e
            case .declaration(let d):
                for declarator in d.declarators { if case .expression(let e)? = declarator.initializer { definitions[declarator.name] = e } }
            default: break
            }
        }
        pointers = pointerNames
        let once = { (v: String) in (assignmentCounts[v] ?? 0) <= 1 }
        for p in function.parameters {
            guard let name = p.name, (assignmentCounts[name] ?? 0) == 0 else { continue }
            if pointerNames.contains(name) { origins[name] = Origin(root: name, offset: LinearForm()) }
        }
        // Early-return guards: `if (v < c || ...) return ...;` establishes v >= c for parameters never assigned.
        for s in before {
            guard case .ifStatement(let condition, let then, nil) = s, then.items.count == 1, case .returnStatement = then.items[0] else { continue }
            for (v, bound) in Self.guardedBounds(condition) where (assignmentCounts[v] ?? 0) == 0 && function.parameters.contains(where: { $0.name == v }) {
                lowerBounds[v] = max(lowerBounds[v] ?? Int.min, bound)
            }
        }
        for s in before {
            let assigned: (String, Expression)?
            switch s {
            case .expression(.assignment(.assign, .identifier(let v), let e)): assigned = (v, e)
            default: assigned = nil
            }
            guard let (v, e) = assigned, once(v), definitions[v] == e else { continue }
            if pointerNames.contains(v) {
                if let origin = Self.origin(of: e, origins) { origins[v] = origin }
            } else if let bound = Self.lowerBound(of: e, lowerBounds) {
                lowerBounds[v] = bound
            }
        }
    }

    /// Bounds from a guard condition: each disjunct `v < c`, `v <= c`, `c > v` or `c >= v`.
    private static func guardedBounds(_ condition: Expression) -> [(String, Int)] {
        switch condition {
        case .binary(.logicalOr, let l, let r):
            return guardedBounds(l) + guardedBounds(r)
        case .binary(.less, .identifier(let v), let c), .binary(.greater, let c, .identifier(let v)):
            guard let f = LinearForm(c), f.terms.isEmpty else { return [] }
            return [(v, f.constant)]
        case .binary(.lessEqual, .identifier(let v), let c), .binary(.greaterEqual, let c, .identifier(let v)):
            guard let f = LinearForm(c), f.terms.isEmpty else { return [] }
            return [(v, f.constant + 1)]
        default:
            return []
        }
    }

    /// The lower bound of a definition: sums and products of variables with non-negative bounds.
    private static func lowerBound(of e: Expression, _ bounds: [String: Int]) -> Int? {
        switch e {
        case .identifier(let v): return bounds[v]
        case .integerLiteral: return LinearForm(e)?.constant
        case .binary(.add, let l, let r):
            guard let a = lowerBound(of: l, bounds), let b = lowerBound(of: r, bounds), a >= 0, b >= 0 else { return nil }
            return a + b
        case .binary(.multiply, let l, let r):
            guard let a = lowerBound(of: l, bounds), let b = lowerBound(of: r, bounds), a >= 0, b >= 0 else { return nil }
            return a * b
        default: return nil
        }
    }

    /// `p`, `p + L`, `L + p` or `p - L` (nested) for a pointer `p` of known origin.
    private static func origin(of e: Expression, _ origins: [String: Origin]) -> Origin? {
        switch e {
        case .identifier(let p):
            return origins[p]
        case .binary(.add, let l, let r):
            if let base = origin(of: l, origins), let offset = LinearForm(r) { return Origin(root: base.root, offset: base.offset + offset) }
            if let base = origin(of: r, origins), let offset = LinearForm(l) { return Origin(root: base.root, offset: base.offset + offset) }
            return nil
        case .binary(.subtract, let l, let r):
            guard let base = origin(of: l, origins), let offset = LinearForm(r) else { return nil }
            return Origin(root: base.root, offset: base.offset - offset)
        default:
            return nil
        }
    }

    /// The linear form of `e` when every variable in it has a known lower bound.
    private func boundedForm(_ e: Expression) -> LinearForm? {
        guard let f = LinearForm(e), f.terms.keys.allSatisfy({ lowerBounds[$0] != nil }) else { return nil }
        return f
    }

    /// `[0, L)` bounds for an index: `(L - c) / d` with c >= 1, `L / d` with d >= 2, or `L - c` with
    /// c >= 1, for `L` provably >= 1; or a literal c (the length is c + 1).
    private func indexLength(_ index: Expression) -> LinearForm? {
        func atLeastOne(_ f: LinearForm) -> Bool { (f - LinearForm(constant: 1)).isNonNegative(lowerBounds: lowerBounds) }
        func literal(_ e: Expression) -> Int? { LinearForm(e).flatMap { $0.terms.isEmpty ? $0.constant : nil } }
        switch index {
        case .binary(.divide, .binary(.subtract, let l, let c), let d):
            guard let len = boundedForm(l), let c = literal(c), c >= 1, let d = literal(d), d >= 1, atLeastOne(len) else { return nil }
            return len
        case .binary(.divide, let l, let d):
            guard let len = boundedForm(l), let d = literal(d), d >= 2, atLeastOne(len) else { return nil }
            return len
        case .binary(.subtract, let l, let c):
            guard let len = boundedForm(l), let c = literal(c), c >= 1, atLeastOne(len) else { return nil }
            return len
        default:
            guard let c = literal(index), c >= 0 else { return nil }
            return LinearForm(constant: c + 1)
        }
    }

    /// Checks one expression after the sort; collects the positions of `sorted` it reads.
    /// Returns why the rewrite is refused, or nil.
    mutating func check(_ e: Expression, sorted x: String, origin: Origin, positions: inout [Expression], unit: TranslationUnit, depth: Int) -> String? {
        switch e {
        case .subscript(.identifier(let q), let index):
            if let why = check(index, sorted: x, origin: origin, positions: &positions, unit: unit, depth: depth) { return why }
            if q == x {
                positions.append(index)
                return nil
            }
            guard let o = origins[q] else { return pointers.contains(q) ? "\(q) is a pointer of unknown origin" : nil }
            if o.root != origin.root { return nil }
            let start = o.offset
            guard let length = indexLength(index), start.terms.keys.allSatisfy({ lowerBounds[$0] != nil }),
                  origin.offset.terms.keys.allSatisfy({ lowerBounds[$0] != nil }) else {
                return "a read of \(q) after the sort is not proved outside the sorted range"
            }
            // Before the sorted range: start + length <= origin.offset.
            if (origin.offset - start - length).isNonNegative(lowerBounds: lowerBounds) { return nil }
            return "a read of \(q) after the sort is not proved outside the sorted range"
        case .subscript:
            return "a memory read after the sort is not through a named pointer"
        case .assignment(_, let target, let value):
            if let why = check(value, sorted: x, origin: origin, positions: &positions, unit: unit, depth: depth) { return why }
            switch target {
            case .identifier(let v):
                return pointers.contains(v) ? "a pointer is assigned after the sort" : nil
            case .subscript(.identifier(let q), let index):
                guard let o = origins[q], o.root != origin.root, q != x else { return "memory that may hold the sorted values is written after the sort" }
                return check(index, sorted: x, origin: origin, positions: &positions, unit: unit, depth: depth)
            default:
                return "a store after the sort is not through a named pointer"
            }
        case .unary(.dereference, _), .unary(.addressOf, _):
            return "pointer dereference or address-of after the sort"
        case .identifier(let v):
            if v == x { return "\(x) is used after the sort other than as \(x)[p]" }
            if let o = origins[v], o.root == origin.root { return "\(v), a pointer into the sorted buffer, is used after the sort" }
            return nil
        case .call(let g, let arguments):
            guard depth < 4, let helper = unit.functions.first(where: { $0.name == g && $0.body != nil }), helper.storage == .static,
                  helper.parameters.count == arguments.count, let items = helper.body?.items, items.count == 1,
                  case .returnStatement(let result?) = items[0] else { return "\(g) is called after the sort" }
            let names = helper.parameters.compactMap(\.name)
            guard names.count == arguments.count else { return "\(g) has unnamed parameters" }
            for argument in arguments where EffectSummary(of: argument).hasSideEffects { return "an argument of \(g) has side effects" }
            let substitution = Dictionary(uniqueKeysWithValues: zip(names, arguments))
            let inlined = result.rewritten { node in node.identifierName.flatMap { substitution[$0] } }
            return check(inlined, sorted: x, origin: origin, positions: &positions, unit: unit, depth: depth + 1)
        default:
            for operand in e.operands {
                if let why = check(operand, sorted: x, origin: origin, positions: &positions, unit: unit, depth: depth) { return why }
            }
            return nil
        }
    }
}

extension SortToSelection: EditDescribing {
    /// "replace the sort `heap_sort(diff, nm);` at line 110 by a selection of the positions read
    /// after it (`evs_select_range_i64`)".
    func describe(_ site: DescriptionSite) -> EditDescription {
        let selector = Self.selector(site, sortedType)
        return EditDescription("replace the sort \(site.code(site.site)) \(site.at(site.site)) by a selection of the positions read after it\(selector.map { " (`\($0)`)" } ?? "")",
                               lines: site.lines(site.site))
    }

    /// The name of the selection donor for the element type the call at the site sorts.
    static func selector(_ site: DescriptionSite, _ sortedType: (String, TranslationUnit) -> DonorType?) -> String? {
        guard case .expression(.call(let sort, _))? = site.analysis.statement(at: site.site),
              let type = sortedType(sort, site.unit),
              let select = DonorLibrary.donors.first(where: { $0.job == "select_range" }) else { return nil }
        return select.functionName(for: type)
    }
}

extension GraftSelection: EditDescribing {
    /// "graft the selection donor `evs_select_range_i64` in place of the sort `sort_int(d, nm);` at line 110".
    func describe(_ site: DescriptionSite) -> EditDescription {
        let selector = SortToSelection.selector(site, rewrite.sortedType) ?? "evs_select_range"
        return EditDescription("graft the selection donor `\(selector)` in place of the sort \(site.code(site.site)) \(site.at(site.site))",
                               lines: site.lines(site.site))
    }
}
