/// A position in a source file: 1-based line and column (columns count Unicode scalars).
///
/// Locations are carried by tokens and errors only; AST nodes never store them,
/// so two trees parsed from differently formatted sources compare equal.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The file name given to the parser (used only for messages).
    public var file: String
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column number.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:col`, the prefix used by every diagnostic.
    public var description: String { "\(file):\(line):\(column)" }
}
