#!/usr/bin/env python3
"""Writes N plain-text captures that look like Chinese government news, for
benchmarks of the corpus report, full-text search and near-duplicate detection.

Every sentence comes from templates invented here (no text is copied from any
site or from /work/shared); provinces, cities and people are fictitious. Each
file has the layout the text plugin reads (trail, headline, 发布时间/来源 line,
blank line, paragraphs) and lives at OUT_DIR/<site>/<yyyy>/<mm>/<id>.txt over 40
sites and 2019-01..2024-12. A share of the documents (--dup-share) belong to
near-duplicate clusters: an original plus 1-5 copies on other sites, edited the
way republishing sites do (new trail and header, 来源/编辑 changed, a paragraph
dropped, full/half-width punctuation and digits swapped, a photo caption, other
whitespace), a few of them byte-exact. --truth writes one JSON line a document:
{"path", "cluster", "kind": "original"|"near"|"exact"|null}.

  python3 scripts/make-synthetic-news.py OUT_DIR --docs N [--seed S] [--dup-share 0.15] [--truth truth.jsonl]

Output depends only on N, S and the share."""
import argparse, datetime, json, os, random, time

# --- vocabulary ---------------------------------------------------------------
# domain: (provincial department, national body, city bureau, host prefix, national host,
#          topics, tasks, (statistic, unit) pairs, places)
DOMAINS = [
    ("农业农村厅", "农业农村部", "农业农村局", "nyt", "moa",
     "高标准农田建设 春耕备耕 粮食生产 农村人居环境整治 乡村产业发展 农产品质量安全 动物疫病防控 农业面源污染治理 种业振兴 设施农业 农业机械化 秋收秋种 农民合作社规范提升",
     "耕地质量保护 农资打假 基层农技推广 冬春农田水利建设 病虫害统防统治 秸秆综合利用 畜禽粪污资源化利用 农村改厕 土地流转规范管理 农业保险扩面",
     [("高标准农田", "万亩"), ("粮食播种面积", "万亩"), ("农机具", "万台"), ("家庭农场", "家"), ("农产品抽检", "批次"), ("现代农业产业园", "个")],
     "田间地头 育秧工厂 示范基地 农机合作社 蔬菜大棚 种子企业"),
    ("水利厅", "水利部", "水利局", "slt", "mwr",
     "防汛备汛 水库除险加固 河湖长制 农村供水保障 水土保持 节约用水 水资源管理 山洪灾害防御 灌区现代化改造 地下水超采治理 河道采砂管理 幸福河湖建设",
     "汛前安全检查 堤防隐患排查 水文监测预报 取水许可审批 涉河项目监管 小型水库管护 水利工程质量监督 河湖清四乱 水毁工程修复 农村饮水水质检测",
     [("病险水库", "座"), ("河道治理长度", "公里"), ("水土流失治理面积", "平方公里"), ("农村供水工程", "处"), ("水利投资", "亿元"), ("节水载体", "个")],
     "水库大坝 河道堤防 灌区渠首 供水厂 水文站 泵站"),
    ("教育厅", "教育部", "教育局", "jyt", "moe",
     "义务教育优质均衡发展 课后服务 高校毕业生就业 职业教育产教融合 学前教育普及 校园安全 教师队伍建设 学生资助 劳动教育 语言文字工作 高考组织 教育数字化",
     "校舍安全排查 食堂食品安全检查 教师培训 招生入学 控辍保学 心理健康教育 家校共育 校外培训监管 教育督导评估 毕业生就业帮扶",
     [("新建改扩建校舍", "所"), ("新增学位", "万个"), ("资助学生", "万人次"), ("培训教师", "万人次"), ("校企合作项目", "个"), ("教育投入", "亿元")],
     "校园 实训基地 幼儿园 教室 招聘会现场 图书馆"),
    ("卫生健康委员会", "国家卫生健康委员会", "卫生健康局", "wsjkw", "nhc",
     "家庭医生签约服务 基层医疗卫生服务能力提升 传染病防控 公立医院改革 妇幼健康 老年健康服务 爱国卫生运动 医疗质量安全 中医药传承创新 健康科普 职业病防治 县域医共体建设",
     "院感防控 急诊急救能力建设 药品耗材集中采购 村卫生室标准化建设 慢性病管理 健康体检 医疗服务价格管理 医务人员培训 无偿献血 疫苗接种",
     [("家庭医生团队", "个"), ("签约居民", "万人"), ("基层诊疗量", "万人次"), ("义诊活动", "场"), ("乡镇卫生院", "家"), ("健康讲座", "场")],
     "社区卫生服务中心 乡镇卫生院 义诊 医院门诊大厅 村卫生室 急救中心"),
    ("交通运输厅", "交通运输部", "交通运输局", "jtt", "mot",
     "农村公路建设 道路运输安全 高速公路建设 城市公交优先发展 内河航运 交通运输综合执法 冷链物流 春运服务保障 治超工作 公路养护 客运站安全管理 交通基础设施投资",
     "桥梁隐患排查 危险货物运输监管 驾培市场整治 网约车规范管理 公路安全生命防护工程 航道疏浚 客运车辆动态监控 物流降本增效 城乡客运一体化 道路应急保通",
     [("农村公路", "公里"), ("高速公路通车里程", "公里"), ("交通投资", "亿元"), ("危旧桥梁改造", "座"), ("新能源公交车", "辆"), ("旅客发送量", "万人次")],
     "施工现场 高速服务区 客运站 港口码头 物流园区 公路养护站"),
    ("生态环境厅", "生态环境部", "生态环境局", "sthjt", "mee",
     "大气污染防治 水污染防治 土壤污染防治 生态环境保护督察整改 排污许可管理 固体废物治理 生态保护红线监管 入河排污口排查整治 挥发性有机物治理 环境执法 碳排放管理 生态文明示范创建",
     "重点排污单位监管 空气质量监测 饮用水水源地保护 危险废物规范化管理 环评审批服务 突发环境事件应急 噪声污染防治 农村黑臭水体治理 第三方环保服务监管 环境信用评价",
     [("优良天数比例", "%"), ("检查企业", "家"), ("整改问题", "个"), ("监测点位", "个"), ("治理项目", "个"), ("环保投入", "亿元")],
     "监测站 企业排污口 河道断面 污水处理厂 执法检查 固废处置中心"),
    ("商务厅", "商务部", "商务局", "swt", "mofcom",
     "促进消费 外贸稳规模优结构 招商引资 县域商业体系建设 电子商务进农村 老字号保护发展 跨境电商 外资企业服务 内外贸一体化 步行街改造提升 便民生活圈建设 展会组织",
     "重点外贸企业帮扶 消费券发放 市场保供稳价 再生资源回收 家电以旧换新 商贸流通安全检查 境外经贸合作 服务贸易创新 农产品产销对接 商务信用建设",
     [("社会消费品零售总额", "亿元"), ("进出口总额", "亿元"), ("实际使用外资", "亿元"), ("签约项目", "个"), ("网络零售额", "亿元"), ("参展企业", "家")],
     "展会 商业街区 物流仓储中心 农产品直播间 招商推介会 超市"),
    ("自然资源厅", "自然资源部", "自然资源和规划局", "zrzyt", "mnr",
     "国土空间规划 耕地保护 不动产登记 地质灾害防治 矿产资源管理 自然资源确权登记 国土绿化 土地节约集约利用 测绘地理信息 违法用地整治 国土空间生态修复 海域海岛管理",
     "地灾隐患点巡查 土地卫片执法 矿山生态修复 用地审批服务 耕地占补平衡 批而未供土地处置 基本农田划定 村庄规划编制 不动产登记便民服务 地理信息安全监管",
     [("地灾隐患点", "处"), ("供地面积", "公顷"), ("生态修复面积", "公顷"), ("不动产登记业务", "万件"), ("补充耕地", "亩"), ("矿山", "座")],
     "地灾隐患点 矿区 登记大厅 林地 海岸带 规划展示馆"),
    ("住房和城乡建设厅", "住房和城乡建设部", "住房和城乡建设局", "zjt", "mohurd",
     "城镇老旧小区改造 保障性住房建设 城市更新 建筑施工安全 农村危房改造 物业服务质量提升 城市燃气安全 生活垃圾分类 海绵城市建设 历史文化街区保护 住房公积金管理 工程建设领域欠薪治理",
     "建筑工地扬尘治理 房屋安全排查 市政设施维护 建筑市场监管 预售资金监管 城市排水防涝 绿色建筑推广 装配式建筑发展 燃气管网改造 小区加装电梯",
     [("老旧小区", "个"), ("保障性租赁住房", "套"), ("燃气管网改造", "公里"), ("建筑工地", "个"), ("加装电梯", "部"), ("城建投资", "亿元")],
     "改造小区 建筑工地 燃气管网施工 城市道路 物业服务中心 排水泵站"),
    ("人力资源和社会保障厅", "人力资源和社会保障部", "人力资源和社会保障局", "rst", "mohrss",
     "稳就业 技能人才培养 根治欠薪 养老保险制度改革 职称制度改革 创业担保贷款 零工市场建设 工伤保险 社保卡一卡通 人事考试 劳动关系协调 公共就业服务",
     "专场招聘会 职业技能培训 劳动保障监察 失业保险稳岗返还 就业见习 农民工返乡创业 社保基金监管 劳动人事争议调解 技工院校建设 高技能人才评价",
     [("城镇新增就业", "万人"), ("招聘会", "场"), ("提供岗位", "万个"), ("补贴性职业技能培训", "万人次"), ("追发工资", "亿元"), ("发放创业担保贷款", "亿元")],
     "招聘会现场 技能大赛 零工市场 培训课堂 社保服务大厅 劳动仲裁庭"),
    ("科学技术厅", "科学技术部", "科学技术局", "kjt", "most",
     "科技型中小企业培育 高新技术企业认定 科技成果转化 创新平台建设 科技特派员工作 关键核心技术攻关 科研诚信建设 科技金融 新型研发机构建设 技术合同登记 科普工作 科技人才引育",
     "重大科技专项 研发费用加计扣除 孵化器建设 产学研合作 科技计划项目管理 科技奖励评审 创新券发放 实验室建设 科技资源共享 科研经费监管",
     [("高新技术企业", "家"), ("技术合同成交额", "亿元"), ("科技型中小企业", "家"), ("研发投入", "亿元"), ("科技特派员", "名"), ("创新平台", "个")],
     "实验室 科技园区 孵化器 企业研发中心 成果发布会 科普展馆"),
    ("文化和旅游厅", "文化和旅游部", "文化广电和旅游局", "wlt", "mct",
     "文旅消费 非物质文化遗产保护 公共文化服务 旅游市场秩序整治 乡村旅游 文物安全 文化市场综合执法 节假日旅游服务 景区管理 演出市场管理 全民阅读 红色旅游",
     "景区安全检查 旅行社监管 文旅项目招商 非遗传承人培训 图书馆服务提升 群众文化活动 导游队伍建设 文化产业园区建设 智慧旅游 游客投诉处理",
     [("接待游客", "万人次"), ("旅游收入", "亿元"), ("文化活动", "场"), ("非遗项目", "项"), ("检查经营场所", "家"), ("乡村旅游重点村", "个")],
     "景区 非遗展演 文化广场 博物馆 古镇街区 民宿集聚区"),
    ("应急管理厅", "应急管理部", "应急管理局", "yjt", "mem",
     "安全生产专项整治 森林防灭火 防灾减灾救灾 危险化学品安全 应急救援队伍建设 自然灾害风险普查 非煤矿山安全 烟花爆竹安全 汛期安全生产 应急预案演练 工贸行业安全 燃气安全排查",
     "重大事故隐患排查 安全生产执法检查 应急物资储备 灾害信息员培训 安全生产责任保险 企业主要负责人培训 有限空间作业管理 粉尘涉爆企业治理 预警信息发布 避难场所建设",
     [("检查企业", "家"), ("排查隐患", "处"), ("应急演练", "场"), ("救援队伍", "支"), ("应急物资", "万件"), ("培训人员", "万人次")],
     "演练 救援基地 林区检查站 化工园区 应急指挥中心 矿山井口"),
    ("市场监督管理局", "国家市场监督管理总局", "市场监督管理局", "scjgj", "samr",
     "食品安全 特种设备安全 知识产权保护 价格监督检查 经营主体培育 产品质量监督抽查 药品安全 计量工作 网络交易监管 标准化建设 反不正当竞争 消费者权益保护",
     "校园食品安全检查 电梯维保质量检查 商标侵权查处 明码标价检查 个体工商户帮扶 工业产品许可 检验检测机构监管 广告监测 商品条码管理 投诉举报处理",
     [("经营主体", "万户"), ("抽检批次", "批次"), ("检查特种设备", "台"), ("查处案件", "件"), ("挽回经济损失", "万元"), ("新增企业", "万户")],
     "农贸市场 商超 电梯检验 执法检查 校园食堂 检验实验室"),
]

