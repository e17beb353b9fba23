import Foundation

/// Failures of configuration or input that the CLI reports as one line with exit code 2.
public enum EvolverError: LocalizedError, Equatable {
    /// No sandbox folder with that name exists.
    case unknownSandbox(String, known: [String])
    /// The folder holding the sandboxes could not be found.
    case sandboxesNotFound(String)
    /// A file of the sandbox is missing or unreadable.
    case unreadableFile(String)
    /// An output file could not be written (its folder is missing or not writable).
    case unwritableFile(String)
    /// A fixed file of the sandbox does not match its lock.
    case lockMismatch(sandbox: String, file: String)
    /// The sandbox has no lock file yet.
    case missingLock(String)
    /// A manifest, harness, suite or workload file is malformed.
    case invalidSandbox(sandbox: String, reason: String)
    /// The worker executable could not be found or started.
    case workerUnavailable(String)
    /// The worker broke the protocol or died outside a job.
    case workerFailed(String)
    /// The trusted scoring kernel could not be compiled or failed.
    case scoringKernel(String)
    /// A run cannot be used as asked (no checkpoint, unreadable options, no such promotion).
    case invalidRun(String)

    public var errorDescription: String? {
        switch self {
        case .unknownSandbox(let name, let known):
            return "unknown sandbox '\(name)' (available: \(known.joined(separator: ", ")))"
        case .sandboxesNotFound(let detail):
            return "cannot find the Sandboxes folder: \(detail)"
        case .unreadableFile(let path):
            return "cannot read \(path)"
        case .unwritableFile(let path):
            return "cannot write \(path)"
        case .lockMismatch(let sandbox, let file):
            return "sandbox '\(sandbox)': fixed file \(file) does not match lock.json (run 'evolver sandbox lock \(sandbox)' after a deliberate change)"
        case .missingLock(let sandbox):
            return "sandbox '\(sandbox)' has no lock.json (run 'evolver sandbox lock \(sandbox)')"
        case .invalidSandbox(let sandbox, let reason):
            return "sandbox '\(sandbox)': \(reason)"
        case .workerUnavailable(let detail):
            return "cannot start the evaluation worker: \(detail)"
        case .workerFailed(let detail):
            return "evaluation worker failed: \(detail)"
        case .scoringKernel(let detail):
            return "scoring kernel: \(detail)"
        case .invalidRun(let detail):
            return detail
        }
    }
}
