import Foundation

/// Lets evaluations share the machine, except a deciding benchmark, which runs alone: it waits
/// until the jobs in progress finish, and no new job starts until it is done (writers first, so a
/// steady stream of short jobs cannot starve it).
final class QuietGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var running = 0
    private var exclusiveWanted = 0
    private var exclusiveRunning = false

    /// Runs `body` alongside other shared work (waits while an exclusive one is wanted or running).
    func shared<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        while exclusiveWanted > 0 { condition.wait() }
        running += 1
        condition.unlock()
        defer {
            condition.lock()
            running -= 1
            condition.broadcast()
            condition.unlock()
        }
        return try body()
    }

    /// Runs `body` with nothing else in the gate.
    func exclusive<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        exclusiveWanted += 1
        while exclusiveRunning || running > 0 { condition.wait() }
        exclusiveRunning = true
        condition.unlock()
        defer {
            condition.lock()
            exclusiveRunning = false
            exclusiveWanted -= 1
            condition.broadcast()
            condition.unlock()
        }
        return try body()
    }
}
