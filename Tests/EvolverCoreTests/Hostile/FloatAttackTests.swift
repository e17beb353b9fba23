import Foundation
import Testing
@testable import EvolverCore
import TestSupport

/// Attacks on the floating-point path: the call shim compiled beside the kernel from the harness's
/// prototype, real arguments and results, and outputs compared within a tolerance (in Swift against
/// expected.jsonl and the seed, in C between the benchmark's two sides). Each kernel is a file
/// `Attacks/float-*.c` run through the real worker and sandbox, mostly as `evolver check` runs it;
/// every test also checks that the worker survives without a child left and still passes the seed.
@Suite("Attacks on floating-point kernels", .serialized, .timeLimit(.minutes(3)))
struct FloatAttackTests {
    static func heat() throws -> Sandbox { try Fixtures.catalog.load("heat") }

    static func attack(_ name: String) throws -> String { try JudgeAttacks.file("float-\(name)") }

    /// Replaces `old` (which must occur) in `source`.
    static func rewrite(_ source: String, _ old: String, _ new: String) throws -> String {
        try #require(source.contains(old), "the attack no longer contains \(old)")
        return source.replacingOccurrences(of: old, with: new)
    }

    /// Runs `check` on `source` as the CLI does (validation, differential test, benchmark against the
    /// seed, judged by the seed scorer), then checks the worker survived and still passes the seed.
    static func check(_ sandbox: Sandbox, _ source: String, name: String, seed: UInt64 = 5) throws -> CheckReport {
        let worker = WorkerProcess(executable: TestPaths.worker)
        defer { worker.stop() }
        let evaluator = try KernelEvaluator(sandbox: sandbox, worker: worker)
        let judge = try Judge(seedOf: try Fixtures.score(), workerPath: TestPaths.worker)
        let report = try KernelCheck(evaluator: evaluator, judge: judge).run(source: source, path: "\(name).c", seed: seed)
        #expect(report.verdict != .internalError, "\(name): \(report.detail)")
        try survived(evaluator, worker: worker, sandbox: sandbox, after: name)
        return report
    }

    /// Validates `source` on the whole suite through a fresh worker, then checks the worker survived.
    static func validate(_ sandbox: Sandbox, _ source: String, name: String, seed: UInt64 = 5) throws -> ValidationOutcome {
        let worker = WorkerProcess(executable: TestPaths.worker)
        defer { worker.stop() }
        let evaluator = try KernelEvaluator(sandbox: sandbox, worker: worker)
        var rng = SplitMix64(seed: seed)
        let outcome = try evaluator.validate(source, rng: &rng)
        try survived(evaluator, worker: worker, sandbox: sandbox, after: name)
        return outcome
    }

    static func survived(_ evaluator: KernelEvaluator, worker: WorkerProcess, sandbox: Sandbox, after name: String) throws {
        if worker.processID != nil { HostileSetup.expectNoChildren(of: worker, after: name) }
        var rng = SplitMix64(seed: 99)
        let subset = Array(sandbox.cases.indices.prefix(HostileSetup.seedSubset.count))
        let seed = try evaluator.validate(sandbox.seedSource, rng: &rng, subset: subset)
        #expect(seed.verdict == .passed && seed.passed == subset.count, "after \(name) the seed got \(seed.verdict.rawValue): \(seed.detail)")
        HostileSetup.expectNoChildren(of: worker, after: "the seed after \(name)")
    }

    /// A check that passed everything: every suite case, every differential input, a benchmark.
    static func expectPassedEverywhere(_ r: CheckReport, _ name: String) {
        #expect(r.verdict == .passed, "\(name): \(r.verdict.rawValue): \(r.detail)")
        #expect(r.validation.passed == r.validation.total, "\(name)")
        #expect(r.differential.map { $0.passed == $0.total } == true, "\(name): \(r.differential?.detail ?? "no differential test")")
        #expect(r.benchmark != nil, "\(name): no benchmark")
    }

    /// A check whose suite and differential test passed and whose benchmark comparison caught it.
    static func expectCaughtByTheBenchmark(_ r: CheckReport, _ name: String) {
        #expect(r.verdict == .wrongOutput, "\(name): \(r.verdict.rawValue): \(r.detail)")
        #expect(r.detail.contains("on the benchmark workload the candidate's outputs differ from the incumbent's"), "\(name): \(r.detail)")
        #expect(r.validation.passed == r.validation.total, "\(name): the suite should not see this attack")
        #expect(r.differential.map { $0.passed == $0.total } == true, "\(name): \(r.differential?.detail ?? "no differential test")")
        #expect(r.benchmark == nil)
    }

