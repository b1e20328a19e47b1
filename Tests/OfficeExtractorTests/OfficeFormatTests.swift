import ArchiveExtractor
import Foundation
import OfficeExtractor
import SluicePluginAPI
import SluiceTesting
import Testing

/// The office samples of Corpus/attachments (made by scripts/make-corpus-office.py):
/// text, title and date per format, and the ways an office file goes wrong.
@Suite struct OfficeFormatTests {
    static let attachments = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Corpus/attachments")

    /// The office plugin beside the archive plugin, in the default order: a .docx is a zip too.
    let harness = try! ExtractorHarness([OfficeExtractor(), ArchiveExtractor()])

    func sample(_ name: String) throws -> Data { try Data(contentsOf: Self.attachments.appendingPathComponent(name)) }

    @Test func wordDocument() throws {
        let r = try harness.record(try sample("防汛物资储备通知.docx"), name: "a/防汛物资储备通知.docx")
        #expect(r.extractor == "office")
        #expect(
            RecordExpectation(
                title: "关于做好防汛物资储备工作的通知", published: "2024-03-15T08:30:00Z", lang: "zh",
                textContains: ["各省、自治区、直辖市水利厅（局）：\n\n为做好", "物资\t数量\t单位\n编织袋\t20000\t条", "联系人：\t办公室"]
            ).mismatches(r) == [])
        #expect(r.meta["author"] == .string("水旱灾害防御司"))
        #expect(r.mime == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    }

    @Test func openDocumentText() throws {
        let r = try harness.record(try sample("flood-drill-minutes.odt"), name: "flood-drill-minutes.odt")
        #expect(
            RecordExpectation(
                title: "Minutes of the spring flood drill", published: "2024-03-22T14:00:00", lang: "en",
                textContains: ["Spring flood drill\n\nThe county held", "Contact: the records office\text. 4021"]
            ).mismatches(r) == [])
    }

    @Test func spreadsheetsAsTabSeparatedRows() throws {
        let r = try harness.record(try sample("reservoir-levels-2024.xlsx"), name: "levels.xlsx")
        #expect(r.title == "Reservoir levels, March 2024")
        // A gap in a row (column C empty, D filled) keeps its column.
        #expect(
            r.text.contains("March\nReservoir\tLevel (m)\tChange\nNorth Lake\t102.5\t+0.3\nWest Gorge\t87.1\t\tchecked")
        )
        #expect(r.text.contains("说明\n数据来源：水文站每日报送。"))
        #expect(r.meta["sheets"] == .strings(["March", "说明"]))
    }

    @Test func openDocumentSpreadsheetWithRepeatedCells() throws {
        let r = try harness.record(try sample("抢险队伍名单.ods"), name: "抢险队伍名单.ods")
        #expect(r.title == "抢险队伍名单" && r.published == "2024-03-25T16:20:00")
        // Two repeated empty cells keep two columns; the padding runs of empty cells and rows vanish.
        #expect(r.text == "队伍\n队伍\t人数\t驻地\n第一抢险队\t45\t东堤\n第二抢险队\t\t\t西闸")
        #expect(r.meta["sheets"] == .strings(["队伍"]))
    }

    /// A renamed .docx (no extension) is still recognised by its first part.
    @Test func sniffedWithoutTheName() throws {
        let r = try harness.record(try sample("防汛物资储备通知.docx"), name: "download")
        #expect(r.extractor == "office")
    }

    @Test func legacyBinaryOfficeIsUnsupportedWithAnExplanation() throws {
        var ole = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        ole.append(Data(repeating: 0, count: 504))
        let e = try #require(harness.error(ole, name: "通知.doc"))
        #expect(e.kind == "unsupported")
        #expect(e.message.contains("external plugin"))
    }

    @Test func brokenOrForeignPackagesGiveClearErrors() throws {
        let truncated = try sample("防汛物资储备通知.docx").prefix(300)
        #expect(harness.error(Data(truncated), name: "cut.docx")?.kind == "malformed")
        #expect(harness.error(Data("not a zip at all".utf8), name: "fake.xlsx")?.kind == "malformed")
    }

    /// A part that expands far past its compressed size is refused (limit), not read.
    @Test func expansionIsBounded() throws {
        let small = try ExtractorHarness(
            [OfficeExtractor()], limits: ExtractionLimits(maxDocumentBytes: 4096, maxCompressionRatio: 1))
        let e = try #require(small.error(try sample("防汛物资储备通知.docx"), name: "big.docx"))
        #expect(e.kind == "limit")
    }
}