PROVINCES = "东岚 西陵 南屏 北岳 青原 云泽 沧澜 临溪 安澜 平川 金源 玉衡 松岭 嘉禾 望川 鹤汀".split()
CITY_A = "临 安 清 平 宁 丰 永 长 新 兴 靖 和 泰 福 桂 宜 瑞 庆 常 越".split()
CITY_B = "阳 川 山 溪 泉 州 城 江 源 河 林 原 陵 水 岭 浦".split()
SURNAMES = "王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 胡 朱 高 林 何 郭 马 罗 梁 宋 郑 谢 韩 唐 冯 于 董 萧".split()
GIVEN = "建 国 明 华 伟 军 平 志 海 立 晓 红 文 静 丽 勇 强 斌 涛 磊 敏 春 德 新 宏 卫 东 玉 秀 云 峰 瑶 雪 凯".split()
TITLES = ["党组书记、厅长", "厅长", "副厅长", "党组成员、副厅长", "一级巡视员", "二级巡视员", "总工程师", "副主任", "主任"]
CITY_TITLES = ["副市长", "市政府副秘书长", "局长", "党组书记、局长", "副局长", "分管负责同志"]

PRINCIPLES = ["以人民为中心的发展思想", "稳中求进工作总基调", "问题导向和目标导向相结合", "系统观念", "底线思维",
              "创新驱动", "因地制宜、分类施策", "统筹发展和安全", "实事求是、尊重规律", "依法行政", "守正创新", "试点先行、以点带面"]