    // MARK: - The call shim

    @Test("a kernel that defines evs_call_shim itself is a link error",
          arguments: ["shim-defined", "shim-hidden"])
    func ownShim(_ name: String) throws {
        let r = try Self.check(try Self.heat(), try Self.attack(name), name: name)
        #expect(r.verdict == .linkError, "\(name): \(r.verdict.rawValue): \(r.detail)")
        #expect(r.detail.contains("evs_call_shim"), "\(r.detail)")
        #expect(r.diagnostics.contains { $0.contains("does the kernel define evs_call_shim?") }, "\(r.diagnostics)")
        #expect(r.validation.passed == 0)
    }

    /// A correct "shim" of the kernel's own (static, weak, an asm alias, or macros meant for the shim's
    /// translation unit) beside a wrong entry: the generated shim calls the wrong entry. The control
    /// (the same file with the entry calling the impostor's correct code) passes, so the wrong_output
    /// comes from which function the harness really called.
    @Test("a kernel's own shim, weak, static, aliased or by macro, never replaces the generated one",
          arguments: [("shim-static", "reference"), ("shim-weak", "reference"), ("shim-asm", "reference"), ("shim-macros", "heat_correct")])
    func impostorShim(_ name: String, _ correct: String) throws {
        let sandbox = try Self.heat()
        let source = try Self.attack(name)
        let r = try Self.validate(sandbox, source, name: name)
        #expect(r.verdict == .wrongOutput, "\(name): \(r.verdict.rawValue): \(r.detail)")
        #expect(r.detail.contains("never written: still poisoned"), "\(name): \(r.detail)")

        let emptyEntry = "void heat(const float *grid, int rows, int cols, int steps, float alpha, float *tmp, float *out) {\n}"
        let control = try Self.rewrite(source, emptyEntry, String(emptyEntry.dropLast()) + "    \(correct)(grid, rows, cols, steps, alpha, tmp, out);\n}")
        let c = try Self.validate(sandbox, control, name: "\(name) control")
        #expect(c.verdict == .passed, "\(name) control: \(c.verdict.rawValue): \(c.detail)")
    }

    // MARK: - The call page and the shim's `r`

    /// The kernel reaches the call page through the shim's frame, marks every word of it after each
    /// call and skips its work when it finds the mark: the page is cleared before every call, so it
    /// never does, and scribbling over the trampoline's words derails nothing.
    @Test("the call page keeps nothing from one call to the next")
    func callPageState() throws {
        let r = try Self.check(try Self.heat(), try Self.attack("call-page"), name: "call-page")
        Self.expectPassedEverywhere(r, "call-page")
    }

    /// A void kernel that forges its return word by redirecting the shim's `r`: the shim stores 0
    /// for a void call, and validation, like the benchmark's check, compares the whole word, so the
    /// forgery only counts against the kernel.
    @Test("a forged return word of a void kernel never helps it")
    func forgedReturn() throws {
        let r = try Self.check(try Self.heat(), try Self.attack("forged-return"), name: "forged-return")
        #expect(r.verdict == .wrongOutput, "\(r.verdict.rawValue): \(r.detail)")
        #expect(r.detail.contains("a void call's return word 0"), "\(r.detail)")
        #expect(r.benchmark == nil)
    }

    // MARK: - Values that are not what they seem

    @Test("untouched outputs and special values are wrong outputs",
          arguments: [("untouched", "never written: still poisoned"), ("special-nan", "got out[0] = nan"),
                      ("special-inf", "got out[0] = inf"), ("special-negzero", "got out[0] = -0.0"),
                      ("special-denormal", "got out[0] = 1.401298464324817e-45")])
    func specialValues(_ name: String, _ detail: String) throws {
        let r = try Self.validate(try Self.heat(), try Self.attack(name), name: name)
        #expect(r.verdict == .wrongOutput, "\(name): \(r.verdict.rawValue): \(r.detail)")
        #expect(r.detail.contains(detail), "\(name): \(r.detail)")
        #expect(r.passed < r.total)
    }

    /// Scaled by 1 + 9e-6, inside rel 1e-5: correct as the harness defines it, in validation, the
    /// differential test and the benchmark alike. Scaled by 1 + 3e-5 plus 2e-4: wrong.
    @Test("the relative tolerance is honoured up to its edge and no further")
    func relativeEdge() throws {
        let sandbox = try Self.heat()
        let source = try Self.attack("rel-edge")
        Self.expectPassedEverywhere(try Self.check(sandbox, source, name: "rel-edge"), "rel-edge")
        let beyond = try Self.rewrite(source, "(1.0f + 9e-6f) + 0.0f", "(1.0f + 3e-5f) + 2e-4f")
        let r = try Self.validate(sandbox, beyond, name: "rel-edge beyond")
        #expect(r.verdict == .wrongOutput, "\(r.verdict.rawValue): \(r.detail)")
        #expect(r.detail.contains("(within abs 0.0001, rel 1e-05)"), "\(r.detail)")
    }

