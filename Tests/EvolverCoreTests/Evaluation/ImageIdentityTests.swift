import CSandbox
import Foundation
import Testing
import TestSupport
@testable import EvolverCore

/// The SHA-256 of a kernel's relocated image in canonical form: the same for the same machine code
/// wherever it was mapped, in any worker, and different for different code.
@Suite(.serialized)
struct ImageIdentityTests {
    /// Two evaluators of the score sandbox, each with a worker process of its own (so the image and
    /// libc lie at different addresses in each).
    final class Pair {
        let sandbox: Sandbox
        let evaluators: [KernelEvaluator]
        let workers: [WorkerProcess]

        init() throws {
            let sandbox = try Fixtures.score()
            let workers = [WorkerProcess(executable: TestPaths.worker), WorkerProcess(executable: TestPaths.worker)]
            evaluators = try workers.map { try KernelEvaluator(sandbox: sandbox, worker: $0) }
            self.sandbox = sandbox
            self.workers = workers
        }

        /// The identity of a source validated (on one case) by evaluator `which`.
        func identity(_ source: String, in which: Int) throws -> String? {
            var rng = SplitMix64(seed: 3)
            return try evaluators[which].validate(source, rng: &rng, subset: [0]).imageSHA256
        }
    }

    /// The seed of the score sandbox with its copy loops replaced by memcpy (a call through the
    /// image's GOT to a libc address) and a table of pointers to a string literal and to static
    /// data (absolute addresses into the image): every kind of word that differs between workers.
    static func relocatedBase(_ seed: String) -> String {
        var s = seed.replacingOccurrences(of: """
                for (i = 0; i < n; i++) {
                    sa[i] = a[i];
                }
                for (j = 0; j < m; j++) {
                    sb[j] = b[j];
                }
            """, with: """
                memcpy(sa, a, (unsigned long)n * sizeof(long long));
                memcpy(sb, b, (unsigned long)m * sizeof(long long));
            """)
        s = s.replacingOccurrences(of: "    out[0] = u2;\n", with: "    out[0] = u2 + (names[1][0] - 'b') + *steps[0];\n")
        return """
            void *memcpy(void *dst, const void *src, unsigned long len);
            static const long long zero_step[1] = { 0 };
            static const long long *const steps[1] = { zero_step };
            static const char *const names[2] = { "alpha", "beta" };

            """ + s
    }

    @Test func seedHasOneIdentityInTwoWorkers() throws {
        let pair = try Pair()
        let a = try #require(try pair.identity(pair.sandbox.seedSource, in: 0))
        let b = try pair.identity(pair.sandbox.seedSource, in: 1)
        #expect(pair.workers[0].processID != pair.workers[1].processID)
        #expect(a.count == 64 && a.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(a == b)
    }

    @Test func memcpyAndPointerTablesHaveOneIdentityInTwoWorkers() throws {
        let pair = try Pair()
        let source = Self.relocatedBase(pair.sandbox.seedSource)
        var rng = SplitMix64(seed: 9)
        let outcome = try pair.evaluators[0].validate(source, rng: &rng)
        #expect(outcome.verdict == .passed, "\(outcome.detail)")
        let a = try #require(outcome.imageSHA256)
        #expect(try pair.identity(source, in: 1) == a)
        #expect(try pair.identity(source, in: 0) == a)
    }

    /// A pointer in a packed struct lies at an odd offset: the canonical form finds it there too.
    @Test func unalignedPointerHasOneIdentityInTwoWorkers() throws {
        let pair = try Pair()
        let source = """
            struct __attribute__((packed)) tagged { char tag; const long long *value; };
            static const long long one[1] = { 1 };
            static const struct tagged unit = { 'u', one };

            """ + pair.sandbox.seedSource.replacingOccurrences(of: "    out[0] = u2;\n", with: "    out[0] = u2 * unit.value[0];\n")
        var rng = SplitMix64(seed: 4)
        let outcome = try pair.evaluators[0].validate(source, rng: &rng)
        #expect(outcome.verdict == .passed, "\(outcome.detail)")
        let a = try #require(outcome.imageSHA256)
        #expect(try pair.identity(source, in: 1) == a)
    }

    /// Rewrites TinyCC compiles to the same machine code (checked byte for byte when this was written).
    enum SameCode: String, CaseIterable, Sendable {
        case commentsAndWhitespace, renamedStaticHelper, whileTwo, compoundAssignment, unusedDeclaration

