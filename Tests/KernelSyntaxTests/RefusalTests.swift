import KernelTestSupport
import Testing
@testable import KernelSyntax

/// One source that must be rejected, where, and a phrase the message must contain.
struct Rejection: Sendable, CustomStringConvertible {
    var source: String
    var position: String  // "line:col"
    var phrase: String
    var description: String { "\(phrase) @ \(position)" }
}

@Suite struct RefusalTests {
    static let refusedConstructs: [Rejection] = [
        Rejection(source: "#include <stdio.h>\nint f(void) { return 0; }", position: "1:1", phrase: "#include"),
        Rejection(source: "int f(void) { return 0; }\n  #define N 4", position: "2:3", phrase: "#define"),
        Rejection(source: "int f(void) {\n    goto out;\n}", position: "2:5", phrase: "'goto'"),
        Rejection(source: "int f(int x) {\nagain:\n    return x;\n}", position: "2:1", phrase: "label 'again'"),
        Rejection(source: "struct point { int x; };", position: "1:1", phrase: "'struct'"),
        Rejection(source: "union u { int a; };", position: "1:1", phrase: "'union'"),
        Rejection(source: "enum color { RED };", position: "1:1", phrase: "'enum'"),
        Rejection(source: "int f(int x) __attribute__((pure));", position: "1:14", phrase: "__attribute__"),
        Rejection(source: "int f(void) { asm(\"nop\"); return 0; }", position: "1:15", phrase: "inline assembly"),
        Rejection(source: "int f(int x) { return ({ int y = x; y; }); }", position: "1:23", phrase: "statement expression"),
        Rejection(source: "int f(int x) { typeof(x) y = x; return y; }", position: "1:16", phrase: "typeof"),
        Rejection(source: "int f(void) { __extension__ int x = 0; return x; }", position: "1:15", phrase: "__extension__"),
        Rejection(source: "int f(a, b)\nint a; int b;\n{ return a + b; }", position: "1:7", phrase: "K&R"),
        Rejection(source: "int f(int n, ...);", position: "1:14", phrase: "variadic"),
        Rejection(source: "int apply(int (*op)(int), int x) { return op(x); }", position: "1:15", phrase: "function pointer"),
        Rejection(source: "int f(void) { int (*g)(void) = 0; return 0; }", position: "1:19", phrase: "function pointer"),
        Rejection(source: "int f(int *p) { return (*p)(1); }", position: "1:28", phrase: "function pointer"),
        Rejection(source: "int counter;", position: "1:5", phrase: "file-scope variable 'counter'"),
        Rejection(source: "static int calls = 0;", position: "1:12", phrase: "file-scope variable 'calls'"),
        Rejection(source: "static const int *table = 0;", position: "1:19", phrase: "file-scope variable 'table'"),
        Rejection(source: "static const int limit;", position: "1:18", phrase: "file-scope variable 'limit'"),
        Rejection(source: "int f(void) { static int n = 0; return n++; }", position: "1:26", phrase: "static local variable 'n'"),
        Rejection(source: "int f(int *p) { return p->x; }", position: "1:25", phrase: "member access '->'"),
        Rejection(source: "int f(void) { int a[2] = {[0] = 1}; return a[0]; }", position: "1:27", phrase: "designated initializer"),
        Rejection(source: "int f(void) { return (int[]){1, 2}[0]; }", position: "1:29", phrase: "compound literal"),
        Rejection(source: "int f(void) { typedef int T; return 0; }", position: "1:15", phrase: "local typedef"),
        Rejection(source: "int f(void) { int g(int); return 0; }", position: "1:20", phrase: "function declaration"),
        Rejection(source: "f(void) { return 0; }", position: "1:1", phrase: "without a return type"),
        Rejection(source: "int f(int x) { register int y = x; return y; }", position: "1:16", phrase: "'register'"),
        Rejection(source: "_Static_assert(1, \"x\");", position: "1:1", phrase: "'_Static_assert'"),
        Rejection(source: "int f(int x) { switch (x) { case 1 ... 3: return 1; } return 0; }", position: "1:36", phrase: "GNU case range"),
        Rejection(source: "typedef int (*fn)(int);", position: "1:13", phrase: "function pointer"),
        Rejection(source: "int f(void) { extern int g; return g; }", position: "1:15", phrase: "'extern' variable"),
    ]