    // MARK: - Wrong only where it is timed

    /// Off by 2e-3 only on inputs shaped like the workload (no suite case is): the suite and the
    /// differential test pass, the benchmark's comparison with the incumbent does not. Off by 5e-5
    /// (within abs 1e-4) it passes the benchmark too.
    @Test("a kernel beyond the tolerance only on benchmark-sized inputs fails the benchmark")
    func driftOnTheWorkload() throws {
        let sandbox = try Self.heat()
        let source = try Self.attack("bench-drift")
        Self.expectCaughtByTheBenchmark(try Self.check(sandbox, source, name: "bench-drift"), "bench-drift")
        let within = try Self.rewrite(source, "+= 2e-3f;", "+= 5e-5f;")
        Self.expectPassedEverywhere(try Self.check(sandbox, within, name: "bench-drift within"), "bench-drift within")
    }

    /// Skips the stencil when its output is not flush with a page, as in the benchmark's slots.
    @Test("a kernel that tells the benchmark from validation by addresses fails the benchmark")
    func benchmarkByAddress() throws {
        let r = try Self.check(try Self.heat(), try Self.attack("bench-address"), name: "bench-address")
        Self.expectCaughtByTheBenchmark(r, "bench-address")
    }

    // MARK: - Signatures and entries

    /// Definitions whose C type differs from the prototype. Where the evolver's front end parses the
    /// kernel, the screen refuses it naming both types (rejected_source); otherwise the kernel is judged
    /// by what it computes: an `int` result the shim never reads, or `alpha` moved last (the same
    /// registers), computes what the seed does; `double alpha` reads a float register as a double;
    /// double buffers run past the end of every buffer; a missing parameter shifts the pointers. The
    /// last one is not parsed by the front end (a top-level asm statement), so no screen sees it.
    @Test("an entry defined with another signature is refused, or judged by what it computes",
          arguments: [("signature-int-return", Verdict.passed, "`heat` returns int, the prototype void") as (String, Verdict, String?),
                      ("signature-reordered", .passed, "parameter 5 of `heat` is float *, the prototype says float"),
                      ("signature-double-alpha", .wrongOutput, "parameter 5 of `heat` is double, the prototype says float"),
                      ("signature-double-buffers", .memoryViolation, "parameter 1 of `heat` is const double *, the prototype says const float *"),
                      ("signature-fewer", .wrongOutput, "`heat` takes 6 parameters, the prototype 7"),
                      ("signature-unparsed", .passed, nil)])
    func otherSignature(_ name: String, _ computed: Verdict, _ mismatch: String?) throws {
        let sandbox = try Self.heat()
        let source = try Self.attack(name)
        let seen = Sandbox.definitionMismatch(source, harness: sandbox.harness, entry: sandbox.manifest.entry)
        if let mismatch {
            #expect(seen?.contains(mismatch) == true, "\(name): the front end says \(seen ?? "nothing")")
        } else {
            #expect(seen == nil, "\(name): the front end now sees \(seen ?? "")")
        }
        let r = try Self.check(sandbox, source, name: name)
        if r.verdict == .rejectedSource {
            #expect(mismatch.map { r.detail.contains("does not match the harness's prototype: \($0)") } == true, "\(name): \(r.detail)")
            #expect(r.validation.passed == 0)
        } else {
            #expect(r.verdict == computed, "\(name): \(r.verdict.rawValue): \(r.detail)")
            if computed == .passed { Self.expectPassedEverywhere(r, name) }
        }
    }

    @Test("a static, missing or redeclared entry gives a clear error",
          arguments: [("entry-static", Verdict.rejectedSource, "`heat` is static: the entry must have external linkage"),
                      ("entry-missing", .linkError, "undefined entry symbol 'heat'"),
                      ("entry-redeclared", .compileError, "kernel.c:6: error: incompatible types for redefinition of 'heat'")])
    func entries(_ name: String, _ verdict: Verdict, _ detail: String) throws {
        let r = try Self.check(try Self.heat(), try Self.attack(name), name: name)
        #expect(r.verdict == verdict, "\(name): \(r.verdict.rawValue): \(r.detail)")
        #expect(r.detail.contains(detail), "\(name): \(r.detail)")
        #expect(r.validation.passed == 0)
        #expect(r.benchmark == nil)
    }

