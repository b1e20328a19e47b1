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
        "\u{E2}\u{80}", "混合 text 与 emoji 👍🏽 and \"e\u{301}\"", "\"\u{301}", "末尾\\",
        String(repeating: "长文本，", count: 500) + "\n" + String(repeating: "x", count: 300),
    ])
    func stringsRoundTrip(text: String) throws {
        var out = ""
        JSONText.appendQuoted(text, to: &out)
        #expect(!out.contains("\n") && !out.contains("\u{2028}") && !out.contains("\u{2029}"))
        let decoded = try JSONSerialization.jsonObject(with: Data(out.utf8), options: .fragmentsAllowed)
        #expect(decoded as? String == text)
    }
}
