import Foundation

/// What evaluation concluded about a kernel.
public enum Verdict: String, Codable, Sendable, CaseIterable {
    /// Compiled, matched every expected output exactly, and (when benchmarked) agreed with the seed.
    case passed
    /// Refused before compiling: a preprocessor directive reaching outside the source, too large, NUL bytes.
    case rejectedSource = "rejected_source"
    /// TinyCC reported an error, crashed, or did not finish compiling in time (macro bombs).
    case compileError = "compile_error"
    /// A symbol outside the sandbox's allowed list, or the entry symbol is missing.
    case linkError = "link_error"
    /// Compiled image or memory need over the sandbox's limits (huge static arrays).
    case resourceLimit = "resource_limit"
    /// Died during a call: bad pointer, division by zero, stack overflow, illegal instruction.
    case crashed
    /// A call did not return within the deadline (killed with SIGKILL), or exceeded its CPU limit.
    case timeout
    /// Wrote outside its output buffers or into its own code and static storage (state kept across calls).
    case memoryViolation = "memory_violation"
    /// Wrote to a read-only input.
    case inputModified = "input_modified"
    /// Tried to leave the sandbox: a forbidden system call, the timestamp counter, or writes to the harness channel.
    case sandboxViolation = "sandbox_violation"
    /// Returned a value or output that differs from the expected one (or left an output unwritten).
    case wrongOutput = "wrong_output"
    /// Passed the cheap cases, but the speed screen did not measure it faster than the incumbent, so
    /// it was neither run on the whole suite nor benchmarked (never promoted; it may stay in the
    /// population as a parent, whose offspring are validated like any other).
    case screenedOut = "screened_out"
    /// The evaluation machinery itself failed (not the kernel's fault).
    case internalError = "internal_error"
}
