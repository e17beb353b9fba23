import KernelTestSupport
import Testing
@testable import KernelSyntax

@Suite struct LexerTests {
    @Test func tokensLocationsAndDroppedComments() throws {
        let tokens = try CLexer.tokenize("int x/* c */= 0x1F; // tail\n  x <<= 2;", fileName: "t.c")
        #expect(tokens.map(\.kind) == [
            .keyword(.int), .identifier("x"), .punctuator(.assign), .integerLiteral("0x1F"), .punctuator(.semicolon),
            .identifier("x"), .punctuator(.shiftLeftAssign), .integerLiteral("2"), .punctuator(.semicolon), .endOfFile,
        ])
        #expect(tokens[2].location == SourceLocation(file: "t.c", line: 1, column: 13))
        #expect(tokens[5].location.description == "t.c:2:3")
    }

    @Test func maximalMunch() throws {
        let kinds = try CLexer.tokenize("a+++b->c...d>>=e&&f").map(\.kind)
        #expect(kinds.contains(.punctuator(.plusPlus)) && kinds.contains(.punctuator(.plus)))
        #expect(kinds.contains(.punctuator(.arrow)) && kinds.contains(.punctuator(.ellipsis)))
        #expect(kinds.contains(.punctuator(.shiftRightAssign)) && kinds.contains(.punctuator(.ampAmp)))
    }

    @Test(arguments: ["1u", "1U", "1l", "1L", "1ll", "1LL", "1ul", "1lu", "1ULL", "1LLU", "1uLL", "1llU", "0x10ull", "0"])
    func validIntegerSuffixes(spelling: String) throws {
        #expect(try CLexer.tokenize(spelling).first?.kind == .integerLiteral(spelling))
    }

    @Test(arguments: ["1lL", "1Ll", "1uu", "1lul", "1lll", "1q", "0x1g", "09", "1.0u", "1.0ff", "0x1.0"])
    func invalidNumbers(spelling: String) {
        #expect(throws: SyntaxError.self) { try CLexer.tokenize(spelling) }
    }

    @Test func preprocessorOnlyAtLineStart() throws {
        #expect(throws: SyntaxError.preprocessorDirective(SourceLocation(file: "kernel.c", line: 2, column: 5), directive: "#pragma")) {
            try CLexer.tokenize("int x;\n    # pragma once")
        }
        // '#' mid-line is a punctuator token (refused later by the parser).
        #expect(try CLexer.tokenize("a # b").map(\.kind).contains(.punctuator(.hash)))
    }
}
