import CSandbox
import Foundation

/// One job for the worker: the kernel(s), the limits, the cases and what to do with them.
struct WorkerJob {
    enum Mode {
        /// Call kernel 0 once per entry, in this order, with this poison byte.
        case validate(calls: [(caseIndex: Int, poison: UInt8)])
        /// Time kernel 0 (incumbent) against kernel 1 (candidate), each in its own child, over `children`
        /// rounds. The cases are passes of `perPass` cases in a row, and window w of either side uses
        /// passes `w * maxReps ..< w * maxReps + reps` (so no call ever sees inputs an earlier one saw).
        /// A window lasts at least `overheadFactor` timer round trips (200: the timer costs under 0.5%).
        /// `candidateLeads`: the candidate's window comes first in the first round.
        case benchmark(warmup: Int, samples: Int, windowNs: UInt64, maxReps: Int, children: Int, overheadFactor: Int,
                       perPass: Int, candidateLeads: Bool, poisonSeed: UInt64)
    }

    var manifest: SandboxManifest
    var harness: HarnessSpec
    var sources: [String]
    var cases: [PreparedCase]
    var mode: Mode
    /// The harness's parsed prototype, which the call shim is generated from (parsed here when not given).
    var prototype: KernelPrototype?

    /// Windows a benchmark makes per side: a calibration and the warm-up in every round, then the samples.
    static func benchmarkWindows(warmup: Int, samples: Int, children: Int) -> Int {
        children * (1 + warmup) + samples
    }

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
        let prototype = self.prototype ?? harness.parsedPrototype
        w.string(prototype.shimSource(entry: manifest.entry, harness: harness))
        w.u32(UInt32(harness.params.count))
        for p in harness.params {
            let kind: Int = switch p.kind {
            case .int, .real: Int(EVS_PARAM_INT)
            case .input: Int(EVS_PARAM_INPUT)
            case .scratch: Int(EVS_PARAM_SCRATCH)
            case .output: Int(EVS_PARAM_OUTPUT)
            }
            w.u8(UInt8(kind))
            w.u8(UInt8(p.kind.isScalar ? 0 : p.type?.size ?? 0))
            Self.comparison(p.kind == .output ? p.type : nil, p.tolerance, into: &w)
        }
        if case .real(let t) = prototype.returnType { Self.comparison(t, harness.returnTolerance, into: &w) } else { Self.comparison(nil, nil, into: &w) }
        w.u32(UInt32(cases.count))
        for c in cases { w.bytes.append(contentsOf: c.encoded) }
        switch mode {
        case .validate(let calls):
            w.u32(UInt32(calls.count))
            for call in calls {
                w.u32(UInt32(call.caseIndex))
                w.u8(call.poison)
            }
        case .benchmark(let warmup, let samples, let windowNs, let maxReps, let children, let overheadFactor, let perPass, let candidateLeads, let poisonSeed):
            w.u32(UInt32(warmup))
            w.u32(UInt32(samples))
            w.u64(windowNs)
            w.u32(UInt32(maxReps))
            w.u32(UInt32(children))
            w.u32(UInt32(overheadFactor))
            w.u32(UInt32(perPass))
            w.u32(candidateLeads ? 1 : 0)
            w.u64(poisonSeed)
        }
        return w.bytes
    }

    /// How the worker compares values of `type`: the number class, then abs, rel and ulps.
    static func comparison(_ type: ElementType?, _ tolerance: Tolerance?, into w: inout ByteWriter) {
        let number: Int = switch type {
        case .f32?: EVS_NUMBER_F32
        case .f64?: EVS_NUMBER_F64
        default: EVS_NUMBER_INTEGER
        }
        w.u8(UInt8(number))
        w.u64((tolerance?.abs ?? 0).bitPattern)
        w.u64((tolerance?.rel ?? 0).bitPattern)
        w.u64(UInt64(max(0, tolerance?.ulps ?? 0)))
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
