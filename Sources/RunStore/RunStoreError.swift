import Foundation
import GRDB

/// Every failure of the run store. Nothing is written by an operation that throws.
public enum RunStoreError: LocalizedError, Equatable, Sendable {
    /// The store was written by a newer evolver (`found` > `supported`). It was opened
    /// read-only to find this out and left untouched.
    case newerSchema(found: Int, supported: Int)
    /// `evolver.sqlite` is not an SQLite database, is malformed, is not an evolver store,
    /// or holds a value that cannot be decoded. The file is left untouched.
    case corrupted(String)
    /// Another connection held the write lock for longer than the busy timeout (about 2 s).
    case locked(String)
    /// No run has this id.
    case unknownRun(String)
    /// The folder or file cannot be created, opened, read or written (permissions, I/O,
    /// disk full, any other SQLite failure).
    case unreadable(String)
    /// The values break an invariant of the store (duplicate or non-contiguous candidate
    /// index or promotion number, promotion of an unrecorded candidate, checkpoint ahead of
    /// the candidates, malformed hash, value out of range). Nothing of the batch was recorded.
    case rejected(String)

    /// A sentence describing the failure.
    public var errorDescription: String? {
        switch self {
        case let .newerSchema(found, supported):
            return "the run store has schema version \(found) but this evolver supports up to \(supported); use a newer evolver"
        case let .corrupted(what): return "the run store is corrupted: \(what)"
        case let .locked(what): return "the run store is locked by another process: \(what)"
        case let .unknownRun(id): return "no run with id \(id)"
        case let .unreadable(what): return "the run store cannot be used: \(what)"
        case let .rejected(what): return "rejected by the run store: \(what)"
        }
    }

    /// Maps any error thrown while `doing` something to a `RunStoreError`.
    static func wrap(_ error: any Error, doing: String) -> RunStoreError {
        if let error = error as? RunStoreError { return error }
        guard let error = error as? DatabaseError else {
            return .unreadable("\(doing): \(error)")
        }
        let message = "\(doing): \(error.message ?? "\(error.resultCode)")"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .locked("\(message) (busy timeout \(RunStore.busyTimeout) s)")
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return .corrupted(message)
        case .SQLITE_CONSTRAINT:
            return .rejected(message)
        default:
            return .unreadable(message)
        }
    }

    /// Runs `body`, mapping whatever it throws with ``wrap(_:doing:)``.
    static func mapping<T>(_ doing: @autoclosure () -> String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw wrap(error, doing: doing())
        }
    }
}
