/// A unit's printed source together with the lines on which its nodes were printed.
///
/// Lines are numbered from 1, as in `CPrinter.print(_:)`'s output (the normalized source a run
/// stores). Statements, local declarations and top-level declarations have spans of their own,
/// and so do the clauses of a control statement's header (one line: the header's, or for a
/// `do … while` condition the loop's last); every other node lies within the span of its nearest
/// ancestor with one.
public struct PrintedUnit: Sendable, Equatable {
    /// The printed source, identical to `CPrinter.print(_:)`.
    public let source: String
    /// First and last line of each statement, top-level declaration and header clause, by path.
    public let spans: [NodePath: ClosedRange<Int>]

    /// Creates a printed unit from its text and spans.
    public init(source: String, spans: [NodePath: ClosedRange<Int>]) {
        self.source = source
        self.spans = spans
    }

    /// The lines of the node at `path`: its own span, or that of its nearest ancestor with one.
    public func lines(of path: NodePath) -> ClosedRange<Int>? {
        var current: NodePath? = path
        while let p = current, !p.indices.isEmpty {
            if let span = spans[p] { return span }
            current = p.parent
        }
        return nil
    }

    /// The first line of the node at `path`.
    public func line(of path: NodePath) -> Int? { lines(of: path)?.lowerBound }

    /// The text of line `number` (1-based), without its newline.
    public func text(ofLine number: Int) -> String? {
        let all = source.split(separator: "\n", omittingEmptySubsequences: false)
        return all.indices.contains(number - 1) ? String(all[number - 1]) : nil
    }
}
