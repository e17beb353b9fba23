import Foundation
import KernelTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Runs gcc and loads the shared libraries it produces (adapted from KernelSyntaxTests).
enum Harness {
    /// Runs `tool` with `arguments`; returns the exit status and combined output.
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        try CompilerTools.run(tool, arguments)
    }

    /// A fresh, unique temporary directory.
    static func temporaryDirectory() throws -> URL {
        try CompilerTools.temporaryDirectory(prefix: "kernel-mutation-tests")
    }

    /// Writes `source` to `dir/name.c` and compiles it with `gcc <optimization> -shared -fPIC`
    /// (`-O0` unless told otherwise) into `dir/name.so`.
    static func compileSharedLibrary(_ source: String, name: String, in dir: URL, optimization: String = "-O0") throws -> URL {
        let cFile = dir.appendingPathComponent(name + ".c")
        let soFile = dir.appendingPathComponent(name + ".so")
        try source.write(to: cFile, atomically: true, encoding: .utf8)
        let result = try run("/usr/bin/gcc", [optimization, "-shared", "-fPIC", "-w", "-o", soFile.path, cFile.path])
        guard result.status == 0 else {
            throw HarnessError(description: "gcc failed on \(name):\n\(result.output)\n--- source ---\n\(source)")
        }
        return soFile
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

    /// The function `name`, typed as `F` (a `@convention(c)` function type).
    func function<F>(named name: String, as type: F.Type) throws -> F {
        guard let symbol = dlsym(handle, name) else { throw HarnessError(description: "dlsym(\(name)) failed") }
        return unsafeBitCast(symbol, to: type)
    }
}
