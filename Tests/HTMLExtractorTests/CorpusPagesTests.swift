import Foundation
import SluicePluginAPI
import SluiceRuntime
import SluiceTesting
import SluiceText
import Testing

@testable import HTMLExtractor

/// The HTML pages of Corpus/ (written for Sluice by scripts/make-corpus-html.py),
/// one per template family and encoding case.
enum CorpusPages {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Corpus")

    static let harness = try! ExtractorHarness([HTMLExtractor()])

    static func record(_ path: String) throws -> CorpusRecord {
        try harness.record(try Data(contentsOf: root.appendingPathComponent(path)), name: path)
    }

    static let widgetWords = ["字号", "打印本页", "关闭窗口", "分享到", "版权所有", "网站标识码", "相关新闻", "【打印】"]
}

@Suite struct CorpusPagesTests {
    @Test func trsArticleInGBKLabelledGB2312() throws {
        let r = try CorpusPages.record("www.mwr-example.gov.cn/art/2024/3/18/art_1001_5001.html")
        let expected = RecordExpectation(
            title: "全省启动河湖清四乱专项行动", published: "2024-03-18T10:20:00", sourceOrg: "示例省水利厅河湖处",
            breadcrumb: ["首页", "新闻中心", "工作动态"], lang: "zh", encoding: "GB18030",
            textContains: ["部署全省河湖乱占、乱采、乱堆、乱建问题专项清理整治行动", "省水利厅副厅长李堃出席会议并讲话。"],
            textExcludes: CorpusPages.widgetWords + ["全省启动河湖清四乱专项行动", "发布时间", "全省河长制工作会议召开"],
            meta: ["site": .string("示例省水利厅"), "column": .string("工作动态")])
        #expect(expected.mismatches(r) == [])
        #expect(r.url == "http://www.mwr-example.gov.cn/art/2024/3/18/art_1001_5001.html")
        #expect(r.text.components(separatedBy: "\n\n").count == 3)
    }

    @Test func ucapArticleWithChineseDateAndInformationSource() throws {
        let r = try CorpusPages.record("www.ucap-example.gov.cn/col/col12/art/2024/art_77.html")
        #expect(
            RecordExpectation(
                title: "示例市推进农村供水保障工程", published: "2024-04-02", sourceOrg: "示例市水务局",
                breadcrumb: ["首页", "部门动态"], lang: "zh", encoding: "UTF-8",
                textContains: ["新建和改造集中供水工程二十三处", "让农村群众喝上放心水。"],
                textExcludes: CorpusPages.widgetWords + ["浏览次数", "【关闭】"]
            ).mismatches(r) == [])
    }

    @Test func unlabelledGB18030WithAFourByteCharacter() throws {
        let r = try CorpusPages.record("www.gb18030-example.gov.cn/tzgg/2024/0410.html")
        #expect(
            RecordExpectation(
                title: "关于做好汛前安全检查工作的通知", published: "2024-04-10", breadcrumb: ["首页", "通知公告"],
                encoding: "GB18030", textContains: ["三是组织一次应急演练。", "罕见字“𠀀”"]
            ).mismatches(r) == [])
    }

    @Test func policyPageMetadataTableGoesToMetaNotText() throws {
        let r = try CorpusPages.record("www.gov-policy-example.gov.cn/zhengce/content/2024-06/01/content_9001.htm")
        #expect(r.published == "2024-06-01")
        #expect(r.title == "示例省人民政府办公厅关于加强节水型社会建设的通知")
        #expect(r.meta["index_number"] == .string("11000000X/2024-00123"))
        #expect(r.meta["doc_number"] == .string("示政办发〔2024〕18号"))
        #expect(r.meta["issuer"] == .string("示例省人民政府办公厅"))
        #expect(r.meta["written_date"] == .string("2024-05-28"))
        #expect(r.meta["validity"] == .string("有效"))
        #expect(r.text.hasPrefix("各市、县人民政府，省政府各部门："))
        #expect(!r.text.contains("索引号") && !r.text.contains("索 引 号") && !r.text.contains("发文字号"))
        let attachments = try #require(r.meta["attachments"])
        #expect(
            attachments
                == .array([
                    .object([
                        "url": .string("http://www.gov-policy-example.gov.cn/zhengce/files/jieshui-zhibiao.pdf"),
                        "text": .string("各市用水总量控制指标.pdf"),
                    ])
                ]))
    }

    @Test func englishNewsArticle() throws {
        let r = try CorpusPages.record("news.example.org/2024/05/06/river-cleanup.html")
        #expect(
            RecordExpectation(
                title: "Volunteers clear two tonnes of litter from the riverbank", published: "2024-05-06T08:15:00Z",
                lang: "en", textContains: ["More than three hundred volunteers", "take part."],
                textExcludes: ["Most read", "Bridge repairs delayed", "All rights reserved", "Sport"]
            ).mismatches(r) == [])
        #expect(r.url == "https://news.example.org/2024/05/06/river-cleanup.html")
    }

    @Test func aDateOnlyInTheURL() throws {
        let r = try CorpusPages.record("www.mwr-example.gov.cn/xwzx/202405/t20240512_3001.html")
        #expect(r.published == "2024-05-12" && r.title == "水库移民后期扶持项目通过验收")
    }

    @Test func wgetSavedHeadersAreStrippedAndTheirCharsetUsed() throws {
        let r = try CorpusPages.record("www.mwr-example.gov.cn/saved/wget-headers.html")
        #expect(r.encoding == "GB18030" && r.title == "防汛物资储备情况通报" && r.published == "2024-04-22")
        #expect(!r.text.contains("HTTP/1.1") && !r.text.contains("nginx"))
        #expect(r.text.contains("冲锋舟一百二十艘"))
    }

    @Test func aListPageIsSkippedAsNotAnArticle() throws {
        let bytes = try Data(
            contentsOf: CorpusPages.root.appendingPathComponent("www.mwr-example.gov.cn/xwzx/gzdt/index.html"))
        let outcomes = CorpusPages.harness.outcomes(bytes, name: "index.html")
        guard case .skipped(let s) = outcomes.first, outcomes.count == 1 else {
            Issue.record("expected one skip, got \(outcomes)")
            return
        }
        #expect(s.reason == "not-article" && s.extractor == "html")
        // Kept on request, marked as a list.
        let keeping = try ExtractorHarness(
            [HTMLExtractor()], pluginOptions: ["html": PluginOptions(["keep_non_articles": .boolean(true)])])
        let kept = try keeping.record(bytes, name: "index.html")
        #expect(kept.meta["page_type"] == .string("list"))
        // Its items carry dates as well as links (56% of its text is links): a
        // nearer call than an article page with one link, and the confidence says so.
        let article = try CorpusPages.record("www.mwr-example.gov.cn/art/2024/3/18/art_1001_5001.html")
        guard case .int(let listConfidence)? = kept.meta["page_type_confidence"],
            case .int(let articleConfidence)? = article.meta["page_type_confidence"]
        else {
            Issue.record("no page_type_confidence: \(kept.meta), \(article.meta)")
            return
        }
        #expect(listConfidence < articleConfidence && articleConfidence >= 80, "\(listConfidence) \(articleConfidence)")
    }
}

