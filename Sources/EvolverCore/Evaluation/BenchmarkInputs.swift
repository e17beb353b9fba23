import Foundation

/// The inputs of one benchmark: passes of the sandbox's workload drawn fresh from a seed of that
/// benchmark's own, enough for every window of either side to use inputs no call has seen.
///
/// A kernel cannot memorize what it has never seen: the manifest's workload describes how inputs
/// are drawn, but the inputs themselves come from the check's or the run's seed (journaled, so a
/// replay draws the same), and within a benchmark every timed call gets a case of its own.
struct BenchmarkInputs {
    /// Passes in a row, `perPass` cases each.
    let cases: [PreparedCase]
    let perPass: Int

    /// Draws `passes` passes from `seed`.
    /// - Throws: `EvolverError.invalidSandbox` when the workload does not fit the harness, or when it
    ///   cannot draw distinct inputs (a workload of constants could be memorized across calls).
    init(sandbox: Sandbox, passes: Int, seed: UInt64) throws {
        // A stream of its own: no benchmark seed draws what a small public seed would.
        var mix = SplitMix64(seed: seed ^ 0xB3_5EED_1A9_0F_17E5)
        let drawn = try sandbox.workload(passes: passes, seed: mix.next())
        do {
            cases = try PreparedCase.prepare(drawn, harness: sandbox.harness)
        } catch {
            throw EvolverError.invalidSandbox(sandbox: sandbox.name, reason: "workload: \(error)")
        }
        perPass = max(1, drawn.count / max(1, passes))
        var seen = Set<[UInt8]>()
        for c in cases where !seen.insert(c.encoded).inserted {
            throw EvolverError.invalidSandbox(
                sandbox: sandbox.name,
                reason: "benchmark.workload drew the same input twice (case \(c.id)): every timed call needs inputs of its own, so give each class random lengths or values")
        }
    }
}
