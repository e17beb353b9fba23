import Foundation
import KernelTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The C signature every corpus kernel exports as `run`.
typealias RunFunction = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int64

/// Runs external compilers and loads the shared libraries they produce.
enum Harness {
    /// Runs `tool` with `arguments`; returns the exit status and combined output.
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        try CompilerTools.run(tool, arguments)
    }

    /// A fresh, unique temporary directory.
    static func temporaryDirectory() throws -> URL {
        try CompilerTools.temporaryDirectory(prefix: "cfront-tests")
    }

    /// Writes `source` to `dir/name.c` and compiles it with gcc into `dir/name.so`.
    static func compileSharedLibrary(_ source: String, name: String, in dir: URL) throws -> URL {
        let cFile = dir.appendingPathComponent(name + ".c")
        let soFile = dir.appendingPathComponent(name + ".so")
        try source.write(to: cFile, atomically: true, encoding: .utf8)
        let result = try run("/usr/bin/gcc", ["-O0", "-shared", "-fPIC", "-o", soFile.path, cFile.path])
        guard result.status == 0 else {
            throw HarnessError(description: "gcc failed on \(name):\n\(result.output)\n--- source ---\n\(source)")
        }
        return soFile
    }

    /// Deterministic inputs: several sizes, a wide value range and a tie-heavy narrow range.
    static func inputs() -> [[Int32]] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        var result: [[Int32]] = []
        for size in [0, 1, 2, 3, 5, 8, 13, 16, 31, 64, 100] {
            result.append((0..<size).map { _ in Int32(Int(next() % 2001) - 1000) })
            result.append((0..<size).map { _ in Int32(next() % 4) })
        }
        return result
    }
}

/// A `dlopen`ed shared library, closed on deinit.
final class SharedLibrary {
    let handle: UnsafeMutableRawPointer

    init(path: String) throws {
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw HarnessError(description: "dlopen failed: \(String(cString: dlerror()))")
        }
        self.handle = handle
    }

    deinit { dlclose(handle) }

    func function(named name: String) throws -> RunFunction {
        guard let symbol = dlsym(handle, name) else {
            throw HarnessError(description: "dlsym(\(name)) failed")
        }
        return unsafeBitCast(symbol, to: RunFunction.self)
    }

    /// Calls `run` on a copy of `input`; returns the result and the array afterwards.
    func call(_ input: [Int32]) throws -> (Int64, [Int32]) {
        let run = try function(named: "run")
        var buffer = input + [0]  // never hand out a null pointer, even for n == 0
        let result = buffer.withUnsafeMutableBufferPointer { run($0.baseAddress, Int32(input.count)) }
        return (result, Array(buffer.prefix(input.count)))
    }
}