@Suite struct EncodingCasesTests {
    @Test(arguments: [
        ("mislabelled/declares-utf8-is-gbk.html", "GB18030", "这一页的字节其实是GBK编码", "utf-8"),
        ("mislabelled/declares-gb2312-is-utf8.html", "UTF-8", "这一页声明了GB2312，字节却是有效的UTF-8", "gb2312"),
    ])
    func mislabelledPagesAreReadByTheirBytes(path: String, encoding: String, sentence: String, declared: String) throws
    {
        let r = try CorpusPages.record(path)
        #expect(r.encoding == encoding && r.text.contains(sentence))
        #expect(r.meta["declared_charset"] == .string(declared))
    }

    @Test func windows1252LabelledLatin1() throws {
        let r = try CorpusPages.record("english/cafe-terrace-latin1.html")
        #expect(r.encoding == "windows-1252" && r.title == "Café terrace reopens by the weir")
        #expect(r.text.contains("€40,000") && r.text.contains("naïve") && r.text.contains("“only a little late”"))
    }

    @Test func utf16WithABOM() throws {
        let r = try CorpusPages.record("english/gauges-utf16.html")
        #expect(r.encoding == "UTF-16LE" && r.extractor == "html" && r.title == "Flood gauge readings now online")
        #expect(r.text.contains("every fifteen minutes"))
    }

    @Test func theTransportCharsetOutranksTheMetaPrescan() throws {
        // UTF-8 bytes declaring gbk in <meta>, with a transport hint of utf-8: no correction needed.
        let page =
            #"<html><head><meta charset="gbk"><title>运输层</title></head><body><h1>运输层</h1><div class="content"><p>正文第一句，来自传输层的字符集优先于页面声明。正文第二句。</p></div></body></html>"#
        let r = try CorpusPages.harness.record(Data(page.utf8), name: "p.html", hints: SourceHints(charset: "utf-8"))
        #expect(r.encoding == "UTF-8" && r.text.contains("来自传输层的字符集优先于页面声明"))
        #expect(r.meta["declared_charset"] == nil)
    }

    @Test func metaPrescanFindsBothForms() {
        #expect(HTMLEncoding.metaCharset(Data(#"<meta charset="GB2312">"#.utf8)) == "gb2312")
        #expect(
            HTMLEncoding.metaCharset(Data(#"<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=gbk">"#.utf8))
                == "gbk")
        #expect(HTMLEncoding.metaCharset(Data("<p>no charset here</p>".utf8)) == nil)
    }

    @Test func httpHeadSplitReadsStatusAndCharset() {
        let (head, body) = HTTPResponseHead.split(
            Array("HTTP/1.1 404 Not Found\r\nContent-Type: text/html; charset=\"GBK\"\r\n\r\n<html>".utf8))
        #expect(head?.statusCode == 404 && head?.charset == "GBK" && body == Array("<html>".utf8))
        #expect(HTTPResponseHead.split(Array("<html>".utf8)).0 == nil)
    }
}
