import Foundation

/// A kernel compiled by `gcc -O2 -shared` and loaded with dlopen: the reference toolchain.
final class GCCReference {
    let handle: UnsafeMutableRawPointer
    let entry: UnsafeMutableRawPointer

    /// Compiles and loads `source`. - Throws: when gcc or dlopen fails.
    init(source: String, entry name: String, directory: URL) throws {
        let c = directory.appendingPathComponent("kernel-\(UUID().uuidString).c")
        let so = c.deletingPathExtension().appendingPathExtension("so")
        try source.write(to: c, atomically: true, encoding: .utf8)
        let status = try run("/usr/bin/gcc", ["-O2", "-shared", "-fPIC", "-o", so.path, c.path])
        guard status == 0 else { throw BenchError("gcc failed on \(c.path)") }
        guard let h = dlopen(so.path, RTLD_NOW | RTLD_LOCAL) else { throw BenchError("dlopen \(so.path) failed") }
        guard let f = dlsym(h, name) else { throw BenchError("no \(name) in \(so.path)") }
        handle = h
        entry = f
        try? FileManager.default.removeItem(at: c)
        try? FileManager.default.removeItem(at: so)
    }

    deinit {
        dlclose(handle)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Runs a program to completion, returning its exit status.
@discardableResult
func run(_ path: String, _ args: [String], quiet: Bool = true) throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    if quiet {
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
    }
    try p.run()
    p.waitUntilExit()
    return p.terminationStatus
}

/// Runs a program to completion and returns what it printed on standard output.
func output(_ path: String, _ args: [String]) throws -> String {
    let p = Process()
    let pipe = Pipe()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    p.standardOutput = pipe
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// Median of values (upper median for even counts).
func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    return s.isEmpty ? 0 : s[s.count / 2]
}

/// Wall time of a closure, in nanoseconds.
func timeNs(_ body: () throws -> Void) rethrows -> Double {
    let t0 = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - t0)
}
