import Foundation
import Testing
import TestSupport
@testable import EvolverCore

/// Float and double kernels through the real worker: the shim calls them with their C types,
/// and outputs compare within the harness's tolerance, NaN and infinities explicitly.
@Suite(.serialized) struct FloatKernelTests {
    static func harness(returnTolerance: String?) -> String {
        #"""
        {"prototype": "double fdot(const float *a, const float *b, int n, double scale, float *partial);",
         "params": [{"name": "a", "kind": "input", "type": "f32", "length": "n", "values": [-10, 10]},
                    {"name": "b", "kind": "input", "type": "f32", "length": "n", "values": [-10, 10]},
                    {"name": "n", "kind": "int", "range": [0, 256]},
                    {"name": "scale", "kind": "real", "type": "f64", "range": [0.5, 2]},
                    {"name": "partial", "kind": "output", "type": "f32", "length": "1", "tolerance": {"rel": 1e-5}}]
        """# + (returnTolerance.map { #", "return_tolerance": \#($0)}"# } ?? "}")
    }

    static let seed = """
    double fdot(const float *a, const float *b, int n, double scale, float *partial) {
        double s = 0;
        int i;
        for (i = 0; i < n; i++) {
            s += (double)a[i] * b[i];
        }
        partial[0] = (float)s;
        return s * scale;
    }

    """
    static let workload = #"[{"name": "w", "count": 2, "args": {"a": {"array": {"length": [128, 256], "values": [-10.0, 10.0]}}, "b": {"array": {"length": {"same_as": "a"}, "values": [-10.0, 10.0]}}, "n": {"length_of": "a"}, "scale": {"real": [0.5, 2.0]}}}]"#
    static let cases = [
        #"{"id": "empty", "args": {"a": [], "b": [], "n": 0, "scale": 1}}"#,
        #"{"id": "halves", "args": {"a": [0.5, 1.5, -2.25], "b": [2, 4, 0.125], "n": 3, "scale": 0.75}}"#,
        #"{"id": "big", "args": {"a": [10, 10, 10, 10], "b": [-10, 9.5, 1e-3, 3], "n": 4, "scale": 2}}"#,
    ]

    static func sandbox(returnTolerance: String? = #"{"rel": 1e-9}"#) throws -> (ScratchSandbox, Sandbox) {
        let s = try ScratchSandbox(entry: "fdot", harness: harness(returnTolerance: returnTolerance), seed: seed, cases: cases, workload: workload)
        return (s, try s.record())
    }

    static func validate(_ source: String, _ sandbox: Sandbox) throws -> ValidationOutcome {
        var rng = SplitMix64(seed: 7)
        return try Fixtures.evaluator(sandbox).validate(source, rng: &rng)
    }

    @Test func theSeedRecordsRealValuesAndPassesItsOwnCheck() throws {
        let (_, sandbox) = try Self.sandbox()
        let halves = try #require(sandbox.expected?.first { $0.id == "halves" })
        let want = (0.5 * 2 + 1.5 * 4 - 2.25 * 0.125) * 0.75
        #expect(halves.returnValue == .real(want))
        #expect(halves.outputValues["partial"] == .some(.reals([Double(Float(want / 0.75))])))
        #expect(try Self.validate(Self.seed, sandbox).verdict == .passed)
    }

    @Test func differencesWithinTheToleranceAreAccepted() throws {
        let (_, sandbox) = try Self.sandbox()
        let nudged = Self.seed.replacingOccurrences(of: "return s * scale;", with: "return s * scale * (1.0 + 1e-12);")
        #expect(try Self.validate(nudged, sandbox).verdict == .passed)
    }

    @Test func differencesBeyondTheToleranceAreWrongOutputs() throws {
        let (_, sandbox) = try Self.sandbox()
        let off = Self.seed.replacingOccurrences(of: "return s * scale;", with: "return s * scale * (1.0 + 1e-6);")
        let outcome = try Self.validate(off, sandbox)
        #expect(outcome.verdict == .wrongOutput)
        #expect(outcome.detail.contains("(within rel 1e-09)"), "\(outcome.detail)")
    }

    @Test func nanWhereAFiniteValueIsExpectedFails() throws {
        let (_, sandbox) = try Self.sandbox()
        let nan = Self.seed.replacingOccurrences(of: "return s * scale;", with: "return n > 0 ? (s - s) / (s - s) : 0;")
        let outcome = try Self.validate(nan, sandbox)
        #expect(outcome.verdict == .wrongOutput)
        #expect(outcome.detail.contains("got return nan"), "\(outcome.detail)")
        let inf = Self.seed.replacingOccurrences(of: "partial[0] = (float)s;", with: "partial[0] = n > 3 ? (float)(1e300 * 1e300) : (float)s;")
        #expect(try Self.validate(inf, sandbox).detail.contains("partial[0] = inf"))
    }

    @Test func exactByDefaultAndUlpsWhenStated() throws {
        let oneUlp = Self.seed.replacingOccurrences(of: "return s * scale;", with: "return n > 0 ? (s * scale) * (1.0 + 2.220446049250313e-16) : 0;")
        let (_, exact) = try Self.sandbox(returnTolerance: nil)
        #expect(try Self.validate(oneUlp, exact).verdict == .wrongOutput)
        let (_, ulps) = try Self.sandbox(returnTolerance: #"{"ulps": 2}"#)
        #expect(try Self.validate(oneUlp, ulps).verdict == .passed)
    }

    @Test func theBenchmarkComparesOutputsWithTheSameTolerance() throws {
        let (_, sandbox) = try Self.sandbox()
        let evaluator = try Fixtures.evaluator(sandbox)
        let nudged = Self.seed.replacingOccurrences(of: "return s * scale;", with: "return s * scale * (1.0 + 1e-12);")
        let within = try evaluator.benchmark(incumbent: Self.seed, candidate: nudged, inputSeed: 3)
        #expect(within.verdict == .passed, "\(within.detail)")
        // Wrong only on inputs longer than any suite case: the benchmark's own check catches it.
        let long = Self.seed.replacingOccurrences(of: "return s * scale;", with: "return n > 100 ? s * scale * 1.01 : s * scale;")
        #expect(try Self.validate(long, sandbox).verdict == .passed)
        let beyond = try evaluator.benchmark(incumbent: Self.seed, candidate: long, inputSeed: 3)
        #expect(beyond.verdict == .wrongOutput, "\(beyond.detail)")
    }

    @Test func theDifferentialTestUsesTheTolerance() throws {
        let (_, sandbox) = try Self.sandbox()
        let evaluator = try Fixtures.evaluator(sandbox)
        let test = DifferentialTest(sandbox: sandbox, seedSource: Self.seed, inputs: 48)
        let nudged = Self.seed.replacingOccurrences(of: "return s * scale;", with: "return s * scale * (1.0 + 1e-12);")
        #expect(try test.run(nudged, seed: 5, evaluator: evaluator).detail == nil)
        let long = Self.seed.replacingOccurrences(of: "return s * scale;", with: "return n > 100 ? s * scale * 1.01 : s * scale;")
        let outcome = try test.run(long, seed: 5, evaluator: evaluator)
        #expect(outcome.detail?.contains("differs from the seed") == true, "\(outcome.detail ?? "")")
    }

    @Test func aKernelDefinedOtherwiseThanThePrototypeIsRefusedBeforeItIsCalled() throws {
        let (_, sandbox) = try Self.sandbox()
        let float = Self.seed.replacingOccurrences(of: "double fdot(", with: "float fdot(")
        let outcome = try Self.validate(float, sandbox)
        #expect(outcome.verdict == .rejectedSource)
        #expect(outcome.detail.contains("`fdot` returns float, the prototype double"), "\(outcome.detail)")
        let doubles = Self.seed.replacingOccurrences(of: "const float *a, const float *b", with: "const double *a, const double *b")
        #expect(try Self.validate(doubles, sandbox).detail.contains("parameter 1 of `fdot` is const double *, the prototype says const float *"))
    }
}
