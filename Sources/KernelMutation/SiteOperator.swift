import KernelSyntax

/// One way an operator can rewrite one site: its parameters and the deferred rewrite.
struct Plan {
    /// The parameters recorded in the edit.
    var params: [String: Int]
    /// Builds the rewritten unit.
    var build: () throws -> TranslationUnit

    init(_ params: [String: Int] = [:], build: @escaping () throws -> TranslationUnit) {
        self.params = params
        self.build = build
    }
}

/// An operator defined by what it can do at one node. Proposals and application share the same
/// analysis (`plans`), so `apply` accepts exactly the edits `proposals` would list for the unit.
protocol SiteOperator: MutationOperator {
    /// A cheap shape test: false for nodes the operator never rewrites (proposals skip them
    /// without running `plans`, whose refusals are thrown errors).
    func isCandidate(_ node: SyntaxNode) -> Bool
    /// Every rewrite possible at `site`; throws a `MutationError` explaining why there is none.
    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan]
}

extension SiteOperator {
    /// Every edit, sites in pre-order (document order), each site's plans in their listed order.
    func proposals(in unit: TranslationUnit) -> [Edit] { proposals(using: UnitAnalysis(unit)) }

    /// Every edit, with the harness's facts about the kernel.
    func proposals(in unit: TranslationUnit, facts: KernelFacts) -> [Edit] { proposals(using: UnitAnalysis(unit, facts: facts)) }

    /// The proposals, sharing analyses already computed for the unit.
    func proposals(using analysis: UnitAnalysis) -> [Edit] {
        var edits: [Edit] = []
        for entry in analysis.entries where isCandidate(entry.node) {
            guard let plans = try? plans(at: entry.path, in: analysis) else { continue }
            edits += plans.map { Edit(op: name, site: entry.path, params: $0.params) }
        }
        return edits
    }

    /// Re-runs the site analysis on `unit` and performs the plan whose parameters match.
    func apply(_ edit: Edit, to unit: TranslationUnit) throws -> TranslationUnit { try apply(edit, to: unit, facts: .none) }

    /// Re-runs the site analysis on `unit`, with the harness's facts, and performs the matching plan.
    func apply(_ edit: Edit, to unit: TranslationUnit, facts: KernelFacts) throws -> TranslationUnit {
        guard edit.op == name else { throw MutationError.operatorMismatch(expected: name, found: edit.op) }
        guard unit.node(at: edit.site) != nil else { throw MutationError.noNode(op: name, site: edit.site) }
        let candidates = try plans(at: edit.site, in: UnitAnalysis(unit, facts: facts))
        guard let plan = candidates.first(where: { $0.params == edit.params }) else {
            throw MutationError.invalidParameters(op: name, site: edit.site, params: edit.params)
        }
        do {
            return try plan.build()
        } catch let error as MutationError {
            throw error
        } catch {
            throw MutationError.rewriteFailed(op: name, site: edit.site, reason: "\(error)")
        }
    }

    /// The error for a site whose node is not what this operator rewrites.
    func wrongSite(_ site: NodePath, _ expected: String) -> MutationError {
        .wrongSite(op: name, site: site, expected: expected)
    }

    /// The error for a failed legality precondition.
    func refuse(_ site: NodePath, _ reason: String) -> MutationError {
        .preconditionFailed(op: name, site: site, reason: reason)
    }

    /// Throws `refuse(site, reason)` unless `condition` holds.
    func require(_ condition: Bool, _ site: NodePath, _ reason: @autoclosure () -> String) throws {
        if !condition { throw refuse(site, reason()) }
    }

    /// The analysis context of the function containing `site`; refuses functions with `volatile`
    /// objects, whose accesses the effect summaries do not model.
    func context(_ site: NodePath, _ analysis: UnitAnalysis) throws -> FunctionContext {
        guard let context = analysis.context(at: site) else {
            throw wrongSite(site, "inside a function definition")
        }
        try require(!context.usesVolatile, site, "the function uses volatile objects")
        return context
    }

    /// The context of the function containing `site`, including functions with `volatile`
    /// objects (for operators that do not claim to preserve behaviour).
    func anyContext(_ site: NodePath, _ analysis: UnitAnalysis) throws -> FunctionContext {
        guard let context = analysis.context(at: site) else {
            throw wrongSite(site, "inside a function definition")
        }
        return context
    }

    /// The statement at `site`, or a `wrongSite` error.
    func statement(at site: NodePath, in analysis: UnitAnalysis) throws -> Statement {
        guard let statement = analysis.statement(at: site) else { throw wrongSite(site, "a statement") }
        return statement
    }

    /// The expression at `site`, or a `wrongSite` error.
    func expression(at site: NodePath, in analysis: UnitAnalysis) throws -> Expression {
        guard let expression = analysis.expression(at: site) else { throw wrongSite(site, "an expression") }
        return expression
    }

    /// The block context of the statement at `site` (optionally refusing switch bodies).
    func blockSite(_ site: NodePath, _ analysis: UnitAnalysis, allowSwitchBody: Bool = false) throws -> BlockSite {
        guard let blockSite = analysis.blockSite(at: site) else {
            throw wrongSite(site, "a statement directly inside a block")
        }
        try require(allowSwitchBody || !blockSite.isSwitchBody, site, "statements of a switch body are not moved")
        return blockSite
    }
}
