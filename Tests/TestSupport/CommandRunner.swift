import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The result of running a built executable.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs built binaries the way a user does, capturing output and exit status.
public enum CommandRunner {
    /// Runs `executable` with `arguments` in `directory` (default: the package root).
    /// - Parameter timeout: seconds after which the process is killed (SIGKILL); nil waits for ever.
    public static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
                           timeout: Double? = nil) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? TestPaths.packageRoot
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        let deadline = DispatchWorkItem { kill(pid, SIGKILL) }
        if let timeout { DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: deadline) }
        defer { deadline.cancel() }
        // Read both pipes before waiting, so a large output cannot block the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let group = DispatchGroup()
        group.enter()
        let errHandle = err.fileHandleForReading
        DispatchQueue.global().async {
            errBox.data = errHandle.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errData = errBox.data
        process.waitUntilExit()
        deadline.cancel()
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs the built `evolver` CLI.
    public static func evolver(_ arguments: [String], in directory: URL? = nil) throws -> CommandResult {
        try run(TestPaths.evolver, arguments, in: directory)
    }
}
