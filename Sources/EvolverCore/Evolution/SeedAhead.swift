import Foundation
import Synchronization

/// The seed's results on groups of inputs, computed in the background on a worker of their own,
/// batch by batch, while the caller uses another worker (the candidate's suite, its own runs).
/// The seed is the reference: its results are only ever compared with, never trusted to pass anything.
final class SeedAhead: @unchecked Sendable {
    /// One batch: a range of inputs of one group.
    struct Batch: Equatable {
        var group: Int
        var range: Range<Int>
    }

    let batches: [Batch]
    private let ready: [DispatchSemaphore]
    private let results = Mutex<[Int: Result<[CallResult], any Error>]>([:])
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchGroup()

    /// Starts running `seedSource` on `groups` (batches of `batch` inputs, each call within `callDeadlineMs`) on `worker`.
    init(seedSource: String, groups: [(cases: [KernelCase], poisons: [UInt8])], on worker: KernelEvaluator, batch: Int, callDeadlineMs: Int?) {
        var batches: [Batch] = []
        for (g, group) in groups.enumerated() {
            for start in stride(from: 0, to: group.cases.count, by: max(1, batch)) {
                batches.append(Batch(group: g, range: start..<min(group.cases.count, start + max(1, batch))))
            }
        }
        self.batches = batches
        ready = self.batches.map { _ in DispatchSemaphore(value: 0) }
        let job = UncheckedSendable((worker, groups))
        finished.enter()
        DispatchQueue.global().async { [self] in
            defer { finished.leave() }
            let (worker, groups) = job.value
            for (k, b) in self.batches.enumerated() {
                let result: Result<[CallResult], any Error>
                if stopped.load(ordering: .relaxed) {
                    result = .failure(CancellationError())
                } else {
                    let cases = Array(groups[b.group].cases[b.range]), poisons = Array(groups[b.group].poisons[b.range])
                    result = Result {
                        guard case .success(let calls) = try worker.run(seedSource, cases: cases, poisons: poisons, callDeadlineMs: callDeadlineMs) else {
                            throw EvolverError.workerFailed("the seed failed on differential inputs")
                        }
                        return calls
                    }
                }
                results.withLock { $0[k] = result }
                ready[k].signal()
            }
        }
    }

    /// The seed's results on one batch, waiting for them if need be.
    func results(group: Int, range: Range<Int>) throws -> [CallResult] {
        guard let k = batches.firstIndex(of: Batch(group: group, range: range)) else {
            throw EvolverError.workerFailed("no seed batch for inputs \(range) of group \(group)")
        }
        ready[k].wait()
        ready[k].signal()
        return try results.withLock { $0[k]! }.get()
    }

    /// Stops after the batch in progress and waits for it (the worker is free when this returns).
    func stop() {
        stopped.store(true, ordering: .relaxed)
        finished.wait()
    }
}
