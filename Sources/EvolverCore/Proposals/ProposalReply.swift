import Foundation

/// A proposer's reply (a contract: one JSON object on stdout of the form
/// `{"sources": ["<complete kernel source>", ...]}`; other keys are ignored).
public enum ProposalReply {
    /// Largest reply read, in bytes: more is `too_large`.
    public static let maximumBytes = 8 << 20

    /// The sources of a reply, or a one-line reason it is not one.
    public static func sources(in reply: Data) -> Result<[String], ReplyError> {
        guard let object = try? JSONSerialization.jsonObject(with: reply, options: [.fragmentsAllowed]) else {
            return .failure(ReplyError("the reply is not JSON (it begins \(preview(reply)))"))
        }
        guard let dictionary = object as? [String: Any] else {
            return .failure(ReplyError("the reply is not a JSON object with a \"sources\" array (it begins \(preview(reply)))"))
        }
        guard let sources = dictionary["sources"] as? [Any] else {
            return .failure(ReplyError("the reply has no \"sources\" array of strings"))
        }
        var texts: [String] = []
        for (i, s) in sources.enumerated() {
            guard let text = s as? String else { return .failure(ReplyError("sources[\(i)] is not a string")) }
            texts.append(text)
        }
        return .success(texts)
    }

    /// The first characters of a reply, quoted, on one line.
    static func preview(_ reply: Data) -> String {
        let text = String(decoding: reply.prefix(60), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
        return reply.isEmpty ? "empty" : "\"\(text)\(reply.count > 60 ? "…" : "")\""
    }

    /// Why a reply is not one.
    public struct ReplyError: Error, Equatable {
        public var message: String
        init(_ message: String) { self.message = message }
    }
}
