import KernelTestSupport
import Foundation
import KernelSyntax
import Testing
@testable import KernelMutation

/// Shorthands used by the operator tests.
enum T {
    /// Parses C source.
    static func parse(_ source: String) throws -> TranslationUnit { try CParser.parse(source) }

    /// The registered operator `name` (fails the test if missing).
    static func op(_ name: String) throws -> any MutationOperator {
        try #require(MutationRegistry.named(name), "operator \(name) is not registered")
    }

    /// The proposals of operator `name` on `source`.
    static func proposals(_ name: String, _ source: String) throws -> [Edit] {
        try op(name).proposals(in: parse(source))
    }

    /// Applies the first proposal of `name` on `source` that satisfies `filter`; returns the printed result.
    static func apply(_ name: String, _ source: String, where filter: (Edit) -> Bool = { _ in true }) throws -> String {
        let unit = try parse(source)
        let edit = try #require(try op(name).proposals(in: unit).first(where: filter), "no matching \(name) proposal")
        return CPrinter.print(try op(name).apply(edit, to: unit))
    }

    /// True if the node at `site` prints as `text`: an expression exactly, a statement by its
    /// first line (e.g. `for (i = 0; i < n; i++) {` or `s = n * 2;`).
    static func node(at site: NodePath, in unit: TranslationUnit, is text: String) -> Bool {
        switch unit.node(at: site) {
        case .expression(let e)?: return CPrinter.print(e) == text
        case .statement(let s)?: return CPrinter.print(s).split(separator: "\n").first.map(String.init) == text
        default: return false
        }
    }

    /// The proposals of `name` on `source` whose site prints as `text` (see `node(at:in:is:)`).
    static func proposals(_ name: String, _ source: String, at text: String) throws -> [Edit] {
        let unit = try parse(source)
        return try op(name).proposals(in: unit).filter { node(at: $0.site, in: unit, is: text) }
    }

    /// Applies the proposal of `name` at the site printing as `text` (with `params`, if given).
    static func apply(_ name: String, _ source: String, at text: String, params: [String: Int]? = nil) throws -> String {
        let unit = try parse(source)
        return try apply(name, source) { node(at: $0.site, in: unit, is: text) && (params == nil || $0.params == params!) }
    }

    /// Compares printed C with an expected text, ignoring only surrounding blank lines.
    static func same(_ actual: String, _ expected: String) -> Bool {
        actual.trimmingCharacters(in: .newlines) == expected.trimmingCharacters(in: .newlines)
    }

    /// The names of the semantics-preserving operators.
    static var preservingNames: [String] {
        MutationRegistry.operators.filter(\.preservesSemantics).map(\.name)
    }
}


/// The C expression type (Foundation also declares an `Expression`).
typealias Expr = KernelSyntax.Expression
