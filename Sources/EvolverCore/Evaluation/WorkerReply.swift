import Foundation

/// The worker's answer to one job.
struct WorkerReply {
    var status: WorkerStatus
    var failedKernel: Int
    var detail: String
    var diagnostics: String
    var failingCall: Int?
    var compileNs: [UInt64]
    var imageBytes: [UInt64]
    /// Per kernel: lowercase hex SHA-256 of its relocated image in canonical form (the same at any
    /// address, in any worker), or nil when it was not relocated. The child computes it before the
    /// kernel runs, so the kernel cannot forge it.
    var imageSHA256: [String?]
    var faultReason: FaultReason
    var faultParam: Int?
    var faultAddress: UInt64
    /// Validation: calls completed and, per call, the return value and output bytes.
    var completed: Int = 0
    var outputBytes: [UInt8] = []
    /// Benchmark: passes per window of each side, the timer's round trip (subtracted from every
    /// window), whether the sides' outputs differed on a call both made, and samples (ns per pass).
    var repsA: Int = 0
    var repsB: Int = 0
    var overheadNs: UInt64 = 0
    var outputsDiffer = false
    var differWindow = 0
    var differCall = 0
    var samplesA: [UInt64] = []
    var samplesB: [UInt64] = []

    init(_ bytes: [UInt8]) throws {
        var r = ByteReader(bytes)
        let raw = try r.u32()
        // The worker only reports statuses it knows; anything else is the machinery's fault, never a pass.
        self.status = WorkerStatus(rawValue: raw) ?? .internalError
        failedKernel = Int(try r.u8())
        detail = try r.string()
        if WorkerStatus(rawValue: raw) == nil { detail = "the worker reported an unknown status \(raw): \(detail)" }
        diagnostics = try r.string()
        let call = try r.i32()
        failingCall = call < 0 ? nil : Int(call)
        compileNs = []
        imageBytes = []
        for _ in 0..<2 {
            compileNs.append(try r.u64())
            imageBytes.append(try r.u64())
        }
        imageSHA256 = []
        for _ in 0..<2 {
            let has = try r.u8()
            let digest = try r.take(32)
            guard has <= 1 else { throw EvolverError.workerFailed("bad image identity flag \(has) in reply") }
            imageSHA256.append(has == 1 ? digest.map { String(format: "%02x", $0) }.joined() : nil)
        }
        faultReason = FaultReason(rawValue: try r.u8()) ?? .segfault
        let param = try r.i32()
        faultParam = param < 0 ? nil : Int(param)
        faultAddress = try r.u64()
        let mode = try r.u32()
        if mode == 1 {
            completed = Int(try r.u32())
            let n = Int(try r.u64())
            outputBytes = Array(try r.take(n))
        } else {
            repsA = Int(try r.u32())
            repsB = Int(try r.u32())
            overheadNs = try r.u64()
            outputsDiffer = try r.u8() != 0
            differWindow = Int(try r.u32())
            differCall = Int(try r.u32())
            let n = Int(try r.u32())
            samplesA = try (0..<n).map { _ in try r.u64() }
            samplesB = try (0..<n).map { _ in try r.u64() }
        }
        guard r.offset == bytes.count else { throw EvolverError.workerFailed("trailing bytes in reply") }
    }

    /// Compiler diagnostics of one kernel, with TinyCC's `<string>` replaced by `kernel.c`.
    func diagnostics(ofKernel k: Int) -> [String] {
        diagnostics.split(separator: "\n").compactMap { line in
            guard let colon = line.firstIndex(of: ":"), Int(line[..<colon]) == k else { return nil }
            return String(line[line.index(after: colon)...]).replacingOccurrences(of: "<string>", with: "kernel.c")
        }
    }
}