    static let malformedInputs: [Rejection] = [
        Rejection(source: "int f(void) { /* unterminated", position: "1:15", phrase: "unterminated /* comment"),
        Rejection(source: "int f(void) {\n    return 0;\n", position: "1:13", phrase: "unbalanced '{'"),
        Rejection(source: "int f(void) { if (1) { return 0; }", position: "1:13", phrase: "unbalanced '{'"),
        Rejection(source: "int f(void) { return 0; }\n}", position: "2:1", phrase: "unbalanced '}'"),
        Rejection(source: "int f(int x) { return (x + 1; }", position: "1:29", phrase: "expected ')'"),
        Rejection(source: "int f(int x) { return f(x", position: "1:24", phrase: "unbalanced '('"),
        Rejection(source: "int f(void) { return 1 @ 2; }", position: "1:24", phrase: "invalid character '@'"),
        Rejection(source: "int f(void) { return $x; }", position: "1:22", phrase: "invalid character '$'"),
        Rejection(source: "int f(void) { return 1 \\\n + 2; }", position: "1:24", phrase: "invalid character '\\'"),
        Rejection(source: "int f(void) { return 08; }", position: "1:22", phrase: "octal"),
        Rejection(source: "int f(void) { return 1.2.3; }", position: "1:22", phrase: "'1.2.3'"),
        Rejection(source: "int f(void) { return 0x; }", position: "1:22", phrase: "'0x'"),
        Rejection(source: "int f(void) { return 1e; }", position: "1:22", phrase: "exponent"),
        Rejection(source: "int f(void) { return 12abc; }", position: "1:22", phrase: "suffix 'abc'"),
        Rejection(source: "int f(void) { return 1f; }", position: "1:22", phrase: "suffix 'f'"),
        Rejection(source: "int f(void) { return 1lL; }", position: "1:22", phrase: "suffix 'lL'"),
        Rejection(source: "int f(void) { return '\\q'; }", position: "1:22", phrase: "unknown escape"),
        Rejection(source: "int f(void) { return ''; }", position: "1:22", phrase: "empty character constant"),
        Rejection(source: "int f(void) { return 'ab'; }", position: "1:22", phrase: "multi-character"),
        Rejection(source: "int f(void) { return \"abc; }", position: "1:22", phrase: "unterminated string"),
        Rejection(source: "int f(void) { return 0 }", position: "1:24", phrase: "expected ';'"),
        Rejection(source: "int f(void) { int x = ; return x; }", position: "1:23", phrase: "expected an expression"),
        Rejection(source: "int f(int x) { 1 = x; return x; }", position: "1:16", phrase: "not assignable"),
        Rejection(source: "int f(int x) { x++ ++; return x; }", position: "1:20", phrase: "not assignable"),
        Rejection(source: "int f(int x) { else return x; }", position: "1:16", phrase: "'else' without"),
        Rejection(source: "int f(void)", position: "1:12", phrase: "end of input"),
        Rejection(source: "int f(void) { void v; return 0; }", position: "1:20", phrase: "declared 'void'"),
        Rejection(source: "unsigned double f(void);", position: "1:1", phrase: "invalid type specifiers"),
        Rejection(source: "int f(void) { int a[2] = {}; return 0; }", position: "1:27", phrase: "empty initializer"),
        Rejection(source: "typedef int T; int f(int T) { return T; }", position: "1:26", phrase: "already a typedef"),
        Rejection(source: "int f(int x) { case 1: int y = x; return y; }", position: "1:24", phrase: "case label"),
    ]

    @Test(arguments: refusedConstructs + malformedInputs)
    func rejectedWithLocationAndReason(rejection: Rejection) {
        do {
            let unit = try CParser.parse(rejection.source)
            Issue.record("accepted: \(rejection.source)\n\(CPrinter.print(unit))")
        } catch let error as SyntaxError {
            let message = error.errorDescription ?? ""
            #expect(message.hasPrefix("kernel.c:\(rejection.position): "), "\(message)")
            #expect(message.contains(rejection.phrase), "\(message)")
            #expect("\(error.location.line):\(error.location.column)" == rejection.position)
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
    }

    @Test func fileNameAppearsInMessages() {
        #expect {
            try CParser.parse("int x;", fileName: "evolved/candidate_17.c")
        } throws: { error in
            (error as? SyntaxError)?.errorDescription?.hasPrefix("evolved/candidate_17.c:1:5: ") == true
        }
    }

    @Test func acceptedEdgeCases() throws {
        // Things close to refused constructs that are inside the subset.
        #expect(try CParser.parse("").declarations.isEmpty)
        #expect(try CParser.parse("// only a comment\n/* and another */").declarations.isEmpty)
        #expect(try CParser.parse("static const int k[] = {1, 2,}, z = 0;").declarations.count == 1)
        #expect(try CParser.parse("int f(void) { static const double w[2] = {0.5, 0.25}; return (int)w[0]; }").functions.count == 1)
        #expect(try CParser.parse("int f(int x) { return x ? x : -x; }").functions.count == 1)
        #expect(try CParser.parse("int f(int x) { int n = __builtin_popcount(x); return n; }").functions.count == 1)
    }
}
