import Foundation
import TestSupport
@testable import EvolverCore

/// Shared loaders for tests.
enum Fixtures {
    static var catalog: SandboxCatalog { SandboxCatalog(root: TestPaths.sandboxes) }
    static func score() throws -> Sandbox { try catalog.load("score") }
    static func smithWaterman() throws -> Sandbox { try catalog.load("smith-waterman") }
    static func evaluator(_ sandbox: Sandbox) throws -> KernelEvaluator {
        try KernelEvaluator(sandbox: sandbox, worker: WorkerProcess(executable: TestPaths.worker))
    }

    static func ints(_ c: KernelCase, _ name: String) -> [Int64] {
        if case .array(let a)? = c.args[name] { return a }
        return []
    }

    static func int(_ c: KernelCase, _ name: String) -> Int64 {
        if case .int(let v)? = c.args[name] { return v }
        return 0
    }

    /// The independent Swift reference's answer for a case of either sandbox.
    static func reference(_ sandbox: Sandbox, _ c: KernelCase) -> ExpectedResult {
        if sandbox.name == "score" {
            let r = ScoreReference.evaluate(a: ints(c, "a"), b: ints(c, "b"))
            return ExpectedResult(id: c.id, ret: Int64(r.ret), outputs: ["out": r.out])
        }
        let r = SmithWatermanReference.score(
            a: ints(c, "a").map { UInt8($0) }, b: ints(c, "b").map { UInt8($0) }, sub: ints(c, "sub").map { Int8($0) },
            k: Int(int(c, "k")), open: Int(int(c, "open")), extend: Int(int(c, "extend")))
        return ExpectedResult(id: c.id, ret: Int64(r), outputs: [:])
    }

    /// Random cases over the whole contract range of a sandbox.
    static func randomCases(_ sandbox: Sandbox, count: Int, seed: UInt64) -> [KernelCase] {
        var g = SplitMix64(seed: seed)
        return (0..<count).map { i in
            if sandbox.name == "score" {
                let n = g.below(5) == 0 ? 0 : g.int(in: 1...(g.below(4) == 0 ? 300 : 40))
                let m = g.below(5) == 0 ? 0 : g.int(in: 1...(g.below(4) == 0 ? 300 : 40))
                let hi: Int64 = [4, 1000, (1 << 40) - 1][g.below(3)]
                let a = (0..<n).map { _ in g.int(in: 0...hi) }
                let b = (0..<m).map { _ in g.int(in: 0...hi) }
                return KernelCase(id: "random-\(i)", args: ["a": .array(a), "n": .int(Int64(n)), "b": .array(b), "m": .int(Int64(m))])
            }
            let k = g.int(in: 1...32)
            let n = g.int(in: 0...200), m = g.int(in: 0...200)
            let open = g.int(in: Int64(0)...1000)
            let extend = g.int(in: 0...open)
            let a = (0..<n).map { _ in g.int(in: Int64(0)...Int64(k - 1)) }
            let b = (0..<m).map { _ in g.int(in: Int64(0)...Int64(k - 1)) }
            let sub = (0..<(k * k)).map { _ in g.int(in: Int64(-128)...127) }
            return KernelCase(id: "random-\(i)", args: [
                "a": .array(a), "n": .int(Int64(n)), "b": .array(b), "m": .int(Int64(m)), "sub": .array(sub),
                "k": .int(Int64(k)), "open": .int(open), "extend": .int(extend),
            ])
        }
    }
}
