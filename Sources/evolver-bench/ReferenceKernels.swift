import EvolverCore
import Foundation

/// Hand-written reference kernels: yardsticks for what evolution could reach. They belong to the
/// benchmark tool, never to the library; the C text lives in a file beside this one (excluded
/// from the target) that a test also reads, so there is one copy of it.
enum ReferenceKernels {
    /// `reference-score.c`: the `score` contract with better algorithms than the seed.
    static let scoreFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("reference-score.c")

    /// The `score` reference kernel's C source, read from the source tree.
    /// - Throws: `BenchError` when the file is missing or not UTF-8 (the bench runs from the repository).
    static func scoreSource() throws -> String {
        guard let data = FileManager.default.contents(atPath: scoreFile.path), let text = String(data: data, encoding: .utf8) else {
            throw BenchError("cannot read the reference score kernel at \(scoreFile.path)")
        }
        return text
    }

    /// Checks `source` against the sandbox's seed as `evolver check` does without a store
    /// (validation, differential test, interleaved benchmark judged by the seed scorer), once per
    /// seed, and returns the speedups (`SampleComparison.shiftSpeedup`).
    /// - Throws: `BenchError` when a check does not pass, so the bench fails loudly.
    static func checkedSpeedups(_ source: String, sandbox: Sandbox, judge: Sandbox, workerPath: String, seeds: [UInt64]) throws -> [Double] {
        let check = KernelCheck(
            evaluator: try KernelEvaluator(sandbox: sandbox, worker: WorkerProcess(executable: workerPath)),
            judge: try Judge(seedOf: judge, workerPath: workerPath))
        return try seeds.map { seed in
            let report = try check.run(source: source, path: scoreFile.lastPathComponent, seed: seed)
            guard report.verdict == .passed, let bench = report.benchmark else {
                throw BenchError("reference \(sandbox.name) kernel did not pass `check` with seed \(seed): \(report.verdict) \(report.detail)")
            }
            return bench.speedup
        }
    }
}
