import Foundation
import Testing
@testable import EvolverCore

/// The prototype is the source of truth: parsed and checked against params and the seed.
struct KernelPrototypeTests {
    static func harness(_ prototype: String, _ params: [HarnessSpec.ParamSpec]) -> HarnessSpec {
        HarnessSpec(prototype: prototype, params: params)
    }

    static func failure(_ h: HarnessSpec) -> String {
        do {
            try h.validate()
            return ""
        } catch {
            return "\(error)"
        }
    }

    static let floatDot = [
        HarnessSpec.ParamSpec(name: "a", kind: .input, type: .i32, length: try! LengthExpression("n")),
        HarnessSpec.ParamSpec(name: "b", kind: .input, type: .i32, length: try! LengthExpression("n")),
        HarnessSpec.ParamSpec(name: "n", kind: .int, range: [try! LengthExpression("0"), try! LengthExpression("64")]),
    ]

    @Test func aFloatKernelDeclaredWithIntegerBuffersIsRefusedNamingBothSides() {
        let message = Self.failure(Self.harness("double fdot(const float *a, const float *b, int n);", Self.floatDot))
        #expect(message.contains("`a` points to float (f32) in the prototype but params says type i32"), "\(message)")
    }

    @Test func aParameterCountMismatchNamesBothLists() {
        let message = Self.failure(Self.harness("int hist(int n);", Self.floatDot))
        #expect(message.contains("the prototype declares 1 parameter (n), params lists 3 (a, b, n)"), "\(message)")
    }

    @Test func namesOrderConstnessAndKindsAreChecked() {
        var params = Self.floatDot
        params[0].type = .f32
        params[1].type = .f32
        #expect(Self.failure(Self.harness("double fdot(const float *a, const float *b, int n);", params)).isEmpty)
        #expect(Self.failure(Self.harness("double fdot(const float *b, const float *a, int n);", params)).contains("parameter 1 is `b` in the prototype but `a` in params"))
        #expect(Self.failure(Self.harness("double fdot(float *a, const float *b, int n);", params)).contains("`a` is an input: the prototype must declare it `const float *`"))
        #expect(Self.failure(Self.harness("double fdot(const float *a, const float *b, int *n);", params)).contains("`n` is int * in the prototype but a scalar (int) in params"))
        #expect(Self.failure(Self.harness("double fdot(const float *a, const float *b, float n);", params)).contains("use kind real with type f32"))
        #expect(Self.failure(Self.harness("double fdot(const float *a, const float *b, int n)", params)).contains("does not parse"))
        var output = params
        output.append(.init(name: "out", kind: .output, type: .f32, length: try! LengthExpression("1")))
        #expect(Self.failure(Self.harness("void f(const float *a, const float *b, int n, const float *out);", output)).contains("the prototype declares it const, but the kernel writes it"))
        #expect(Self.failure(Self.harness("void f(const float *a, const float *b, int n, unsigned int *out);", output)).contains("which no element type matches"))
    }

    @Test func theShimCallsWithTheRealTypes() throws {
        var params = Self.floatDot
        params[0].type = .f32
        params[1].type = .f32
        params.append(.init(name: "scale", kind: .real, type: .f64, realRange: -1...1))
        let h = Self.harness("double fdot(const float *a, const float *b, int n, double scale);", params)
        try h.validate()
        let shim = try KernelPrototype(h).shimSource(entry: "fdot", harness: h)
        #expect(shim.contains("double fdot(const float *a, const float *b, int n, double scale) __attribute__((weak));"))
        #expect(shim.contains("*(double *)r = fdot((const float *)a[0], (const float *)a[1], (int)a[2], *(const double *)&a[3]);"), "\(shim)")
    }

    @Test func theSeedsDefinitionMustMatchThePrototype() throws {
        var params = Self.floatDot
        params[0].type = .f32
        params[1].type = .f32
        let h = Self.harness("double fdot(const float *a, const float *b, int n);", params)
        try h.validate()
        #expect(Sandbox.definitionMismatch("double fdot(const float a[], const float *const b, int n) { return 0; }", harness: h, entry: "fdot") == nil)
        let wrongReturn = Sandbox.definitionMismatch("int fdot(const float *a, const float *b, int n) { return 0; }", harness: h, entry: "fdot")
        #expect(wrongReturn?.contains("`fdot` returns int, the prototype double") == true, "\(wrongReturn ?? "")")
        let wrongParam = Sandbox.definitionMismatch("double fdot(const int *a, const float *b, int n) { return 0; }", harness: h, entry: "fdot")
        #expect(wrongParam?.contains("parameter 1 of `fdot` is const int *, the prototype says const float *") == true, "\(wrongParam ?? "")")
        #expect(Sandbox.definitionMismatch("double other(void) { return 0; }", harness: h, entry: "fdot")?.contains("defines no function `fdot`") == true)
    }

    @Test func theShippedHarnessesMatchTheirSeeds() throws {
        for name in ["score", "smith-waterman", "heat"] {
            let sandbox = try Fixtures.catalog.load(name)
            #expect(Sandbox.definitionMismatch(sandbox.seedSource, harness: sandbox.harness, entry: sandbox.manifest.entry) == nil)
            #expect(try KernelPrototype(sandbox.harness).name == sandbox.manifest.entry)
        }
    }
}
