import Foundation

/// Debian's `chromium`, run headless to take a screenshot of a page (`make deps` installs it).
public enum HeadlessBrowser {
    /// A failure to find the browser or to take the screenshot, in one line.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The browser's executable on `PATH`, or nil.
    public static func executable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// A screenshot of `page` in a window of `width` × `height` CSS pixels at one device pixel each.
    /// - Parameter scratch: a folder for the browser's profile and the image.
    /// - Throws: ``Failure`` when the browser is missing, fails, or writes no image.
    public static func screenshot(of page: URL, width: Int, height: Int, scratch: URL) throws -> PNGImage {
        guard let browser = executable() else {
            throw Failure(description: "chromium is not installed: 'make deps' (as root) installs Debian's chromium package")
        }
        let image = scratch.appendingPathComponent("screenshot.png")
        let profile = scratch.appendingPathComponent("browser-profile")
        // --no-sandbox: the tests run as root, where Chromium's own sandbox refuses to start.
        let result = try CommandRunner.run(browser, [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1", "--no-first-run",
            "--user-data-dir=\(profile.path)", "--window-size=\(width),\(height)", "--screenshot=\(image.path)", page.absoluteString,
        ], timeout: 120)
        guard let data = FileManager.default.contents(atPath: image.path) else {
            throw Failure(description: "chromium wrote no screenshot (exit \(result.status)): \(result.stderr.suffix(400))")
        }
        return try PNGImage(data: data)
    }
}