VERBS = ["推动", "加快", "深化", "强化", "狠抓", "落实", "统筹推进", "提升", "优化", "扎实推进", "持续推进", "全面加强", "着力抓好", "用心做好", "稳步推进", "大力推进"]
SET_UP = ["建立", "健全", "完善", "落实", "用好"]
MEETINGS = ["工作会议", "推进会", "现场推进会", "视频调度会", "座谈会", "专题会议", "培训班", "新闻发布会", "工作部署会", "调研座谈会", "动员会", "总结会", "联席会议"]
MECHANISMS = ["工作台账", "责任清单", "问题清单", "督导检查机制", "定期调度机制", "联席会议制度", "考核评价体系", "信息报送制度",
              "监测预警体系", "闭环管理机制", "包保责任制", "通报约谈制度", "跟踪问效机制", "专班推进机制"]
GOALS = ["确保各项任务按期完成", "确保工作取得实效", "确保不发生重大风险", "不断增强群众获得感、幸福感、安全感", "为全{p}经济社会发展作出新的贡献",
         "确保年度目标任务圆满完成", "让群众看到实实在在的变化", "推动各项政策措施落地见效", "守牢安全底线", "形成一批可复制可推广的经验"]
LEVELS = ["各市州", "各县（市、区）", "各有关单位", "厅属各单位", "各级{d}部门", "各地", "各成员单位", "各处室"]
WHENS = ["近日", "日前", "{m}月{dd}日", "{m}月{dd}日至{dd2}日", "{m}月{dd}日上午", "{m}月{dd}日下午", "{m}月{part}"]
ATTITUDES = ["高度重视", "思想认识到位", "行动迅速", "精心组织", "主动作为", "压实责任", "上下联动", "密切配合"]
WEAKNESSES = ["发展不平衡不充分的问题依然存在", "部分地区工作进度相对滞后", "基层力量还比较薄弱", "一些深层次矛盾尚未根本解决",
              "资金保障压力较大", "个别单位责任落实不够到位", "监管手段有待进一步丰富", "群众参与度还需提高"]
