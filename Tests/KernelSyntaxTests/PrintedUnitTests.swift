import KernelTestSupport
import Testing
@testable import KernelSyntax

/// The printer's line table: the same text as `CPrinter.print`, and every statement where it is printed.
@Suite struct PrintedUnitTests {
    @Test(arguments: Corpus.all)
    func theTextIsThePrintersAndEveryStatementHasItsLines(_ kernel: Kernel) throws {
        let unit = try CParser.parse(kernel.source)
        let printed = CPrinter.printWithLines(unit)
        #expect(printed.source == CPrinter.print(unit))
        for entry in unit.allStatements() {
            let lines = try #require(printed.lines(of: entry.path), "\(entry.path)")
            let own = CPrinter.print(entry.node).split(separator: "\n").map { $0.trimmingPrefix(while: { $0 == " " }) }
            let actual = try #require(printed.text(ofLine: lines.lowerBound)).trimmingPrefix(while: { $0 == " " })
            let parent = entry.path.parent.flatMap { unit.node(at: $0) }
            if case .statement(.forLoop)? = parent, entry.path.indices.last == 0 {
                // A `for` declaration is printed in the loop's header.
                #expect(lines.count == 1 && actual.hasPrefix("for (" + own[0].dropLast()), "\(entry.path): \(actual)")
            } else if case .block? = parent, entry.path.indices.last == 0, isElseIf(entry.path, in: unit) {
                #expect(actual == "} else " + own[0], "\(entry.path): \(actual)")
                #expect(lines.count == own.count, "\(entry.path)")
            } else {
                #expect(actual == own[0], "\(entry.path): \(actual)")
                #expect(lines.count == own.count, "\(entry.path): \(lines)")
            }
        }
    }

    /// True for the one `if` of an else block, which the printer chains as `} else if`.
    private func isElseIf(_ path: NodePath, in unit: TranslationUnit) -> Bool {
        guard let block = path.parent, block.indices.last == 2, let owner = block.parent,
              case .statement(.ifStatement(_, _, let otherwise?))? = unit.node(at: owner),
              otherwise.items.count == 1, case .ifStatement = otherwise.items[0] else { return false }
        return true
    }

    @Test func expressionsLieOnTheLineTheyArePrintedOn() throws {
        let unit = try CParser.parse("""
            int f(int n) {
                int s = 0;
                do {
                    s += n;
                } while (s < 100);
                while (s > n) {
                    s--;
                }
                return s;
            }
            """)
        let printed = CPrinter.printWithLines(unit)
        #expect(printed.lines(of: [0]) == 1...10)
        #expect(printed.lines(of: [0, 0, 1]) == 3...5)
        #expect(printed.lines(of: [0, 0, 1, 0, 0, 0, 1]) == 4...4, "the right operand of `s += n`")
        #expect(printed.lines(of: [0, 0, 1, 1, 1]) == 5...5, "`100` in the do condition")
        #expect(printed.lines(of: [0, 0, 2]) == 6...8)
        #expect(printed.lines(of: [0, 0, 2, 0, 1]) == 6...6, "`n` in the while condition")
        #expect(printed.lines(of: [0, 0, 2, 1]) == 6...8, "the body lies within its loop")
        #expect(printed.line(of: [0, 0, 3, 0]) == 9)
    }
}
