import Foundation

/// Before a promotion: the candidate must agree with the seed on fresh random inputs drawn across
/// the contract's whole range, so that no promotion overfits the fixed suite.
struct DifferentialTest {
    let sandbox: Sandbox
    let seedSource: String
    let inputs: Int
    let runSeed: UInt64

    /// nil when the candidate agrees on every input; otherwise what differed.
    func disagreement(_ candidateSource: String, candidateIndex: Int, evaluator: KernelEvaluator) throws -> String? {
        var rng = SplitMix64(seed: runSeed &+ 0xD1FF_0000_0000 &+ UInt64(candidateIndex))
        let cases = try ContractSampler(harness: sandbox.harness).sample(count: inputs, rng: &rng)
        let poison: UInt8 = 0x6B
        guard case .success(let want) = try evaluator.run(seedSource, cases: cases, poison: poison) else {
            throw EvolverError.workerFailed("the seed failed on differential inputs")
        }
        switch try evaluator.run(candidateSource, cases: cases, poison: poison) {
        case .failure(let f):
            return "\(f.verdict.rawValue) on a random input: \(f.detail)"
        case .success(let got):
            for (i, (w, g)) in zip(want, got).enumerated() where w != g {
                return "differs from the seed on random input \(i) (\(cases[i].intBindings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")))"
            }
            return nil
        }
    }
}