SPOKEN = ["我们将把这项工作作为重中之重来抓", "下一步还要在细节上多下功夫", "群众满意是检验工作成效的标准", "只有把基础打牢，才能走得更稳",
          "这件事关系到千家万户", "我们的目标是让每一项措施都落到实处", "现在办事比以前方便多了", "这几年变化确实很大", "政策好，我们心里更有底了",
          "接下来我们会继续加大投入"]
ORDINALS = "一二三四五六七八九十"
CAPTIONS = ["（图为{c}{pl}现场）", "（图为{pl}一角）", "图为{c}工作人员在{pl}开展检查。", "（图为{p}{t}工作现场　{n} 摄）", "▲ 图为{c}{pl}。"]
TRAIL_LABELS = ["当前位置：", "您现在的位置：", "当前位置: ", "您当前的位置：", "所在位置："]
TRAIL_SEPS = [" > ", " >> ", "＞", " → ", " > "]
TRAIL_ROOTS = ["首页", "网站首页", "首页", "门户首页"]
TRAIL_SECTIONS = [["新闻中心", "工作动态"], ["新闻中心", "要闻动态"], ["政务公开", "通知公告"], ["新闻动态", "市县动态"], ["信息公开", "工作动态"],
                  ["要闻", "本地要闻"], ["新闻资讯", "图片新闻"], ["政务动态", "部门动态"], ["新闻中心", "基层动态"], ["工作动态"]]
HEADER_STYLES = ["发布时间：{d} {t}  来源：{s}", "发布日期：{d}　　来源：{s}", "时间：{d} {t}　来源：{s}", "来源：{s}　发布时间：{d}",
                 "信息来源：{s}  发布时间：{d} {t}", "发布时间：{dc}　来源：{s}", "日期：{d}  来源：{s}  字号：大 中 小"]


def build_sites():
    """40 sites, the same for every seed: (host, style, kind, domain index, province, city)."""
    r = random.Random("sluice-sites")
    cities = [r.sample([a + b for a in CITY_A for b in CITY_B], 6) for _ in PROVINCES]
    sites = []
    def style():
        sections = r.sample(TRAIL_SECTIONS, 2)
        return (r.choice(TRAIL_LABELS), r.choice(TRAIL_SEPS), r.choice(TRAIL_ROOTS), sections,
                r.choice(HEADER_STYLES), r.random() < 0.3, r.random() < 0.2)  # indent paragraphs, subtitle habit
    pairs = r.sample([(d, p) for d in range(len(DOMAINS)) for p in range(len(PROVINCES))], 26)
    for d, p in pairs:  # provincial departments
        sites.append((f"{DOMAINS[d][3]}.province-{p + 1:02d}.gov.cn", style(), "dept", d, p, None))
    for k in range(8):  # city portals, every domain
        p = r.randrange(len(PROVINCES))
        sites.append((f"www.city-{k * 5 + 3:02d}.gov.cn", style(), "city", None, p, r.choice(cities[p])))
    for d in r.sample(range(len(DOMAINS)), 6):  # national bodies
        sites.append((f"www.{DOMAINS[d][4]}-example.gov.cn", style(), "national", d, None, None))
    return sites, cities


