import Foundation

/// The address of a node in a `TranslationUnit`: child indices from the list of top-level
/// declarations down.
///
/// The first index selects `unit.declarations[i]`. Below that, indices follow the child
/// numbering documented on `SyntaxNode.children` — fixed slots for fixed-shape nodes (e.g. a
/// `for` has slots 0 init, 1 condition, 2 step, 3 body, absent clauses simply have no node)
/// and positions for lists (block items, call arguments, declarators). A path stays valid
/// as long as the nodes above it keep their shape. Encodes as a plain JSON array of integers.
public struct NodePath: Hashable, Sendable, Codable, Comparable, CustomStringConvertible,
    ExpressibleByArrayLiteral
{
    /// The child indices, outermost first.
    public var indices: [Int]

    /// Creates a path from child indices.
    public init(_ indices: [Int]) { self.indices = indices }

    /// Creates a path from an array literal, e.g. `[0, 0, 3]`.
    public init(arrayLiteral elements: Int...) { self.indices = elements }

    /// The path of the translation unit itself (no indices).
    public static let root = NodePath([])

    /// The path of child `index` of this node.
    public func appending(_ index: Int) -> NodePath { NodePath(indices + [index]) }

    /// The path of the parent node, or `nil` for the root.
    public var parent: NodePath? { indices.isEmpty ? nil : NodePath(Array(indices.dropLast())) }

    /// True if `self` is `other` or lies below it.
    public func isDescendant(of other: NodePath) -> Bool { indices.starts(with: other.indices) }

    /// Lexicographic order, which is pre-order (document) order.
    public static func < (lhs: NodePath, rhs: NodePath) -> Bool {
        lhs.indices.lexicographicallyPrecedes(rhs.indices)
    }

    /// `/0/2/1`, or `/` for the root.
    public var description: String {
        indices.isEmpty ? "/" : indices.map { "/\($0)" }.joined()
    }

    /// Decodes a path from a plain array of integers.
    public init(from decoder: Decoder) throws {
        indices = try decoder.singleValueContainer().decode([Int].self)
    }

    /// Encodes the path as a plain array of integers.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(indices)
    }
}

/// Why a path-based lookup or replacement failed.
public enum NodePathError: LocalizedError, Hashable, Sendable {
    /// No node exists at the path.
    case noNode(NodePath)
    /// The replacement's kind does not fit the slot (e.g. a statement where an expression goes).
    case kindMismatch(NodePath, expected: String, found: String)

    /// A readable explanation.
    public var errorDescription: String? {
        switch self {
        case .noNode(let path): return "no node at path \(path)"
        case .kindMismatch(let path, let expected, let found):
            return "cannot put \(found) at path \(path): the slot holds \(expected)"
        }
    }
}

/// A node together with its address.
public struct NodeEntry<Node: Hashable & Sendable>: Hashable, Sendable {
    /// Where the node is.
    public var path: NodePath
    /// The node.
    public var node: Node

    /// Creates an entry.
    public init(path: NodePath, node: Node) {
        self.path = path
        self.node = node
    }
}
