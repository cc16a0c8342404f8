"""Debris wordings for bench/debris.py, in English and Chinese, split into tune and held-out sets.

Tune on the "tune" wordings only. The "heldout" wordings say the same kind of thing in other
words, other brackets and other orders; they exist to show whether a change generalizes.
Every outlet, name and headline here is invented.
"""

from __future__ import annotations

CATEGORIES = (
    "outlet", "time", "reporter", "source", "editor", "end", "call", "headline", "player",
    "copyright",
)  # fmt: skip

WORDINGS: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "tune": {
        "en": {
            "outlet": ("Riverside Daily News", "The Lakeside Herald"),
            "time": ("2023-05-14 08:32", "May 14, 2023 8:32 a.m."),
            "reporter": ("Reporter: Tom Baker", "By Tom Baker, Staff Writer"),
            "source": ("Source: Riverside Daily", "(Source: Lakeside Herald)"),
            "editor": ("Editor: Jane Smith", "Edited by Jane Smith"),
            "end": ("- END -", "[END]"),
            "call": (
                "Share this article",
                "Follow us on Twitter for more updates",
                "Click here to read more",
            ),
            "headline": (
                "Council approves new budget for road repairs",
                "Local school wins regional science prize",
            ),
            "player": (
                "video/snapshot?t=1000&w=640 controls=true",
                "https://cdn.example.net/v/clip.mp4 transcoding T_720 controls=1",
            ),
            "copyright": ("© 2023 Riverside Daily. All rights reserved.",),
        },
        "zh": {
            "outlet": ("晋源日报", "湖滨晚报客户端"),
            "time": ("2023年5月14日 08:32", "2023-05-14 08:32"),
            "reporter": ("记者 王五", "记者：王五 通讯员：张三"),
            "source": ("来源：湖滨晚报", "（来源：新华社）"),
            "editor": ("责任编辑：李四", "编辑：李四"),
            "end": ("（完）", "- END -"),
            "call": ("点击关注我们", "扫码下载客户端", "分享到朋友圈"),
            "headline": ("太原市召开全市经济工作会议", "湖滨区三所学校获评省级文明校园"),
            "player": (
                "video/snapshot?t=1000&w=640 controls=true",
                "https://cdn.example.net/v/clip.mp4 transcoding T_720 controls=1",
            ),
            "copyright": ("版权所有 湖滨晚报", "未经授权不得转载"),
        },
    },
    "heldout": {
        "en": {
            "outlet": ("Northgate Evening Courier", "VALLEY TIMES ONLINE"),
            "time": ("Updated 14:05 GMT, 3 March 2024", "Posted on 03/03/2024 at 2:05pm"),
            "reporter": ("Written by Anna Lee | Correspondent", "Words and pictures: Anna Lee"),
            "source": (
                "Via the Northgate Courier wire service",
                "Originally published by Valley Times",
            ),
            "editor": (
                "Responsible editor Mark Olsen",
                "Copy editing | Mark Olsen",
                "Proofreader — Lin Yu",
            ),
            "end": ("《END》", "~ end ~", "=== THE END ===", "〖END〗"),
            "call": (
                "Scan the QR code below to subscribe",
                "Tap the link to open the original post",
                "Forward this to your friends",
                "Hit the bell so you never miss a story",
            ),
            "headline": (
                "Why are house prices in the valley still rising?",
                "Police investigate break-in at city museum",
                "Five things to know before the marathon closes roads",
            ),
            "player": (
                "player.setup({file: 'media/clip_88231.m3u8', autoplay: false})",
                "data-vid=88231 poster=thumb_88231.jpg width:640px",
            ),
            "copyright": (
                "Copyright Northgate Media Group 2024",
                "Reproduction in whole or in part without permission is prohibited",
            ),
        },
        "zh": {
            "outlet": ("北城晚报", "山城融媒"),
            "time": ("发布于 2024-03-03 14:05", "2024/03/03 14:05:09"),
            "reporter": ("本报记者 赵六 报道", "文丨特约撰稿 赵六"),
            "source": ("稿源：北城晚报", "转自：山城融媒"),
            "editor": ("编审：周七", "值班编辑 周七", "校对｜吴八"),
            "end": ("【END】", "—完—", "《完》", "〔完〕"),
            "call": ("长按识别二维码关注", "戳这里阅读原文", "欢迎转发朋友圈", "觉得好看请点个赞"),
            "headline": (
                "北城区新建三所学校何时开学？",
                "市区两条公交线路今起调整",
                "这个周末去哪儿玩？",
            ),
            "player": (
                "player.setup({file: 'media/clip_88231.m3u8', autoplay: false})",
                "data-vid=88231 poster=thumb_88231.jpg width:640px",
            ),
            "copyright": ("©北城晚报 2024", "本文版权归山城融媒所有，转载须经授权"),
        },
    },
}