    /// `heat` as an array of floats: the shim jumps into its bytes (the image is executable). What
    /// happens then follows the shim's code generation (today `00 00` adds to the byte at the grid
    /// pointer left in rax: input_modified), so only "never passed, the worker survives" is asserted.
    @Test("an entry that is an object, not a function, never passes")
    func entryObject() throws {
        let sandbox = try Self.heat()
        let source = try Self.attack("entry-object")
        let r = try Self.check(sandbox, source, name: "entry-object")
        #expect(r.verdict != .passed && r.verdict != .internalError, "\(r.verdict.rawValue): \(r.detail)")
        #expect(r.validation.passed < r.validation.total)
    }

    /// The same attacks as a user runs them: `evolver check heat --kernel FILE --json` exits 1 and
    /// prints valid JSON with the verdict.
    @Test("evolver check --json gives each attack its verdict",
          arguments: [("shim-defined", [Verdict.linkError]), ("forged-return", [.wrongOutput]), ("bench-address", [.wrongOutput]),
                      ("signature-double-alpha", [.wrongOutput, .rejectedSource]), ("entry-static", [.rejectedSource])])
    func cli(_ name: String, _ verdicts: [Verdict]) throws {
        let tmp = try TempDirectory("float-attack")
        let file = TestPaths.packageRoot.appendingPathComponent("Tests/EvolverCoreTests/Hostile/Attacks/float-\(name).c")
        let run = try CommandRunner.evolver(["check", "heat", "--kernel", file.path, "--seed", "5", "--json",
                                             "--sandboxes", TestPaths.sandboxes.path, "--store", tmp.url.appendingPathComponent("store").path])
        #expect(run.status == 1, "\(name): exit \(run.status): \(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(name): \(run.stdout)")
        #expect(verdicts.map(\.rawValue).contains(json["verdict"] as? String ?? ""), "\(name): \(run.stdout)")
    }

    // MARK: - Huge values, infinities and NaN (a scratch sandbox in double precision)

