import KernelSyntax

/// One kind of dead code the clean-up removes (see `KernelCleanup.rules` for the order).
///
/// A rule must leave the behaviour of the entry function and of every function with external
/// linkage unchanged, never touch a function's signature, and make the unit strictly smaller
/// with every step it reports, so that running the rules until none reports a step terminates.
protocol CleanupRule: Sendable {
    /// The unit with everything this rule finds removed (as far as one call gets), and a step per
    /// removal; no steps when nothing applies.
    func clean(_ unit: TranslationUnit, entry: String) -> CleanupResult
}

extension CleanupRule {
    /// The contexts of the function definitions whose bodies a rule may rewrite: those whose
    /// accesses the effect summaries model, i.e. without `volatile` anywhere (in the function, or
    /// in a file-scope typedef or table it could reach; reading a volatile object is an effect).
    func rewritableFunctions(in analysis: UnitAnalysis) -> [FunctionContext] {
        let unit = analysis.unit
        guard !Self.declaresVolatile(unit) else { return [] }
        return unit.declarations.indices.compactMap { index in
            guard let context = analysis.context(at: NodePath([index])), !context.usesVolatile else { return nil }
            return context
        }
    }

    /// True if a file-scope typedef or table of `unit` is `volatile` at some level.
    private static func declaresVolatile(_ unit: TranslationUnit) -> Bool {
        func isVolatile(_ qualifiers: TypeQualifiers, _ pointers: [TypeQualifiers]) -> Bool {
            qualifiers.contains(.volatile) || pointers.contains { $0.contains(.volatile) }
        }
        return unit.declarations.contains { declaration in
            switch declaration {
            case .typedef(let t): return isVolatile(t.type.qualifiers, t.type.pointers)
            case .constantTable(let d): return isVolatile(d.qualifiers, d.declarators.flatMap(\.pointers))
            case .function: return false
            }
        }
    }
}
