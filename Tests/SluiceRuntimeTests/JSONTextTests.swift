import Foundation
import SluicePluginAPI
import Testing

@testable import SluiceRuntime

/// The corpus writer's JSON strings read back as what was written, whatever
/// the text holds: quotes, backslashes, control characters, line and
/// paragraph separators, CJK, emoji and combining marks next to escapes.
@Suite struct JSONTextTests {
    @Test(arguments: [
        "", "plain", "引号\"与反斜杠\\", "line\nbreak\r\ttab", "\u{0}\u{1}\u{1F}\u{7F}", "a\u{2028}b\u{2029}c",
        "\u{E2}\u{80}", "\u{2028}", "end\u{2029}", "混合 text 与 emoji 👍🏽 and \"e\u{301}\"", "\"\u{301}", "末尾\\",
        String(repeating: "长文本，", count: 500) + "\n" + String(repeating: "x", count: 300),
    ])
    func stringsRoundTrip(text: String) throws {
        var bytes: [UInt8] = []
        JSONText.appendQuoted(text, to: &bytes)
        let out = try #require(String(validating: bytes, as: UTF8.self))
        #expect(!out.contains("\n") && !out.contains("\u{2028}") && !out.contains("\u{2029}"))
        let decoded = try JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)
        #expect(decoded as? String == text)
    }

    /// The escapes are the short forms where JSON has one, else `\u` with four lowercase hex digits.
    @Test func escapesAreSpelledOut() {
        var bytes: [UInt8] = []
        JSONText.appendQuoted("\"\\\n\r\t\u{1}\u{1F}\u{2028}\u{2029}\u{7F}", to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #""\"\\\n\r\t\u0001\u001f\u2028\u2029\#u{7F}""#)
    }
}