        func apply(_ s: String) -> String {
            switch self {
            case .commentsAndWhitespace:
                s.replacingOccurrences(of: "/* Twice the Mann-Whitney U: count every pair. */", with: "")
                    .replacingOccurrences(of: "    ", with: "\t").replacingOccurrences(of: "\n\n", with: "\n  /* a comment */\n\n")
            case .renamedStaticHelper: s.replacingOccurrences(of: "sift_down", with: "sink_value")
            case .whileTwo: s.replacingOccurrences(of: "while (1)", with: "while (2)")
            case .compoundAssignment:
                s.replacingOccurrences(of: "u2 = u2 + 2;", with: "u2 += 2;").replacingOccurrences(of: "u2 = u2 + 1;", with: "u2 += 1;")
            case .unusedDeclaration:
                s.replacingOccurrences(of: "static long long twice_median", with: "static int unused_helper(int x);\nstatic long long twice_median")
            }
        }
    }

    /// Each rewrite validated in the other worker than the base.
    @Test(arguments: SameCode.allCases)
    func sameCodeHasTheSameIdentity(_ rewrite: SameCode) throws {
        let pair = try Pair()
        let base = Self.relocatedBase(pair.sandbox.seedSource)
        let variant = rewrite.apply(base)
        #expect(variant != base, "the rewrite changed nothing")
        let a = try #require(try pair.identity(base, in: 0))
        #expect(try pair.identity(variant, in: 1) == a)
    }

    /// Rewrites that change the machine code. (memmove for memcpy is not one of them here: glibc
    /// resolves both to one function, so the two images are the same code.)
    enum OtherCode: String, CaseIterable, Sendable {
        case otherConstant, extraOperation, otherString

        func apply(_ s: String) -> String {
            switch self {
            case .otherConstant: s.replacingOccurrences(of: "u2 = u2 + 2;", with: "u2 = u2 + 3;")
            case .extraOperation: s.replacingOccurrences(of: "    out[1] = ", with: "    if (n > 5000) {\n        return -2;\n    }\n    out[1] = ")
            case .otherString: s.replacingOccurrences(of: "\"beta\"", with: "\"bets\"")
            }
        }
    }

    @Test(arguments: OtherCode.allCases)
    func differentCodeHasAnotherIdentity(_ rewrite: OtherCode) throws {
        let pair = try Pair()
        let base = Self.relocatedBase(pair.sandbox.seedSource)
        let variant = rewrite.apply(base)
        #expect(variant != base, "the rewrite changed nothing")
        let a = try #require(try pair.identity(base, in: 0))
        let b = try #require(try pair.identity(variant, in: 1))
        #expect(a != b)
    }

    @Test func noIdentityWithoutAnImage() throws {
        let pair = try Pair()
        let broken = pair.sandbox.seedSource.replacingOccurrences(of: "u2 = 0;", with: "u2 = undeclared_name;")
        var rng = SplitMix64(seed: 1)
        let compileError = try pair.evaluators[0].validate(broken, rng: &rng, subset: [0])
        #expect(compileError.verdict == .compileError)
        #expect(compileError.imageSHA256 == nil)
        let unresolved = pair.sandbox.seedSource.replacingOccurrences(of: "u2 = 0;", with: "u2 = (long long)system(\"true\");")
        let linkError = try pair.evaluators[0].validate("int system(const char *);\n" + unresolved, rng: &rng, subset: [0])
        #expect(linkError.verdict == .linkError)
        #expect(linkError.imageSHA256 == nil)
        let rejected = try pair.evaluators[0].validate("#include <stdio.h>\n" + pair.sandbox.seedSource, rng: &rng, subset: [0])
        #expect(rejected.verdict == .rejectedSource)
        #expect(rejected.imageSHA256 == nil)
    }
}

/// The C SHA-256 the child hashes images with, against swift-crypto.
struct SHA256Tests {
    static func c(_ bytes: [UInt8]) -> String {
        var out = [UInt8](repeating: 0, count: 32)
        bytes.withUnsafeBytes { evs_sha256($0.baseAddress, $0.count, &out) }
        return out.map { String(format: "%02x", $0) }.joined()
    }

    @Test func standardVectors() {
        #expect(Self.c([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.c(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Self.c(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(Self.c(Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8))
                == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        #expect(Self.c([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func agreesWithSwiftCryptoOnEveryLengthUpTo2000() {
        var g = SplitMix64(seed: 256)
        for n in 0...2000 {
            let bytes = (0..<n).map { _ in UInt8(truncatingIfNeeded: g.next()) }
            #expect(Self.c(bytes) == Hashing.sha256Hex(Data(bytes)), "length \(n)")
        }
    }
}
