import CSandbox
import Foundation

/// Status codes the worker reports (mirror of `EVS_*` in csandbox.h).
enum WorkerStatus: UInt32 {
    case ok = 0, rejectedSource, compileError, linkError, resourceLimit, timeout, crashed, memoryViolation, inputModified, sandboxViolation, internalError

    var verdict: Verdict {
        switch self {
        case .ok: .passed
        case .rejectedSource: .rejectedSource
        case .compileError: .compileError
        case .linkError: .linkError
        case .resourceLimit: .resourceLimit
        case .timeout: .timeout
        case .crashed: .crashed
        case .memoryViolation: .memoryViolation
        case .inputModified: .inputModified
        case .sandboxViolation: .sandboxViolation
        case .internalError: .internalError
        }
    }
}

/// What the child's fault handler saw (mirror of `EVS_FAULT_*`).
enum FaultReason: UInt8 {
    case none = 0, nullPointer, stackOverflow, pastEnd, beforeStart, inputWrite, imageWrite, timestampCounter, segfault,
         arithmetic, illegalInstruction, busError, trap, canaryPastEnd, canaryBeforeStart, badJump, readPastEnd, readBeforeStart, foreignWrite, lateWrite, aboveStack

    /// A human description, naming the parameter when there is one.
    func describe(param: String?, address: UInt64) -> String {
        let p = param.map { "`\($0)`" } ?? "a buffer"
        let at = String(format: "0x%llx", address)
        switch self {
        case .none: return "fault"
        case .nullPointer: return "null pointer dereference (address \(at))"
        case .stackOverflow: return "stack overflow (runaway recursion or huge local arrays)"
        case .pastEnd: return "wrote past the end of \(p) (hit the guard page)"
        case .beforeStart: return "wrote before the start of \(p) (hit the guard page)"
        case .inputWrite: return "wrote to read-only input \(p)"
        case .imageWrite: return "wrote to its own code or static storage (kernels may not keep state across calls)"
        case .timestampCounter: return "read the timestamp counter (rdtsc), which the sandbox forbids"
        case .segfault: return "segmentation fault at \(at)"
        case .arithmetic: return "arithmetic exception (division by zero or INT_MIN / -1)"
        case .illegalInstruction: return "illegal instruction"
        case .busError: return "bus error at \(at)"
        case .trap: return "trap instruction"
        case .canaryPastEnd: return "wrote past the end of \(p) (poisoned band changed)"
        case .canaryBeforeStart: return "wrote before the start of \(p) (poisoned band changed)"
        case .badJump: return "jumped to a non-executable address \(at)"
        case .readPastEnd: return "read past the end of \(p) (hit the guard page)"
        case .readBeforeStart: return "read before the start of \(p) (hit the guard page)"
        case .foreignWrite: return "wrote outside its buffers, into memory laid out for another call's \(p)"
        case .lateWrite: return "wrote outside its buffers, into an earlier call's \(p) (found after the last call)"
        case .aboveStack: return "read or wrote above its own stack (at \(at)), where nothing of the harness lies"
        }
    }
}
