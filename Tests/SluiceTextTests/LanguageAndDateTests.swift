import Testing

@testable import SluiceText

@Suite struct LanguageIdentifierTests {
    // Sentences written for these tests (not taken from any page).
    static let simplified =
        "今年汛期以来，全省水利部门加强水库安全巡查，及时发布预警信息，组织群众转移避险。各地对病险水库实行空库运行，"
        + "确保人民群众生命财产安全。省水利厅派出工作组，深入基层检查防汛责任落实情况，督促整改发现的问题。"
    static let traditional =
        "今年汛期以來，全省水利部門加強水庫安全巡查，及時發佈預警信息，組織群眾轉移避險。各地對病險水庫實行空庫運行，"
        + "確保人民群眾生命財產安全。省水利廳派出工作組，深入基層檢查防汛責任落實情況，督促整改發現的問題。"
    static let english =
        "The ministry said on Friday that every reservoir in the province had been inspected before the rainy season, "
        + "and that the repairs found necessary would be finished by the end of the month."

    @Test(arguments: [
        (simplified, "zh"),
        (traditional, "zh-Hant"),
        (english, "en"),
        (
            "Le ministère a publié vendredi les résultats de la campagne de contrôle des barrages, et les travaux "
                + "nécessaires seront achevés avant la fin du mois selon le rapport annuel.", "fr"
        ),
        (
            "Министерство сообщило в пятницу, что все водохранилища области были проверены до начала сезона дождей, "
                + "а необходимый ремонт будет завершён до конца месяца.", "ru"
        ),
        (
            "省の発表によると、梅雨の前にすべての貯水池の点検が行われ、必要な修理は今月末までに終わる予定です。"
                + "担当者は住民に注意を呼びかけています。", "ja"
        ),
        (
            "도청은 금요일 장마철을 앞두고 모든 저수지를 점검했으며 필요한 보수 공사는 이달 말까지 마칠 예정이라고 밝혔다. "
                + "담당자는 주민들에게 주의를 당부했다.", "ko"
        ),
    ])
    func identifies(text: String, expected: String) {
        let found = LanguageIdentifier.identify(text)
        #expect(found.lang == expected)
        #expect(found.score > 0.9 && !found.isMixed)
    }

    @Test func tooLittleTextIsUndetermined() {
        #expect(LanguageIdentifier.identify("12345 --- 678").lang == "und")
        #expect(LanguageIdentifier.identify("").lang == "und")
    }

    @Test func aMixedPageListsItsLanguagesLargestFirst() {
        let found = LanguageIdentifier.identify(Self.simplified + Self.simplified + "\n\n" + Self.english)
        #expect(found.lang == "zh")
        #expect(found.languages.map(\.lang) == ["zh", "en"])
        #expect(found.languages[0].share > found.languages[1].share && found.languages[1].share >= 0.1)
        #expect(found.score == found.languages[0].share)
    }

    @Test func chineseWithEnglishTermsIsChinese() {
        #expect(LanguageIdentifier.identify("会议讨论了 GDP 与 CPI 指标的变化情况，并部署下一步工作。" + Self.simplified).lang == "zh")
    }

    @Test func declaredTagsInTheCorpusForm() {
        #expect(LanguageTag.corpusForm(of: "zh-CN") == "zh")
        #expect(LanguageTag.corpusForm(of: "zh_TW") == "zh-Hant")
        #expect(LanguageTag.corpusForm(of: "zh-Hant-HK") == "zh-Hant")
        #expect(LanguageTag.corpusForm(of: "EN-us") == "en")
        #expect(LanguageTag.corpusForm(of: "Chinese") == nil)
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
        #expect(BreadcrumbLine.parts("位置：首页 > 新闻动态") == ["首页", "新闻动态"])
        #expect(BreadcrumbLine.parts("You are here: Home » News") == ["Home", "News"])
    }
}
