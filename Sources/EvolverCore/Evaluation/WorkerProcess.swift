import CSandbox
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One spawned `evolver-worker` process and the pipes to it.
///
/// The worker is started lazily with posix_spawn (the evolver never forks itself), restarted after
/// it dies or overruns a job's wall budget, and killed when this object goes away. Not thread-safe:
/// give each evaluating thread its own.
public final class WorkerProcess {
    /// Path of the worker executable.
    public let executable: String
    private var pid: pid_t = -1
    private var toWorker: Int32 = -1
    private var fromWorker: Int32 = -1

    /// - Parameter executable: the worker binary; see `defaultExecutable()`.
    public init(executable: String) {
        self.executable = executable
    }

    deinit {
        stop()
    }

    /// `EVOLVER_WORKER` if set, else `evolver-worker` beside the running executable.
    public static func defaultExecutable(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["EVOLVER_WORKER"], !path.isEmpty { return path }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("evolver-worker").path
    }

    /// The worker's process id, or nil when none is running.
    public var processID: pid_t? { pid > 0 ? pid : nil }

    /// A worker that dies must not take the evolver down with SIGPIPE on the next write.
    private static let ignoreBrokenPipes: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()

    private func start() throws {
        Self.ignoreBrokenPipes
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw EvolverError.workerUnavailable("\(executable) is not an executable file (build it with 'make build' or set EVOLVER_WORKER)")
        }
        var p: pid_t = 0, to: Int32 = 0, from: Int32 = 0
        let rc = evs_spawn_worker(executable, &p, &to, &from)
        guard rc == 0 else { throw EvolverError.workerUnavailable("\(executable): \(String(cString: strerror(rc)))") }
        pid = p
        toWorker = to
        fromWorker = from
    }

    /// Kills the worker (if running) and releases its pipes.
    public func stop() {
        if toWorker >= 0 { close(toWorker) }
        if fromWorker >= 0 { close(fromWorker) }
        toWorker = -1
        fromWorker = -1
        if pid > 0 { evs_kill_and_reap(pid) }
        pid = -1
    }

    /// Sends a job payload and waits for the reply payload.
    /// - Throws: `EvolverError.workerFailed` when the worker dies or overruns `timeoutMs` (it is then killed).
    func perform(_ payload: [UInt8], timeoutMs: Int) throws -> [UInt8] {
        if pid <= 0 { try start() }
        var framed = ByteWriter()
        framed.u32(UInt32(payload.count))
        framed.bytes.append(contentsOf: payload)
        let wrote = framed.bytes.withUnsafeBytes { evs_write_full(toWorker, $0.baseAddress, $0.count) }
        guard wrote == 0 else {
            stop()
            throw EvolverError.workerFailed("the worker stopped accepting jobs")
        }
        var lengthBytes = [UInt8](repeating: 0, count: 4)
        var rc = lengthBytes.withUnsafeMutableBytes { evs_read_full(fromWorker, $0.baseAddress, 4, Int32(clamping: timeoutMs)) }
        guard rc == 0 else {
            stop()
            throw EvolverError.workerFailed(rc == -2 ? "no answer within \(timeoutMs) ms (worker killed)" : "the worker died")
        }
        let length = Int(lengthBytes.reversed().reduce(UInt32(0)) { ($0 << 8) | UInt32($1) })
        var reply = [UInt8](repeating: 0, count: length)
        rc = reply.withUnsafeMutableBytes { evs_read_full(fromWorker, $0.baseAddress, length, 10_000) }
        guard rc == 0 else {
            stop()
            throw EvolverError.workerFailed("truncated reply")
        }
        return reply
    }

    /// Runs a job and decodes the reply.
    func run(_ job: WorkerJob) throws -> WorkerReply {
        try WorkerReply(try perform(job.encoded(), timeoutMs: job.wallBudgetMs))
    }
}
