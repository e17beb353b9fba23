import Foundation

/// Records a sandbox's expected outputs by running its seed in the sandbox.
public enum ExpectedRecorder {
    /// Runs the seed over every suite case twice, with different poison bytes, so that an output the
    /// seed leaves untouched is told apart from one it writes (recorded as `null`: must stay untouched).
    /// - Throws: `EvolverError.invalidSandbox` when the seed fails or is not deterministic.
    public static func record(sandbox: Sandbox, worker: WorkerProcess) throws -> [ExpectedResult] {
        // The evaluator needs expected outputs only to validate; recording uses raw runs.
        let evaluator = try KernelEvaluator(sandbox: sandbox, worker: worker)
        let first = try evaluator.run(sandbox.seedSource, cases: sandbox.cases, poison: 0x5A)
        let second = try evaluator.run(sandbox.seedSource, cases: sandbox.cases, poison: 0xC3)
        guard case .success(let a) = first, case .success(let b) = second else {
            let failure: KernelEvaluator.ValidationFailure? = switch (first, second) {
            case (.failure(let f), _), (_, .failure(let f)): f
            default: nil
            }
            throw EvolverError.invalidSandbox(sandbox: sandbox.name, reason: "the seed failed: \(failure?.verdict.rawValue ?? "?") \(failure?.detail ?? "") \(failure?.diagnostics.joined(separator: "; ") ?? "")")
        }
        var results: [ExpectedResult] = []
        let outputs = sandbox.harness.outputParams
        let comparison = evaluator.comparison
        for (i, kernelCase) in sandbox.cases.enumerated() {
            guard a[i].ret == b[i].ret else { throw EvolverError.invalidSandbox(sandbox: sandbox.name, reason: "the seed is not deterministic on case \(kernelCase.id)") }
            var values: [String: KernelCase.Value?] = [:]
            for (k, param) in outputs.enumerated() {
                let untouchedA = a[i].outputs[k].allSatisfy { $0 == 0x5A }
                let untouchedB = b[i].outputs[k].allSatisfy { $0 == 0xC3 }
                if untouchedA && untouchedB {
                    values[param.name] = .some(nil)
                    continue
                }
                guard a[i].outputs[k] == b[i].outputs[k] else {
                    throw EvolverError.invalidSandbox(sandbox: sandbox.name, reason: "the seed leaves part of \(param.name) unwritten or is not deterministic on case \(kernelCase.id)")
                }
                values[param.name] = comparison.outputValue(a[i].outputs[k], param: param)
            }
            results.append(ExpectedResult(id: kernelCase.id, returnValue: comparison.returnValue(a[i]), outputValues: values))
        }
        return results
    }

    /// Whether the seed reproduces the recorded `expected.jsonl` (run in the sandbox over the whole
    /// suite, in shuffled order with poisoned outputs, as any kernel is validated).
    /// - Returns: nil when it does, else a one-line reason naming the first case that differs.
    public static func seedMismatch(sandbox: Sandbox, worker: WorkerProcess) throws -> String? {
        guard sandbox.expected != nil else { return nil }
        let evaluator = try KernelEvaluator(sandbox: sandbox, worker: worker)
        var rng = SplitMix64(seed: 0x10C4_5EED)
        let outcome = try evaluator.validate(sandbox.seedSource, rng: &rng)
        guard outcome.verdict != .passed else { return nil }
        return "\(outcome.verdict.rawValue): \(outcome.detail)"
    }
}