SITES, CITIES = build_sites()
SAME = [[i for i, s in enumerate(SITES) if s[3] in (d, None)] for d in range(len(DOMAINS))]
TOPICS = [d[5].split() for d in DOMAINS]
TASKS = [d[6].split() for d in DOMAINS]
PLACES = [d[8].split() for d in DOMAINS]
TO_HALF = str.maketrans({"，": ",", "。": ".", "：": ":", "；": ";", "（": "(", "）": ")", "“": '"', "”": '"', "！": "!", "？": "?", "％": "%"})
TO_FULL = str.maketrans({**{str(i): chr(0xFF10 + i) for i in range(10)}, "%": "％", ".": "．"})
START = datetime.date(2019, 1, 1).toordinal()
DAYS = datetime.date(2024, 12, 31).toordinal() - START + 1


# --- one document ---------------------------------------------------------------
def make_doc(R, site_index):
    """The fields of an original document published by SITES[site_index]."""
    rand = R.random
    C = lambda seq: seq[int(rand() * len(seq))]  # faster than R.choice and R.randint
    ri = lambda lo, hi: lo + int(rand() * (hi - lo + 1))
    host, st, kind, d, p, city = SITES[site_index]
    if d is None:
        d = R.randrange(len(DOMAINS))
    if p is None:
        p = R.randrange(len(PROVINCES))
    dept, national, bureau, _, _, _, _, stats, _ = DOMAINS[d]
    prov = PROVINCES[p] + "省"
    city = city or C(CITIES[p])
    cityname = city + "市"
    org = {"dept": prov + dept, "city": cityname + bureau, "national": national}[kind]
    topics = R.sample(TOPICS[d], 4)
    tasks = R.sample(TASKS[d], 5)
    topic = topics[0]
    date = datetime.date.fromordinal(START + R.randrange(DAYS))
    y, m = date.year, date.month
    def name():
        return C(SURNAMES) + C(GIVEN) + (C(GIVEN) if R.random() < 0.7 else "")
    leader = (C(CITY_TITLES) if kind == "city" else C(TITLES)) + name()
    area = {"dept": "省", "city": "市", "national": "国"}[kind]
    def when():  # a day before publication
        day = date.day
        if day <= 3:
            return C(("近日", "日前"))
        dd2 = ri(2, day - 1)
        return C(WHENS).format(m=m, dd=max(1, dd2 - ri(1, 3)), dd2=dd2, part=C(("上旬", "中旬", "下旬")[:1 + (day > 10) + (day > 20)]))
    def num():
        return C((str(ri(2, 99)), str(ri(100, 9999)), "%d.%d" % (ri(1, 999), ri(1, 9))))
    def stat():
        s, u = C(stats)
        if u == "%":
            return C(("{s}达到{n}%", "{s}较上年提高{q}个百分点")).format(s=s, n="%d.%d" % (ri(60, 98), ri(0, 9)), q="%d.%d" % (ri(0, 9), ri(1, 9)))
        return C(("累计完成{s}{n}{u}", "{s}达到{n}{u}", "新增{s}{n}{u}", "{s}{n}{u}，同比增长{q}%", "{s}{n}{u}，较上年提高{q}个百分点")).format(
            s=s, n=num(), u=u, q="%d.%d" % (ri(1, 30), ri(0, 9)))
    def measures(k):
        t0, m0 = ri(0, 4), ri(0, len(MECHANISMS) - 1)
        return "，".join(C(VERBS) + tasks[(t0 + i) % 5] if rand() < 0.6 else C(SET_UP) + MECHANISMS[(m0 + i) % len(MECHANISMS)]
                         for i in range(k))
    lv = lambda: C(LEVELS).format(d=dept.rstrip("厅局委员会") or "有关")
    counties = [C(CITY_A) + C(CITY_B) + C("县区") for _ in range(3)]

    li = R.randrange(5)
    lead = (
        "{w}，{o}召开{t}{mt}，{why}。{l}出席会议并讲话。",
        "{w}，{o}在{c}组织召开全{a}{t}{mt}，{review}。",
        "为{v}{t}，{w}，{o}{l}带队赴{c}{k}等地，{visit}{t2}和{task}工作开展情况。",
        "{w}，记者从{o}获悉，{since}年以来全{a}{t}工作{prog}，{st}。",
        "{w}，{o}印发《关于{v}{t}的{plan}》，明确了{n}项重点任务和{n2}条具体措施。",
    )[li].format(w=when(), o=org, t=topic, t2=topics[1], mt=C(MEETINGS), l=leader, c=cityname, k=counties[0], a=area, y=y,
                 st=stat(), v=C(VERBS), task=tasks[0], n=ri(3, 12), n2=ri(10, 40), since=y - (m <= 2),
                 why=C(("传达学习有关会议精神", "通报近期工作进展", "研究部署" + C(("春季", "夏季", "秋冬季", "下半年", "年度")) + "重点工作",
                        "听取各地工作情况汇报", "安排部署" + tasks[1] + "工作", "交流各地经验做法")),
                 review=C(("总结前一阶段工作，分析当前形势，部署下一步重点任务", "回顾" + str(y - 1) + "年工作，安排" + str(y) + "年重点任务",
                           "通报" + tasks[1] + "进展情况，部署" + tasks[2] + "等工作", "推动各项任务落地落细")),
                 visit=C(("实地调研", "督导检查", "专题调研", "暗访检查")),
                 prog=C(("取得积极进展", "稳步推进", "呈现良好态势", "取得阶段性成效")),
                 plan=C(("实施方案", "若干措施", "工作方案", "行动计划", "指导意见")))
    said, stressed, asked = (("会议指出", "会议强调", "会议要求"), ("会议认为", "会议强调", "会议要求"),
                             ("调研中，" + leader + "指出", "他强调", "他要求"), (org + "有关负责人介绍", "该负责人强调", org + "要求"),
                             ("《" + C(("方案", "措施")) + "》指出", "文件强调", "文件要求"))[li]
    but = C(("同时也要清醒看到", "但也要看到", "在肯定成绩的同时，也要看到", "与此同时"))
    pars = [
        lambda: "{said}，{y}年以来，{lv}{att}，{v}{t}，{st}，{st2}。{but}，{weak}。".format(
            said=said, y=y - (m <= 2), lv=lv(), att=C(ATTITUDES), v=C(VERBS), t=topic, st=stat(), st2=stat(), but=but, weak=C(WEAKNESSES)),
        lambda: "{stressed}，要坚持{pr}，{v}{t1}，推动{t}{hq}。要{ms}，{g}。".format(
            stressed=stressed, pr=C(PRINCIPLES), v=C(VERBS), t1=topics[1], t=topic, ms=measures(2), g=C(GOALS).format(p=area),
            hq=C(("高质量发展", "提质增效", "走深走实", "取得新突破", "迈上新台阶"))),
        lambda: "{asked}，{lv}要{solid}{task}工作，{ms}，{g}。要坚持{pr}，把{t}与{t2}结合起来，{tog}。".format(
            asked=asked, lv=lv(), solid=C(("切实做好", "扎实抓好", "统筹做好", "认真做好")), task=tasks[2], ms=measures(ri(1, 3)),
            g=C(GOALS).format(p=area), pr=C(PRINCIPLES), t=topic, t2=topics[2], tog=C(("一体谋划、一体推进", "同部署、同落实", "协同推进", "统筹兼顾"))),
        lambda: "{stat}，截至{y}年{m}月底，全{a}{st}；{st2}；{st3}。".format(
            stat=C(("据统计", "数据显示", "从统计数据看", "据初步统计")), y=y - (m == 1), m=m - 1 or 12, a=area, st=stat(), st2=stat(), st3=stat()),
        lambda: "在{c}{k}，{task}工作正{going}。当地{b}负责人{nm}介绍，今年以来，该{kk}{ms}，{st}。“{q}。”{nm}说。".format(
            c=cityname, k=counties[1], task=tasks[3], going=C(("有序推进", "如火如荼开展", "全面铺开", "稳步实施")), b=bureau, nm=name(),
            kk=counties[1][-1], ms=measures(2), st=stat(), q=C(SPOKEN)),
        lambda: "{next}，{o}将{cont}{v}{t}，{ms}，加强{mech}建设，切实做好{task}工作，{g}。".format(
            next=C(("下一步", "下阶段", "接下来", "今后一个时期")), o=org if R.random() < 0.5 else "我" + ("委" if org.endswith("委员会") else org[-1]),
            cont=C(("继续", "进一步", "持续", "")), v=C(VERBS), t=topic, ms=measures(2), mech=C(MECHANISMS), task=tasks[4], g=C(GOALS).format(p=area)),
        lambda: "“{q}，{q2}。”{c}{k}一位{who}告诉记者，{v}{t}以来，{st}。".format(
            q=C(SPOKEN), q2=C(SPOKEN), c=cityname, k=counties[2], who=C(("基层干部", "企业负责人", "村民", "一线工作人员", "社区居民", "技术人员")),
            v=C(VERBS), t=topics[3], st=stat()),
        lambda: "今年是{v}{t}的{yr}。{o}围绕{t2}、{t3}等重点领域，{ms}，推动各项工作落地见效。".format(
            v=C(VERBS), t=topic, yr=C(("关键之年", "攻坚之年", "深化之年", "重要一年")), o=org, t2=topics[1], t3=topics[3], ms=measures(3)),
        lambda: C(("重点抓好以下工作：", "主要有以下举措：", "", "")) + "".join("{}是{}{}，{}；".format(ORDINALS[i], C(VERBS), x, C(SET_UP) + C(MECHANISMS))
                                                               for i, x in enumerate(R.sample(tasks, ri(3, 5))))[:-1] + "。",
        lambda: "会上，{c}、{c2}等{n}个地方和单位作了交流发言，{lv}主要负责同志在{f}参加会议。".format(
            c=cityname, c2=C([x for x in CITIES[p] if x != city] or CITIES[p]) + "市", n=ri(3, 9), lv=lv(), f=C(("主会场", "分会场", "视频会场"))),
        lambda: "为{v}{t}，{o}建立{mech}，{ms}，组织{n}个{grp}深入{k}等地开展{task}，发现并督促整改问题{n2}个。".format(
            v=C(VERBS), t=topics[2], o=org, mech=C(MECHANISMS), ms=measures(1), n=ri(3, 20), grp=C(("督导组", "工作组", "专家组", "检查组")),
            k=counties[0], task=tasks[ri(0, 4)], n2=ri(10, 500)),
        lambda: "{o}相关负责人表示，{t}是一项系统工程，需要{lv}{att}、协同发力。{y}年将{v}{t2}，力争{st}。".format(
            o=org, t=topic, lv=lv(), att=C(ATTITUDES), y=y + ri(0, 1), v=C(VERBS), t2=topics[1], st=stat()),
        lambda: "资金保障方面，{o}{fund}{n}亿元，重点支持{t}、{t2}等项目，{ms}。".format(
            o=C((org, "省财政", "市财政", "各级财政")), fund=C(("统筹安排资金", "下达专项资金", "累计投入", "争取中央资金")),
            n="%d.%d" % (ri(1, 60), ri(0, 9)), t=tasks[0], t2=tasks[3], ms=measures(2)),
        lambda: "{k}的做法是{e}。{when}，该地{ms}，{st}，相关经验在全{a}推广。".format(
            k=counties[2], e=C(("“先行先试、边试边改”", "“清单化管理、项目化推进”", "“一月一调度、一季一通报”", "“网格化排查、台账式销号”")),
            when=C(("去年以来", "近年来", "试点期间", "今年上半年")), ms=measures(2), st=stat(), a=area),
        lambda: "{o}还组织开展{task}宣传活动，通过{via}等方式，发放宣传资料{n}万份，{reach}{n2}万人次。".format(
            o=org, task=tasks[1], via=C(("线上直播、现场咨询", "进社区、进企业、进农村", "短视频、微信公众号", "专题讲座、以案说法")),
            n=ri(1, 90), reach=C(("覆盖群众", "受益群众", "参与群众")), n2=ri(1, 300)),
        lambda: "针对{task}中{prob}的问题，{o}{act}，{ms}，{g}。".format(
            task=C(tasks), prob=C(("薄弱环节较多", "存在短板", "群众反映集中", "责任落实不到位")), o=org,
            act=C(("开展专项整治", "制定针对性措施", "实行挂牌督办", "建立问题整改台账")), ms=measures(1), g=C(GOALS).format(p=area)),
    ]
    if li > 1:
        del pars[9]  # 会上…: only a meeting has speakers
    R.shuffle(pars)
    body = [lead] + [f() for f in pars[:ri(3, 11)]]
    head = C((
        "{o}召开{t}{mt}", "{c}扎实推进{t}", "{pv}：{t}取得阶段性成效", "{o}部署{t}工作", "{c}{n}项举措推动{t}见实效",
        "{o}开展{task}专项行动", "全{a}{t}工作稳步推进", "{c}{k}：{v}{t} 助力高质量发展", "{o}赴{c}调研{t}工作", "{pv}{y}年{t}工作综述",
    )).format(o=org, t=topic, mt=C(MEETINGS), c=cityname, pv=prov if kind != "national" else "全国", n=ri(3, 12), task=tasks[0], a=area,
              k=counties[0], v=C(VERBS), y=y)
    sub = "——" + C(VERBS) + topics[1] + "、" + C(VERBS) + topics[2] if st[6] and R.random() < 0.5 else None
    source = org if R.random() < 0.8 else C((org + "办公室", prov[:-1] + "日报", cityname + "人民政府", org + "宣传处"))
    return {"head": head, "sub": sub, "date": date, "time": "%02d:%02d" % (ri(8, 18), ri(0, 59)), "source": source, "body": body,
            "editor": None, "prov": p, "domain": d, "topic": topic}


