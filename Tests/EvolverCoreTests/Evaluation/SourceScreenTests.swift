import Testing
@testable import EvolverCore

/// The lexical screen that runs before any compiler sees a kernel.
struct SourceScreenTests {
    let evaluator: KernelEvaluator

    init() throws {
        evaluator = try Fixtures.evaluator(try Fixtures.score())
    }

    @Test(arguments: [
        "#define N 4\nint f(void) { return N; }",
        "#if 1\nint f(void) { return 0; }\n#endif",
        "// #include <stdio.h>\nint f(void) { return 0; }",
        "/* #pragma once */ int f(void) { return 0; }",
        "const char *s = \"#include <x>\";",
        "int f(int x) { return x % 2; }",
    ])
    func acceptsSelfContainedSource(_ source: String) {
        #expect(evaluator.screen(source) == nil)
    }

    @Test(arguments: [
        ("#include <stdio.h>", "#include"),
        ("  #  include \"/etc/passwd\"", "#include"),
        ("#inc\\\nlude </dev/zero>", "#include"),
        ("#include_next <x.h>", "#include_next"),
        ("#pragma comment(lib, \"c\")", "#pragma"),
        ("#line 1 \"/etc/shadow\"", "#line"),
        ("#import <x>", "#import"),
        ("_Pragma(\"once\") int x;", "_Pragma"),
        ("%:include <x>", "digraph"),
        ("??=include <x>", "trigraph"),
        ("const char *t = __TIME__;", "__TIME__"),
        ("int x = __has_include(<stdio.h>);", "__has_include"),
        ("int x; /* unterminated", "unterminated comment"),
        ("", "empty"),
    ])
    func rejectsWhatReachesOutside(_ source: String, _ reason: String) {
        let verdict = evaluator.screen(source)
        #expect(verdict != nil)
        #expect(verdict?.contains(reason) == true, "\(verdict ?? "nil")")
    }

    @Test func rejectsOversizedSourceAndNulBytes() {
        #expect(evaluator.screen(String(repeating: " ", count: 70_000))?.contains("over the 65536-byte limit") == true)
        #expect(evaluator.screen("int x;\u{0}int y;")?.contains("NUL") == true)
    }
}
