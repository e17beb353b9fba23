import Foundation

/// A fixed set of evaluators (one worker process each) lent to parallel evaluations.
final class EvaluatorPool: @unchecked Sendable {
    private var free: [KernelEvaluator]
    private let lock = NSLock()
    private let available: DispatchSemaphore

    init(_ evaluators: [KernelEvaluator]) {
        free = evaluators
        available = DispatchSemaphore(value: evaluators.count)
    }

    /// Runs `body` with an evaluator no one else is using.
    func with<T>(_ body: (KernelEvaluator) throws -> T) rethrows -> T {
        available.wait()
        lock.lock()
        let evaluator = free.removeLast()
        lock.unlock()
        defer {
            lock.lock()
            free.append(evaluator)
            lock.unlock()
            available.signal()
        }
        return try body(evaluator)
    }
}

/// Results written by parallel evaluations, one slot each.
final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: T) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    var values: [T?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