def render(doc, site_index, R):
    host, (label, sep, root, sections, header, indent, _), *_ = SITES[site_index]
    trail = label + sep.join([root] + R.choice(sections)) + (sep + "正文" if R.random() < 0.3 else "")
    date = doc["date"]
    h = header.format(d=date.isoformat(), t=doc["time"], s=doc["source"], dc="%d年%02d月%02d日" % (date.year, date.month, date.day))
    if doc["editor"]:
        h += "　" + doc["editor"]
    lines = [trail, "", doc["head"]] if R.random() < 0.5 else [trail, doc["head"]]
    if doc["sub"]:
        lines.append(doc["sub"])
    lines += [h, ""]
    pad = "　　" if indent else ""
    lines.append("\n\n".join(pad + x for x in doc["body"]))
    return "\n".join(lines) + "\n"


def near_copy(doc, R):
    """A republished copy: the trail and header are the new site's; edits as republishers make them."""
    c = dict(doc, body=list(doc["body"]))
    cities = CITIES[doc["prov"]]
    c["date"] = doc["date"] + datetime.timedelta(days=R.choice((0, 0, 1, 1, 2, 3)))
    c["time"] = "%02d:%02d" % (R.randint(8, 22), R.randint(0, 59))
    edits = R.sample(range(6), R.randint(2, 4))
    body = c["body"]
    if 0 in edits:  # 来源 / 编辑 changed
        c["source"] = R.choice((doc["source"] + "网站", R.choice(cities) + "市人民政府网", doc["source"], "综合" + doc["source"] + "消息"))
        c["editor"] = "责任编辑：" + R.choice(SURNAMES) + R.choice(GIVEN) + R.choice(GIVEN) if R.random() < 0.6 else None
        if R.random() < 0.4:
            body.append("（来源：%s）" % doc["source"] if R.random() < 0.3 else
                        R.choice(("（编辑：{}）", "【责任编辑：{}】")).format(R.choice(SURNAMES) + R.choice(GIVEN) + R.choice(GIVEN)))
    if 1 in edits and len(body) >= 5:  # one paragraph dropped
        del body[R.randrange(1, len(body))]
    if 2 in edits:  # full/half-width punctuation and digits swapped in places
        for i in R.sample(range(len(body)), R.randint(1, min(3, len(body)))):
            body[i] = body[i].translate(TO_HALF if R.random() < 0.5 else TO_FULL)
        if R.random() < 0.3:
            c["head"] = c["head"].translate(TO_FULL)
    if 3 in edits:  # photo caption
        cap = R.choice(CAPTIONS).format(c=R.choice(cities) + "市", pl=R.choice(PLACES[doc["domain"]]), p=PROVINCES[doc["prov"]] + "省", t=doc["topic"],
                                        n=R.choice(SURNAMES) + R.choice(GIVEN))
        body.insert(R.randint(0, min(2, len(body))), cap)
    if 4 in edits:  # whitespace
        body[:] = [("　　" + x if R.random() < 0.5 else x.replace("，", "， ", 1)) for x in body]
        if R.random() < 0.5:
            body[-1] += "  "
    if 5 in edits and c["sub"] is None and R.random() < 0.5:
        c["head"] = R.choice(("【{}】", "{}", "{}（图）")).format(c["head"])
    return c


