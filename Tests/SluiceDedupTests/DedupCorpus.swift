import Foundation
import SluicePluginAPI
import SluiceTesting
import TextExtractor

@testable import SluiceRuntime

/// Ministry-style notices composed from phrases written for these tests,
/// with the edits republishing sites make.
enum DedupCorpus {
    static let places = ["东川", "西岭", "南湖", "北原", "青河", "白石", "金台", "云山"]
    /// Per topic: the work, what is counted and its unit, and two sentences of its own.
    static let topics: [(String, String, String, String, String)] = [
        (
            "水库安全巡查", "病险水库", "座", "巡查组逐库检查大坝、溢洪道和放水设施，对发现的渗漏和裂缝隐患建立清单。",
            "汛期前还将组织防汛抢险演练，储备编织袋、块石等物资，确保险情发生时能够及时处置。"
        ),
        (
            "高标准农田建设", "新建农田", "万亩", "项目区统一平整土地、配套灌溉渠系和田间道路，实现旱能浇、涝能排。",
            "验收合格的地块将纳入耕地保护数据库，由村集体落实后期管护，防止建后失管。"
        ),
        (
            "农村公路养护", "养护里程", "公里", "养护队伍对路面坑槽、边沟淤塞和标志缺损进行集中修补，改善群众出行条件。",
            "冬季到来前还要完成桥梁检测，对三类以上桥梁设置限载标志并安排加固资金。"
        ),
        (
            "校园食品安全检查", "检查学校", "所", "检查人员查看了食堂进货台账、留样记录和从业人员健康证明，现场抽检米面油等原料。",
            "对检查中发现的问题，学校须在十五个工作日内整改完毕，并向家长委员会通报情况。"
        ),
        (
            "基层医疗服务", "家庭医生团队", "个", "签约医生定期上门随访高血压、糖尿病患者，为老年人提供免费体检和用药指导。",
            "乡镇卫生院新增远程会诊设备，群众在家门口就能得到上级医院专家的诊疗意见。"
        ),
        (
            "河道清理整治", "清理河道", "公里", "整治行动清除河道垃圾和违章搭建，疏浚淤积河段，恢复河道行洪能力。",
            "沿河村庄设立河长公示牌，聘请保洁员每日巡河，做到垃圾日产日清。"
        ),
    ]

    /// Five paragraphs about `topic` in `place`; `seed` varies numbers and wording.
    static func paragraphs(topic: Int, place: Int, seed: Int) -> [String] {
        let (work, measure, unit, detail, next) = topics[topic % topics.count]
        let city = places[place % places.count]
        let n = 10 + (seed * 37) % 90
        return [
            "近日，\(city)市召开\(work)工作推进会，总结前一阶段工作成效，部署下一阶段重点任务。",
            "据介绍，今年以来全市共完成\(measure)\(n)\(unit)，比去年同期增长\(seed % 9 + 2)个百分点。\(detail)",
            "\(next)\(city)市将把\(work)纳入年度绩效考核，第\(seed % 4 + 1)季度前完成年度目标的\(60 + seed % 30)%。",
            "\(city)市\(work)领导小组办公室负责统筹协调，每月通报各县（市、区）\(measure)进展情况。",
            "会后，各地将围绕\(work)陆续开展专项督查，督查结果向社会公开。",
        ]
    }

    static func page(title: String, date: String, source: String, paragraphs: [String]) -> Data {
        Data("\(title)\n\n发布时间：\(date)  来源：\(source)\n\n\(paragraphs.joined(separator: "\n\n"))\n".utf8)
    }

    /// The edits of a republishing site: a paragraph dropped, a photo
    /// caption added, full-width digits and ASCII punctuation swapped in.
    static func republished(_ paragraphs: [String], drop: Int) -> [String] {
        var p = paragraphs
        p.remove(at: drop)
        p.insert("图为\(places[drop])市工作人员在现场检查。", at: 1)
        return p.map { text in
            String(
                text.map { c -> Character in
                    switch c {
                    case "0"..."9": Character(UnicodeScalar(c.unicodeScalars.first!.value + 0xFEE0)!)
                    case "，": ","
                    case "。": "."
                    default: c
                    }
                })
        }
    }

    /// Writes the crawl's pages and ingests them; returns the corpus directory.
    @discardableResult
    static func ingest(_ crawl: TemporaryDirectory, shard: ShardSelection? = nil, out: String = "out") throws -> URL {
        let output = crawl.url.appendingPathComponent(out)
        var configuration = IngestConfiguration(
            inputRoot: crawl.path + "/in", outputDirectory: output.path, commandLine: ["test"])
        configuration.shard = shard
        if let shard { configuration.outputDirectory = output.appendingPathComponent(shard.directoryName).path }
        try IngestRun(registry: try ExtractorRegistry([TextExtractor()]), configuration: configuration).run()
        return shard.map { output.appendingPathComponent($0.directoryName) } ?? output
    }

    static func write(_ crawl: TemporaryDirectory, _ path: String, _ page: Data) throws {
        try crawl.write(page, to: "in/" + path)
    }
}
