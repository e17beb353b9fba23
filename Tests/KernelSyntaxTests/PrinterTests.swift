import KernelTestSupport
import Testing
@testable import KernelSyntax

@Suite struct PrinterTests {
    @Test func canonicalLayout() throws {
        let source = """
        typedef unsigned long long u64;
        static const int T[] = {1, 2, 3};
        static inline int f(const int *const p, int n);
        int g(void) { return 0; }
        int f(const int *const p, int n) {
          int i = 0, s = 0; if (n < 0) s = -1; else if (n == 0) s = 0; else { s = 1; }
          for (;;) break;
          while (i < n) s += p[i++];
          do { s--; } while (s > 100);
          switch (n) { case 0: case 1: s++; break; default: { s = 2; } }
          ;
          return s;
        }
        """
        let expected = """
        typedef unsigned long long u64;
        static const int T[] = {1, 2, 3};
        static inline int f(const int *const p, int n);

        int g(void) {
            return 0;
        }

        int f(const int *const p, int n) {
            int i = 0, s = 0;
            if (n < 0) {
                s = -1;
            } else if (n == 0) {
                s = 0;
            } else {
                s = 1;
            }
            for (;;) {
                break;
            }
            while (i < n) {
                s += p[i++];
            }
            do {
                s--;
            } while (s > 100);
            switch (n) {
                case 0:
                case 1:
                    s++;
                    break;
                default:
                    {
                        s = 2;
                    }
            }
            ;
            return s;
        }

        """
        #expect(CPrinter.print(try CParser.parse(source)) == expected)
    }

    @Test(arguments: [
        ("(a + b) * c", "(a + b) * c"),
        ("a + (b * c)", "a + b * c"),
        ("a - (b - c)", "a - (b - c)"),
        ("(a - b) - c", "a - b - c"),
        ("a = (b = c)", "a = b = c"),
        ("(a ? b : c) ? d : e", "(a ? b : c) ? d : e"),
        ("a ? b : (c ? d : e)", "a ? b : c ? d : e"),
        ("a ? (b, c) : d", "a ? b, c : d"),
        ("f((a, b), c)", "f((a, b), c)"),
        ("-(-x)", "-(-x)"),
        ("- -x", "-(-x)"),
        ("+(+x)", "+(+x)"),
        ("-(--x)", "-(--x)"),
        ("*p++", "*p++"),
        ("(*p)++", "(*p)++"),
        ("&a[i]", "&a[i]"),
        ("(int)(x + 1)", "(int)(x + 1)"),
        ("(unsigned long long)(unsigned)x", "(unsigned long long)(unsigned int)x"),
        ("sizeof x + 1", "sizeof(x) + 1"),
        ("sizeof(int *) * n", "sizeof(int *) * n"),
        ("sizeof((int)x)", "sizeof((int)x)"),
        ("(a = b) + 1", "(a = b) + 1"),
        ("a << (b + c)", "a << b + c"),
        ("(a << b) + c", "(a << b) + c"),
        ("a & (b == c)", "a & b == c"),
        ("(a & b) == c", "(a & b) == c"),
        ("!(a && b) || c", "!(a && b) || c"),
        ("x[(i, j)]", "x[i, j]"),
        ("(x + 1)[p]", "(x + 1)[p]"),
        ("0x1Fu + 10ULL + 017 + 1lu", "0x1Fu + 10ULL + 017 + 1lu"),
        ("'\\n' + \"a\" \"b\"[0]", "'\\n' + \"a\" \"b\"[0]"),
    ])
    func minimalParentheses(source: String, expected: String) throws {
        let expression = try CParser.parseExpression(source)
        let printed = CPrinter.print(expression)
        #expect(printed == expected)
        #expect(try CParser.parseExpression(printed) == expression)
    }

    @Test func printsTypesAndDeclarators() throws {
        let statement = try CParser.parseStatement("const volatile int *const *restrict p[2][3], q = 1;")
        #expect(CPrinter.print(statement) == "const volatile int *const *restrict p[2][3], q = 1;\n")
        let cast = try CParser.parseExpression("(const unsigned char *const *)x")
        guard case .cast(let type, _) = cast else {
            Issue.record("not a cast")
            return
        }
        #expect(CPrinter.print(type) == "const unsigned char *const *")
        #expect(CPrinter.print(TypeName(.int, arrayDimensions: [.integer(4)])) == "int[4]")
    }

    @Test func builtTreesPrintWithNeededParentheses() throws {
        // Trees built by hand (as mutation operators will) must print to text that parses back to them.
        let x = Expression.identifier("x")
        let trees: [Expression] = [
            .unary(.negate, .unary(.negate, x)),
            .unary(.plus, .unary(.preIncrement, x)),
            .unary(.addressOf, .unary(.addressOf, x)),
            .unary(.negate, .postfix(.decrement, x)),
            .binary(.multiply, .assignment(.add, x, .integer(1)), .comma(x, x)),
            .subscript(.binary(.add, x, .integer(1)), .integer(0)),
            .cast(TypeName(.long), .conditional(x, x, x)),
            .sizeofExpression(.cast(TypeName(.int), x)),
            .call("f", [.comma(x, x), .assignment(.assign, x, x)]),
            .postfix(.increment, .unary(.dereference, x)),
            .unary(.dereference, .postfix(.increment, x)),
        ]
        for tree in trees {
            let printed = CPrinter.print(tree)
            #expect(try CParser.parseExpression(printed) == tree, "\(printed)")
        }
    }
}