# Short regional news in Chinese, written for this bench (the English bodies come from the
# CNN/DailyMail dev set). Each is a title and its paragraphs.
CHINESE_ARTICLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "北城区启动老旧管网改造工程",
        (
            "北城区今年将投入一点二亿元改造老旧供水管网，涉及二十三个社区、约四万户居民。",
            "区水务局介绍，工程分三期实施，第一期将于本月下旬开工，预计九月底前完成。",
            "施工期间，部分路段将实行临时交通管制，相关社区会提前发布停水通知。",
            "改造完成后，管网漏损率有望从百分之十五降至百分之八以下，居民用水压力不足的问题也将得到缓解。",
        ),
    ),
    (
        "山城首条环湖绿道全线贯通",
        (
            "经过两年建设，山城环湖绿道日前全线贯通，全长三十二公里，串联起沿线九个公园和四个村庄。",
            "绿道设置了骑行道和步行道，沿途建有十二处驿站，提供休息、饮水和自行车维修服务。",
            "市园林局负责人表示，绿道开放后，周末日均客流已超过两万人次。",
            "下一步，当地将在绿道沿线增设夜间照明，并开通连接地铁站的接驳公交。",
        ),
    ),
    (
        "春耕备耕物资供应充足",
        (
            "记者从市农业农村局获悉，今年全市已储备化肥八万吨、种子一千二百吨，能够满足春耕需要。",
            "各县区组织农技人员深入田间地头，指导农户科学施肥、合理用药。",
            "农业部门还开通了春耕服务热线，农户可以随时咨询种植技术和农资价格。",
        ),
    ),
    (
        "市图书馆新馆对外开放",
        (
            "市图书馆新馆昨天正式对外开放，新馆建筑面积三点六万平方米，可容纳藏书三百万册。",
            "新馆设有少儿阅览区、古籍修复展示区和数字体验区，读者可以通过自助设备完成借还。",
            "开馆首日，共接待读者一万一千余人次，办理新读者证两千多张。",
            "图书馆工作人员提醒，周末读者较多，建议市民通过官方平台提前预约入馆。",
        ),
    ),
    (
        "城区新增三千个公共停车位",
        (
            "为缓解停车难问题，城区今年新建改建公共停车场十五处，新增停车位三千个。",
            "新增车位主要分布在医院、学校和老旧小区周边，其中一半以上安装了充电桩。",
            "交通部门表示，停车场将统一接入全市智慧停车平台，市民可以在手机上查询空余车位并在线缴费。",
        ),
    ),
    (
        "暴雨过后全力恢复生产生活秩序",
        (
            "受连续强降雨影响，东湖镇部分村庄农田受淹，两条乡村公路一度中断。",
            "灾情发生后，当地组织三百余名干部群众连夜抢修道路，目前受损路段已全部恢复通行。",
            "镇政府为受灾农户发放了种子和化肥，并安排农技人员指导补种。",
            "气象部门预计，未来一周以晴到多云天气为主，有利于灾后恢复生产。",
        ),
    ),
    (
        "社区食堂让老人吃上热乎饭",
        (
            "走进南门社区食堂，十几位老人正围坐在一起吃午饭，饭菜荤素搭配、价格实惠。",
            "社区负责人介绍，食堂每天供应早餐和午餐，六十岁以上老人就餐可享受八折优惠。",
            "对行动不便的老人，志愿者还会把饭菜送到家中。",
            "目前，全区已建成社区食堂二十八家，日均服务老人三千多人次。",
        ),
    ),
    (
        "中小学生暑期安全提醒",
        (
            "暑假即将来临，市教育局联合公安、应急等部门发布中小学生暑期安全提醒。",
            "提醒指出，学生不要私自到河流、水库等地游泳，外出游玩应有家长陪同。",
            "各学校将在放假前开展防溺水、交通安全和网络安全专题教育，并通过家长群推送安全知识。",
            "教育部门同时公布了假期心理咨询热线，为有需要的学生和家长提供帮助。",
        ),
    ),
)
