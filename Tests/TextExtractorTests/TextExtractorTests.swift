import Foundation
import SluicePluginAPI
import SluiceTesting
import Testing

@testable import TextExtractor

/// The seed capture every developer and CI has beside the repository; a
/// user's clone does not, and the tests that need it say they skipped.
enum Seed {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/seeds/000_d3b8460d3d7399d6.txt")
        .standardizedFileURL
    static var isPresent: Bool { FileManager.default.fileExists(atPath: url.path) }
}

@Suite struct TextExtractorTests {
    let harness = try! ExtractorHarness(TextExtractor())

    static func gb18030(_ s: String) -> Data {
        // Encoded by the decoder's converter in reverse would be circular;
        // glibc's iconv is reached here only through the process under test,
        // so encode with Python-equivalent tables for the few characters used.
        var out = Data()
        for scalar in s.unicodeScalars {
            switch scalar {
            case "通": out += [0xCD, 0xA8]
            case "知": out += [0xD6, 0xAA]
            case "正": out += [0xD5, 0xFD]
            case "文": out += [0xCE, 0xC4]
            case "。": out += [0xA1, 0xA3]
            case "\n": out += [0x0A]
            default: out += Data(String(scalar).utf8)
            }
        }
        return out
    }

    @Test(.enabled(if: Seed.isPresent, "../shared/seeds is absent (a user's clone): seed test skipped"))
    func theSeedCaptureGivesTitleBreadcrumbSubtitleAndBody() throws {
        let r = try harness.record(try Data(contentsOf: Seed.url), name: "000_d3b8460d3d7399d6.txt")
        #expect(r.title == "学先进 当典型 建功业")
        #expect(r.breadcrumb == ["国家移民管理局 手机版 移民管理要闻", "正文"])
        #expect(r.lang == "zh" && r.encoding == "UTF-8" && r.mime == "text/plain")
        #expect(r.meta["subtitle"] == .string("全国移民管理机构迅速掀起向首届“十大国门卫士”学习热潮"))
        #expect(!r.text.contains("当前位置") && !r.text.contains("学先进 当典型"))
        #expect(!r.text.hasPrefix("——") && !r.text.contains("学习热潮\n"))
        let paragraphs = r.text.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 4)
        #expect(paragraphs[0].hasPrefix("榜样力量催人奋进"))
        #expect(paragraphs[1].hasPrefix("一、") && paragraphs[2].hasPrefix("二、") && paragraphs[3].hasPrefix("三、"))
    }

    @Test func aShapedCaptureGivesItsHeaderFields() throws {
        let page = """
            当前位置：首页 > 政务公开 > 通知公告

            关于做好汛期值班工作的通知

            发布时间：2024-06-01 08:00　来源：示例市应急管理局　作者：周敏

            各区应急管理局：请严格落实24小时值班制度。

            特此通知。
            """
        let r = try harness.record(Data(page.utf8), name: "notice.txt")
        #expect(
            RecordExpectation(
                title: "关于做好汛期值班工作的通知", published: "2024-06-01T08:00:00", sourceOrg: "示例市应急管理局",
                breadcrumb: ["首页", "政务公开", "通知公告"], lang: "zh", encoding: "UTF-8",
                textContains: ["各区应急管理局：请严格落实24小时值班制度。", "特此通知。"],
                textExcludes: ["发布时间", "当前位置"], meta: ["author": .string("周敏")]
            ).mismatches(r) == [])
        #expect(r.text == "各区应急管理局：请严格落实24小时值班制度。\n\n特此通知。")
    }

    @Test func aPlainTextGetsATitleOnlyWhenItsFirstLineReadsAsOne() throws {
        let titled = try harness.record(Data("Annual Report\n\nThe year went well.".utf8), name: "a.txt")
        #expect(titled.title == "Annual Report" && titled.text == "The year went well.")
        let sentence = try harness.record(Data("The year went well.\n\nMore text.".utf8), name: "b.txt")
        #expect(sentence.title == nil && sentence.text == "The year went well.\n\nMore text.")
        let noBlank = try harness.record(Data("Heading\nsecond line directly after".utf8), name: "c.txt")
        #expect(noBlank.title == nil)
    }

    @Test func encodingsAreDetectedAndRecorded() throws {
        #expect(try harness.record(Self.gb18030("通知\n正文。"), name: "g.txt").encoding == "GB18030")
        #expect(try harness.record(Self.gb18030("通知\n正文。"), name: "g.txt").text.contains("正文。"))
        let utf16 =
            Data([0xFF, 0xFE])
            + Data("Hi there\r\n\r\nBody text.".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let r16 = try harness.record(utf16, name: "w.txt")
        #expect(r16.encoding == "UTF-16LE" && r16.title == "Hi there" && r16.text == "Body text.")
        let cp1252 = try harness.record(Data([0x43, 0x61, 0x66, 0xE9, 0x20, 0x80, 0x33]), name: "c.txt")
        #expect(cp1252.encoding == "windows-1252" && cp1252.text == "Café €3")
    }

    @Test func theTransportCharsetIsPreferredWhenItDecodes() throws {
        let bytes = Self.gb18030("通知。")
        let r = try harness.record(bytes, name: "t.txt", hints: SourceHints(charset: "gb2312"))
        #expect(r.encoding == "GB18030")
        // A wrong hint that cannot decode the bytes is ignored, not trusted.
        let wrong = try harness.record(Data("中文。".utf8), name: "u.txt", hints: SourceHints(charset: "gbk"))
        #expect(wrong.encoding == "UTF-8" && wrong.text == "中文。")
    }

    @Test func binaryIsRefusedNotTurnedIntoMojibake() {
        let binary = Data([0x00, 0x01, 0x02, 0xFF]) + Data((0..<512).map { UInt8(($0 * 73 + 41) % 256) })
        let e = harness.error(binary, name: "scan.txt")
        #expect(e?.kind == "not-text" && e?.extractor == "text")
        #expect(TextExtractor().sniff(binary) == .unsure)
    }

    @Test func sniffClaimsTextWithoutAnExtensionAndNotImages() {
        #expect(TextExtractor().sniff(Data("plain words here".utf8)) == .claims)
        #expect(TextExtractor().sniff(Self.gb18030("通知正文。")) == .claims)
        #expect(
            TextExtractor().sniff(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D])) == .unsure)
        #expect(TextExtractor().sniff(Data()) == .unsure)
    }
}