# --- driver -----------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dup-share", type=float, default=0.15, help="share of documents in near-duplicate clusters (originals included)")
    ap.add_argument("--truth", help="JSON lines: path, cluster, kind for every document")
    a = ap.parse_args()
    if a.docs < 0 or not 0 <= a.dup_share <= 1:
        ap.error("--docs must be >= 0 and --dup-share in [0, 1]")
    R = random.Random(a.seed)
    t0 = time.time()

    # Plan: cluster sizes until the share is reached, then singletons, in random order.
    units, members = [], 0
    target = round(a.docs * a.dup_share)
    while members < target and target - members >= 2:
        k = min(R.randint(1, 5), target - members - 1)
        units.append(k)
        members += k + 1
    units += [0] * (a.docs - members)
    R.shuffle(units)

    made, serial, total_bytes, clusters = set(), 100000, 0, 0
    truth = open(a.truth, "w", encoding="utf-8") if a.truth else None
    counts = {"original": 0, "near": 0, "exact": 0}

    def write(text, site_index, date, cluster, kind):
        nonlocal serial, total_bytes
        serial += 1
        rel = "%s/%04d/%02d/t%s_%d.txt" % (SITES[site_index][0], date.year, date.month, date.strftime("%Y%m%d"), serial)
        folder = os.path.join(a.out_dir, os.path.dirname(rel))
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        data = text.encode("utf-8")
        fd = os.open(os.path.join(a.out_dir, rel), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:  # fewer system calls than open(): creating files is most of the run time
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        total_bytes += len(data)
        if kind:
            counts[kind] += 1
        if truth:
            truth.write(json.dumps({"path": rel, "cluster": cluster, "kind": kind}) + "\n")

    for k in units:
        si = R.randrange(len(SITES))
        doc = make_doc(R, si)
        text = render(doc, si, R)
        if not k:
            write(text, si, doc["date"], None, None)
            continue
        clusters += 1
        write(text, si, doc["date"], clusters, "original")
        # Republished by sites of the same field and city portals; by others when those run out.
        near = [i for i in SAME[doc["domain"]] if i != si]
        others = R.sample(near, min(k, len(near)))
        others += R.sample([i for i in range(len(SITES)) if i != si and i not in others], k - len(others))
        for other in others:
            if R.random() < 0.12:
                write(text, other, doc["date"], clusters, "exact")
            else:
                c = near_copy(doc, R)
                copy = render(c, other, R)
                if copy == text:  # every edit happened to be a no-op
                    copy = copy.rstrip("\n") + "\n\n（图为%s现场）\n" % doc["topic"]
                write(copy, other, c["date"], clusters, "near")
    if truth:
        truth.close()
    print("%d docs (%d singletons; %d clusters: %d originals, %d near copies, %d exact copies), %.1f MB in %s, %.1f s" % (
        a.docs, a.docs - members, clusters, counts["original"], counts["near"], counts["exact"], total_bytes / 1e6, a.out_dir,
        time.time() - t0))


if __name__ == "__main__":
    main()
