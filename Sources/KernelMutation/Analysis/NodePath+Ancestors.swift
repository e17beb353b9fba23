import KernelSyntax

/// Navigation from a node to its ancestors.
extension NodePath {
    /// All proper ancestors, nearest first (excluding the root).
    var ancestors: [NodePath] {
        var result: [NodePath] = []
        var current = self
        while let parent = current.parent, !parent.indices.isEmpty {
            result.append(parent)
            current = parent
        }
        return result
    }
}
