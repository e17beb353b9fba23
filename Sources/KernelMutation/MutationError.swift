import Foundation
import KernelSyntax

/// Why an edit could not be applied.
public enum MutationError: LocalizedError, Hashable, Sendable {
    /// The edit names an operator that the registry does not know.
    case unknownOperator(String)
    /// The edit was handed to an operator with a different name.
    case operatorMismatch(expected: String, found: String)
    /// No node exists at the edit's site.
    case noNode(op: String, site: NodePath)
    /// The node at the site is not the kind of node the operator rewrites.
    case wrongSite(op: String, site: NodePath, expected: String)
    /// The site has the right shape but a legality precondition does not hold.
    case preconditionFailed(op: String, site: NodePath, reason: String)
    /// The parameters are not among those the operator offers at this site.
    case invalidParameters(op: String, site: NodePath, params: [String: Int])
    /// Building the rewritten tree failed (a path inside the unit did not resolve).
    case rewriteFailed(op: String, site: NodePath, reason: String)
    /// Replaying an edit list stopped at the edit with this index.
    case replayFailed(index: Int, edit: Edit, reason: String)

    /// A readable explanation.
    public var errorDescription: String? {
        switch self {
        case .unknownOperator(let name):
            return "unknown mutation operator '\(name)'"
        case .operatorMismatch(let expected, let found):
            return "operator '\(expected)' cannot apply an edit of operator '\(found)'"
        case .noNode(let op, let site):
            return "\(op): no node at \(site)"
        case .wrongSite(let op, let site, let expected):
            return "\(op): the node at \(site) is not \(expected)"
        case .preconditionFailed(let op, let site, let reason):
            return "\(op) at \(site): \(reason)"
        case .invalidParameters(let op, let site, let params):
            let list = params.keys.sorted().map { "\($0)=\(params[$0]!)" }.joined(separator: ", ")
            return "\(op) at \(site): parameters [\(list)] are not offered there"
        case .rewriteFailed(let op, let site, let reason):
            return "\(op) at \(site): rewrite failed: \(reason)"
        case .replayFailed(let index, let edit, let reason):
            return "replaying edit #\(index) (\(edit)) failed: \(reason)"
        }
    }
}
