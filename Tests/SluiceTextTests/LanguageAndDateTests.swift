import Testing

@testable import SluiceText

@Suite struct LanguageDetectorTests {
    @Test(arguments: [
        ("国务院办公厅关于印发通知的说明。", "zh"),
        ("The ministry said on Friday that the reservoirs are safe and the repairs are on time.", "en"),
        ("Le ministère a publié les résultats de la campagne dans le rapport annuel.", "fr"),
        ("これは日本語の文章です。ひらがなとカタカナがあります。", "ja"),
        ("한국어 문장입니다.", "ko"),
        ("12345 --- 678", "und"),
    ])
    func detects(text: String, expected: String) {
        #expect(LanguageDetector.detect(text) == expected)
    }

    @Test func mixedChineseWithEnglishTermsIsChinese() {
        #expect(LanguageDetector.detect("会议讨论了 GDP 与 CPI 指标的变化情况，并部署下一步工作。") == "zh")
    }
}

@Suite struct DateNormalizerTests {
    @Test(arguments: [
        ("发布时间：2020-11-20 10:30", "2020-11-20T10:30:00"),
        ("2020年11月20日", "2020-11-20"),
        ("日期：2020/1/5", "2020-01-05"),
        ("2021.03.09 08:05:07", "2021-03-09T08:05:07"),
        ("2019-02-29 is not a day, 2019-03-01 is", "2019-03-01"),
        ("Published March 5, 2019 at noon", "2019-03-05"),
        ("Updated: 21 Sept 2020", "2020-09-21"),
    ])
    func normalizes(text: String, expected: String) {
        #expect(DateNormalizer.firstDate(in: text) == expected)
    }

    @Test func noDateGivesNil() {
        #expect(DateNormalizer.firstDate(in: "第12345号文件") == nil)
    }

    @Test func headerLineFieldsAreSeparated() {
        let h = ArticleHeaderLine.parse("发布时间：2024-03-15 09:30　　来源：示例省水利厅　作者：李明 责任编辑：王芳")
        #expect(h == ArticleHeaderLine(published: "2024-03-15T09:30:00", source: "示例省水利厅", author: "李明", editor: "王芳"))
        #expect(ArticleHeaderLine.parse("这是一句正文，没有标签。") == nil)
    }

    @Test func breadcrumbPartsAfterTheLabel() {
        #expect(BreadcrumbLine.parts("当前位置：首页 > 新闻中心 >\u{A0}正文") == ["首页", "新闻中心", "正文"])
        #expect(BreadcrumbLine.parts("您现在的位置： 首页 › 通知") == ["首页", "通知"])
    }
}
