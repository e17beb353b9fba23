/// What an edit did, for a person: one line naming the code it touched and where.
public struct EditDescription: Sendable, Hashable, CustomStringConvertible {
    /// The sentence, e.g. "unroll `for (j = 0; j < m; j++)` at line 52 by 8".
    public var text: String
    /// The lines of the parent's printed source the edit rewrote (1-based), when it applied to a node there.
    public var lines: ClosedRange<Int>?

    /// Creates a description.
    public init(_ text: String, lines: ClosedRange<Int>?) {
        self.text = text
        self.lines = lines
    }

    /// The sentence.
    public var description: String { text }
}
