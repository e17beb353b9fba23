import KernelSyntax

/// One recorded edit: which operator, where, with what parameters.
///
/// An edit is meaningful only relative to the unit it is applied to: `site` addresses a node of
/// that unit (after all earlier edits of a candidate's list). Replaying the same edits on the
/// same base unit always gives the same result, because operators are deterministic.
public struct Edit: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The stable name of the operator that makes the edit (e.g. `"loop-unroll"`).
    public var op: String
    /// The node the operator rewrites (its meaning depends on the operator).
    public var site: NodePath
    /// Operator-specific parameters drawn from small fixed sets; empty when there are none.
    public var params: [String: Int]

    /// Creates an edit.
    public init(op: String, site: NodePath, params: [String: Int] = [:]) {
        self.op = op
        self.site = site
        self.params = params
    }

    /// `loop-unroll@/2/0/5{factor=4}`, with parameters in key order.
    public var description: String {
        let list = params.keys.sorted().map { "\($0)=\(params[$0]!)" }.joined(separator: ",")
        return "\(op)@\(site)" + (list.isEmpty ? "" : "{\(list)}")
    }
}