    /// `vscale`: out[i] = x[i] * a and the sum returned, values up to 8e307 and scales up to 1e10, so
    /// products overflow to infinities and sums of both infinities are NaN; rel 1e-12 on every value.
    static func vscale() throws -> (ScratchSandbox, Sandbox) {
        let harness = #"""
        {"prototype": "double vscale(const double *x, int n, double a, double *out);",
         "params": [{"name": "x", "kind": "input", "type": "f64", "length": "n", "values": [-8e307, 8e307]},
                    {"name": "n", "kind": "int", "range": [0, 64]},
                    {"name": "a", "kind": "real", "type": "f64", "range": [0.5, 1e10]},
                    {"name": "out", "kind": "output", "type": "f64", "length": "n", "tolerance": {"rel": 1e-12}}],
         "return_tolerance": {"rel": 1e-12}}
        """#
        let seed = """
        double vscale(const double *x, int n, double a, double *out) {
            double s = 0;
            int i;
            for (i = 0; i < n; i++) {
                out[i] = x[i] * a;
                s += out[i];
            }
            return s;
        }

        """
        let cases = [
            #"{"id": "empty", "args": {"x": [], "n": 0, "a": 1}}"#,
            #"{"id": "small", "args": {"x": [1.5, -2, 3], "n": 3, "a": 2}}"#,
            #"{"id": "huge", "args": {"x": [1e300, -5e299, 7e299], "n": 3, "a": 100000}}"#,
            #"{"id": "overflow", "args": {"x": [1e300, 2e300], "n": 2, "a": 10000000000}}"#,
            #"{"id": "both-infinities", "args": {"x": [1e300, -1e300, 5], "n": 3, "a": 10000000000}}"#,
            #"{"id": "near-max", "args": {"x": [8e307, -8e307, 8e307], "n": 3, "a": 2.2}}"#,
            #"{"id": "tiny", "args": {"x": [1e-300, 3e-310, -5e-324], "n": 3, "a": 0.5}}"#,
        ]
        let workload = #"[{"name": "w", "count": 2, "args": {"x": {"array": {"length": [32, 64], "values": [-1e300, 1e300]}}, "n": {"length_of": "x"}, "a": {"real": [0.5, 10000000000.0]}}}]"#
        let s = try ScratchSandbox(entry: "vscale", harness: harness, seed: seed, cases: cases, workload: workload)
        return (s, try s.record())
    }

    @Test("the vscale suite records infinities and NaN")
    func vscaleRecords() throws {
        let (_, sandbox) = try Self.vscale()
        let expected = try #require(sandbox.expected)
        let byID = Dictionary(uniqueKeysWithValues: expected.map { ($0.id, $0) })
        #expect(byID["overflow"]?.returnValue.realValue == .infinity)
        #expect(byID["both-infinities"]?.returnValue.realValue?.isNaN == true)
        #expect(try Self.validate(sandbox, sandbox.seedSource, name: "vscale seed").verdict == .passed)
    }

    /// A relative error of 5e-13 on values near 1e300 is an absolute error near 1e288: correct as a
    /// relative tolerance defines it, so it passes everywhere; 5e-12 does not.
    @Test("a relative tolerance scales with huge values, exactly as far as it says")
    func hugeRelative() throws {
        let (_, sandbox) = try Self.vscale()
        let source = try Self.attack("huge-rel")
        Self.expectPassedEverywhere(try Self.check(sandbox, source, name: "huge-rel"), "huge-rel")
        let beyond = try Self.rewrite(source, "(1.0 + 5e-13)", "(1.0 + 5e-12)")
        let r = try Self.validate(sandbox, beyond, name: "huge-rel beyond")
        #expect(r.verdict == .wrongOutput, "\(r.verdict.rawValue): \(r.detail)")
    }

    @Test("saturating, premature infinities and NaN for infinity are wrong outputs",
          arguments: [("huge-saturate", ["case overflow: expected out[0] = inf (within rel 1e-12), got out[0] = 1.7976931348623157e+308",
                                         "case both-infinities: expected return nan"]),
                      ("huge-inf", ["case near-max: expected return 1.7600000000000002e+308 (within rel 1e-12), got return nan"]),
                      ("huge-nan", ["case overflow: expected return inf (within rel 1e-12), got return nan"])])
    func hugeSpecials(_ name: String, _ details: [String]) throws {
        let (_, sandbox) = try Self.vscale()
        let r = try Self.check(sandbox, try Self.attack(name), name: name)
        #expect(r.verdict == .wrongOutput, "\(name): \(r.verdict.rawValue): \(r.detail)")
        #expect(details.contains { r.detail.contains($0) }, "\(name): \(r.detail)")
    }

    // MARK: - A weakness: unwritten outputs within the tolerance of the poison

    /// An output cell that was never written holds the poison. The comparison judges its value, so
    /// where the expected value is 0 and the poison pattern decodes within the tolerance of 0 (with
    /// heat's abs 1e-4: the byte 0x00 and 113 of the 254 other bytes, e.g. 0x20 = 1.35e-19), the
    /// cell passes as written. For integer outputs only 0x00 can collide with 0, so the chance that a
    /// call skipping its zero fill goes unnoticed rises from 1/4 to about 1/2 with a float tolerance.
    /// Validated here call by call with chosen poison bytes, on the suite case with 377 zero cells.
    @Test("an unwritten output is never taken for a written one within the tolerance")
    func unwrittenZeros() throws {
        let sandbox = try Self.heat()
        let index = try #require(sandbox.cases.firstIndex { $0.id == "gen-random-13" })
        let expected = try #require(sandbox.expected?[index])
        let source = try Self.attack("skip-zeros")
        let worker = WorkerProcess(executable: TestPaths.worker)
        defer { worker.stop() }
        let evaluator = try KernelEvaluator(sandbox: sandbox, worker: worker)
        let poisons = (0...255).map { UInt8($0) }
        guard case .success(let results) = try evaluator.run(source, cases: poisons.map { _ in sandbox.cases[index] }, poisons: poisons) else {
            Issue.record("skip-zeros did not run")
            return
        }
        let zeros = expected.outputValues["out"]??.realElements?.filter { $0 == 0 }.count ?? 0
        #expect(zeros > 100, "the case has \(zeros) zero cells")
        let accepted = zip(poisons, results).filter { evaluator.comparison.mismatch($1, expected: expected, poison: $0) == nil }.map(\.0)
        // Correct but for the zero cells: 0x00 passes (it collides for integers too), 0xFF (NaN) is caught.
        #expect(accepted.contains(0x00))
        #expect(!accepted.contains(0xFF))
        let collisions = accepted.filter { $0 != 0x00 }
        // A cell still holding a non-zero poison byte is unwritten, however close its value is.
        #expect(collisions.isEmpty, "\(collisions.count) poison bytes let unwritten zeros pass, e.g. \(collisions.prefix(4).map { String(format: "0x%02X", $0) })")
        HostileSetup.expectNoChildren(of: worker, after: "skip-zeros")
        // The whole suite with the usual poison draw still catches this kernel.
        #expect(try Self.validate(sandbox, source, name: "skip-zeros").verdict == .wrongOutput)
    }
}
