import CSandbox
import Foundation

/// One job for the worker: the kernel(s), the limits, the cases and what to do with them.
struct WorkerJob {
    enum Mode {
        /// Call kernel 0 once per entry, in this order, with this poison byte.
        case validate(calls: [(caseIndex: Int, poison: UInt8)])
        /// Interleave kernel 0 (incumbent) and kernel 1 (candidate) over all cases, spread over `children` children.
        /// A window lasts at least `overheadFactor` timer round trips (200: the timer costs under 0.5%).
        case benchmark(warmup: Int, samples: Int, windowNs: UInt64, maxReps: Int, children: Int, overheadFactor: Int)
    }

    var manifest: SandboxManifest
    var harness: HarnessSpec
    var sources: [String]
    var cases: [PreparedCase]
    var mode: Mode

    /// The payload, without the length prefix.
    func encoded() -> [UInt8] {
        var w = ByteWriter()
        w.u32(EVS_PROTOCOL_VERSION)
        switch mode {
        case .validate: w.u32(UInt32(EVS_MODE_VALIDATE))
        case .benchmark: w.u32(UInt32(EVS_MODE_BENCHMARK))
        }
        w.u32(UInt32(manifest.compileDeadlineMs))
        w.u32(UInt32(manifest.deadlineMs))
        w.u64(UInt64(manifest.memoryLimitMb) << 20)
        w.u64(UInt64(manifest.maxImageBytes))
        w.string(manifest.entry)
        w.u32(UInt32(manifest.allowedSymbols.count))
        manifest.allowedSymbols.forEach { w.string($0) }
        w.u32(UInt32(sources.count))
        sources.forEach { w.string($0) }
        w.u32(UInt32(harness.params.count))
        for p in harness.params {
            let kind: Int = switch p.kind {
            case .int: Int(EVS_PARAM_INT)
            case .input: Int(EVS_PARAM_INPUT)
            case .scratch: Int(EVS_PARAM_SCRATCH)
            case .output: Int(EVS_PARAM_OUTPUT)
            }
            w.u8(UInt8(kind))
            w.u8(UInt8(p.type?.size ?? 0))
        }
        w.u32(UInt32(cases.count))
        for c in cases { w.bytes.append(contentsOf: c.encoded) }
        switch mode {
        case .validate(let calls):
            w.u32(UInt32(calls.count))
            for call in calls {
                w.u32(UInt32(call.caseIndex))
                w.u8(call.poison)
            }
        case .benchmark(let warmup, let samples, let windowNs, let maxReps, let children, let overheadFactor):
            w.u32(UInt32(warmup))
            w.u32(UInt32(samples))
            w.u64(windowNs)
            w.u32(UInt32(maxReps))
            w.u32(UInt32(children))
            w.u32(UInt32(overheadFactor))
        }
        return w.bytes
    }

    /// A generous wall-clock bound for the whole job, after which the worker itself is killed.
    var wallBudgetMs: Int {
        let compile = manifest.compileDeadlineMs * sources.count + 2000
        switch mode {
        case .validate(let calls): return compile + calls.count * (manifest.deadlineMs + 50) + 5000
        case .benchmark: return compile + 600_000
        }
    }
}
