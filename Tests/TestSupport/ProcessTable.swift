import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A view of the process table from `/proc`, used to check that the worker left no child behind
/// (a child that was never reaped stays in `/proc` as a zombie, so it is listed too).
public enum ProcessTable {
    /// One process as `/proc/<pid>/stat` describes it.
    public struct Entry: Equatable, CustomStringConvertible {
        public var pid: pid_t
        public var parent: pid_t
        /// The executable name (`comm`), without the parentheses.
        public var command: String
        /// The one-letter state: R, S, D, Z (zombie), T, ...
        public var state: Character

        public init(pid: pid_t, parent: pid_t, command: String, state: Character) {
            self.pid = pid
            self.parent = parent
            self.command = command
            self.state = state
        }

        public var description: String { "\(pid) (\(command)) \(state) ppid=\(parent)" }
    }

    /// Parses one `/proc/<pid>/stat` line: `pid (comm) state ppid ...`. The command may itself
    /// contain spaces and parentheses, so the fields after it are found from the last `)`.
    public static func parseStat(_ line: String) -> Entry? {
        guard let open = line.firstIndex(of: "("), let close = line.lastIndex(of: ")"), open < close,
              let pid = pid_t(line[..<open].trimmingCharacters(in: .whitespaces)) else { return nil }
        let command = String(line[line.index(after: open)..<close])
        let rest = line[line.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
        guard rest.count >= 2, let state = rest[0].first, let parent = pid_t(rest[1]) else { return nil }
        return Entry(pid: pid, parent: parent, command: command, state: state)
    }

    /// Every process currently visible in `/proc` (processes that vanish while scanning are skipped).
    public static func all() -> [Entry] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return names.compactMap { name -> Entry? in
            guard !name.isEmpty, name.allSatisfy(\.isNumber), let text = readSmallFile("/proc/\(name)/stat") else { return nil }
            return parseStat(text)
        }
    }

    /// The direct children of `pid`, zombies included.
    public static func children(of pid: pid_t) -> [Entry] {
        all().filter { $0.parent == pid }.sorted { $0.pid < $1.pid }
    }

    /// Every descendant of `pid` (children, their children, ...).
    public static func descendants(of pid: pid_t) -> [Entry] {
        let table = all()
        var found: [Entry] = []
        var frontier: Set<pid_t> = [pid]
        while !frontier.isEmpty {
            let next = table.filter { frontier.contains($0.parent) && !found.contains($0) }
            found += next
            frontier = Set(next.map(\.pid))
        }
        return found.sorted { $0.pid < $1.pid }
    }

    /// Reads a `/proc` file (which reports size 0, so it is read until EOF).
    private static func readSmallFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            bytes += chunk[0..<n]
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
