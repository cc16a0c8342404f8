"""Chinese interface strings, with the same keys as the English table."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "welcome": (
        "👋 <b>你好{name}！</b>\n"
        "我把各地新闻整理成简短的摘要，每天在你当地的时间发送。\n"
        "在下面选择你想关注的地区，或发送 /help 查看全部功能。"
    ),
    "help": (
        "<b>我能做什么</b>\n"
        "/regions — 我覆盖的地区\n"
        "/subscribe [地区] — 关注一个地区\n"
        "/unsubscribe [地区|all] — 取消关注\n"
        "/settings — 发送时间、时区、语言、长度、关键词、暂停\n"
        "/digest — 现在就给我摘要\n"
        "/latest [地区] — 最新报道\n"
        "/summary &lt;链接 | 编号 | 地区&gt; — 概括一篇文章（或回复一条含链接的消息）\n"
        "/search &lt;关键词&gt; — 搜索我读过的报道\n"
        "/alert &lt;关键词&gt; [地区] — 一有符合的新闻就立即通知你\n"
        "/alerts — 你的提醒，可用按钮删除\n"
        "在私聊中直接发送链接，我就会为你概括。\n"
        "在任何聊天中输入我的 @用户名 和关键词，即可把一篇报道的摘要分享到那里。"
    ),
    "help_admin": (
        "\n\n<b>管理员</b>\n"
        "/addfeed &lt;网址&gt; [地区] · /removefeed &lt;编号|网址&gt; · "
        "/resumefeed &lt;编号|网址&gt; · /feeds · "
        "/import（OPML 文件） · /export · /stats\n"
        "/channel @频道 &lt;地区&gt; — 为我担任管理员的频道订阅\n"
        "/addregion · /editregion · /removeregion — 管理地区（单独发送可查看用法）\n"
        "/channel @频道 alert &lt;关键词&gt; [地区] · /channel @频道 alerts — 频道的提醒"
    ),
    "regions_header": "<b>地区</b>",
    "regions_none": "还没有配置任何地区。",
    "choose_region_subscribe": "你想关注哪个地区？",
    "choose_region_unsubscribe": "你想取消关注哪个地区？",
    "subscribed": "✅ 已关注 <b>{region}</b>。摘要将在 {time}（{tz}）送达。",
    "already_subscribed": "你已经关注了 <b>{region}</b>。",
    "unsubscribed": "已取消关注 <b>{region}</b>。",
    "not_subscribed": "你没有关注 <b>{region}</b>。",
    "unsubscribed_all": "已取消关注所有地区。",
    "no_subscriptions": "你还没有关注任何地区。试试 /subscribe。",
    "unknown_region": "我不认识地区“{query}”。请看 /regions。",
    "usage_subscribe": "用法：/subscribe [地区]",
    "usage_unsubscribe": "用法：/unsubscribe [地区|all]",
    "settings_header": (
        "<b>设置</b>\n"
        "地区：{regions}\n"
        "发送时间：{time}（{tz}）\n"
        "语言：{lang_name}\n"
        "摘要长度：{length}\n"
        "包含关键词：{include}\n"
        "排除关键词：{exclude}\n"
        "状态：{status}\n"
        "提醒免打扰时段：{quiet}"
    ),
    "settings_usage": (
        "用法：/settings time 07:30 · /settings tz Asia/Shanghai（或城市名） · "
        "/settings lang en|zh · /settings length short|medium|long · "
        "/settings include 词, 词 · /settings exclude 词, 词 · "
        "/settings pause · /settings resume · "
        "/settings schedule daily 08:00 | twice 08:00 18:00 | weekdays 07:30 | weekly sun 09:00 · "
        "/settings quiet 22:00-07:00|off"
    ),
    "settings_prompt_time": "请发送时间，格式为 HH:MM，例如 07:30。",
    "settings_prompt_tz": "请发送时区或城市名，例如 Asia/Shanghai 或 太原。",
    "unknown_command": "我没有 {command} 这个命令。发送 /help 查看我能做什么。",
    "plain_text_hint": (
        "发送链接给我，我会为你概括；也可以试试 /latest、/search &lt;关键词&gt; 或 /help。"
    ),
    "settings_prompt_keywords": "发送 /settings include 词, 词 或 /settings exclude 词, 词。",
    "status_active": "正常",
    "status_paused": "已暂停",
    "none": "无",
    "time_set": "发送时间已设为 {time}（{tz}）。",
    "bad_time": "“{value}”不是有效时间。请用 HH:MM，例如 07:30。",
    "tz_set": "时区已设为 {tz}。",
    "bad_tz": "我不认识时区或城市“{value}”。试试 Asia/Shanghai 或 太原。",
    "lang_set": "语言已设为中文。",
    "bad_lang": "请选择 en（English）或 zh（中文）。",
    "length_set": "摘要长度已设为{length}。",
    "bad_length": "请选择 short（短）、medium（中）或 long（长）。",
    "keywords_set": "{kind}关键词：{words}。",
    "keywords_cleared": "{kind}关键词已清空。",
    "include": "包含",
    "exclude": "排除",
    "paused": "⏸ 摘要已暂停。发送 /settings resume 恢复。",
    "resumed": "▶️ 摘要已恢复。",
    "length_short": "短",
    "length_medium": "中",
    "length_long": "长",
    "button_time": "🕗 时间",
    "button_tz": "🌐 时区",
    "button_lang": "🗣 English",
    "button_length": "📏 长度：{length}",
    "button_keywords": "🔎 关键词",
    "button_pause": "⏸ 暂停",
    "button_resume": "▶️ 恢复",
    "button_summary": "📝 摘要 {n}",
    "button_open": "🔗 打开",
    "button_prev": "◀",
    "button_next": "▶",
    "digest_nothing": "自上次摘要以来没有新内容。",
    "digest_queued": "你的摘要正在发送。",
    "latest_header": "<b>最新报道{region}</b>",
    "latest_none": "还没有报道。",
    "usage_summary": (
        "用法：/summary &lt;链接&gt; · /summary &lt;文章编号&gt; · /summary &lt;地区&gt;，"
        "或用 /summary 回复一条含链接的消息。"
    ),
    "summary_failed": "抱歉，无法概括该页面：{reason}",
    "article_not_found": "没有编号为 {id} 的报道。",
    "region_top_header": "<b>{region}今日要闻</b>",
    "region_top_none": "{region}今天还没有报道。",
    "usage_search": "用法：/search &lt;关键词&gt;",
    "search_none": "没有找到“{query}”的相关内容。",
    "search_header": "<b>“{query}”的搜索结果</b>（第 {start}–{end} 条，共 {total} 条）",
    "search_expired": "该搜索已过期，请重新搜索。",
    "inline_nothing": "没有找到“{query}”的相关报道 · 打开机器人",
    "inline_empty": "还没有报道 · 打开机器人",
    "inline_pick_regions": "各地最新报道 · 选择你的地区",
    "admin_only": "抱歉，只有机器人的管理员可以这样做。",
    "group_admin_only": "抱歉，只有本群管理员可以修改本群的订阅和设置。",
    "usage_addfeed": "用法：/addfeed &lt;网址&gt; [地区]",
    "feed_added": "已添加订阅源 #{id}：{url}",
    "feed_add_failed": "无法添加该订阅源：{reason}",
    "usage_removefeed": "用法：/removefeed &lt;编号|网址&gt;",
    "feed_removed": "已删除订阅源 #{id}。",
    "usage_resumefeed": "用法：/resumefeed &lt;编号|网址&gt;",
    "feed_resumed": "订阅源 #{id} 已恢复，一分钟内会再次检查。",
    "feed_not_found": "没有与“{value}”匹配的订阅源。",
    "feeds_header": "<b>订阅源</b>（{count}）",
    "feeds_none": "还没有订阅源。用 /addfeed 添加。",
    "feed_line": "#{id} {title} [{region}] — {state}\n   上次成功：{success}；上次错误：{error}",
    "feed_state_active": "正常",
    "feed_state_paused": "已暂停",
    "never": "从未",
    "usage_import": "发送一个 OPML 文件并附上说明 /import，或用 /import 回复该文件。",
    "import_progress": "正在导入订阅源… {done}/{total}",
    "import_done": "已导入 {added} 个新订阅源（文件中共 {total} 个，拒绝 {failed} 个）。",
    "import_failed": "无法读取该 OPML 文件：{reason}",
    "export_caption": "{count} 个订阅源",
    "stats": ("<b>统计</b>\n订阅源：{feeds}（已暂停 {paused}）\n文章：{articles}\n聊天：{chats}"),
    "stats_chart_title": "各地区每日文章数（最近 {days} 天）",
    "stats_chart_failures": "每日订阅源抓取失败次数",
    "stats_chart_other": "其他",
    "usage_channel": (
        "用法：/channel @频道 &lt;地区|off&gt; 或 /channel @频道 alert &lt;关键词&gt; [地区]"
        "（我必须是该频道的管理员）"
    ),
    "channel_not_admin": "我不是 {channel} 的管理员，或该频道不存在。",
    "channel_subscribed": "✅ {channel} 将收到 <b>{region}</b> 的摘要。",
    "error_generic": "抱歉，我这边出了点问题。请稍后再试。",
    "callback_invalid": "该按钮已失效。",
    "too_long": "内容太长了，请控制在 {limit} 个字符以内。",
    "menu_start": "开始并选择地区",
    "menu_help": "我能做什么",
    "menu_regions": "我覆盖的地区",
    "menu_subscribe": "关注一个地区",
    "menu_unsubscribe": "取消关注地区",
    "menu_settings": "时间、时区、语言、关键词",
    "menu_digest": "现在就给我摘要",
    "menu_latest": "最新报道",
    "menu_summary": "概括链接、报道或地区",
    "menu_search": "搜索新闻",
    "unknown_region_admin": (
        "我不认识地区“{query}”。已有地区：{known}。可用 /addregion 添加（单独发送可查看用法）。"
    ),
    "usage_addregion": (
        "用法：/addregion 编号 | English name | 中文名 | 地名, 地名 | 时区\n"
        "例如：/addregion datong | Datong | 大同 | Datong, 大同, 云冈 | Asia/Shanghai\n"
        "地名和时区可以省略。"
    ),
    "usage_editregion": (
        "用法：/editregion 编号 字段 值 — 字段：name_en、name_zh、places（用逗号分隔）、tz\n"
        "例如：/editregion datong places Datong, 大同"
    ),
    "usage_removeregion": "用法：/removeregion 编号",
    "region_added": "已添加地区 <b>{name}</b>（{id}）。\n{details}",
    "region_changed": "已修改地区 <b>{name}</b>（{id}）。\n{details}",
    "region_details": "名称：{name_en} / {name_zh}\n地名：{places}\n时区：{tz}",
    "region_invalid": "无法完成：{reason}",
    "region_remove_confirm": (
        "有 {count} 个聊天订阅了 <b>{name}</b>。要删除它并通知他们吗？"
        "请按下按钮，或发送 /removeregion {id} yes。"
    ),
    "region_remove_button": "🗑 删除并通知",
    "region_keep_button": "保留",
    "region_removed_unfollowed": "已删除地区 <b>{name}</b>（{id}）；没有聊天订阅它。",
    "region_removed": "已删除地区 <b>{name}</b>（{id}）；将通知 {count} 个订阅的聊天。",
    "region_kept": "已保留地区 <b>{name}</b>。",
    "region_removed_notice": (
        "管理员已删除地区 <b>{region}</b>，你的摘要中不再包含它。发送 /regions 可订阅其他地区。"
    ),
    # Schedules and alerts.
    "settings_prompt_schedule": (
        "请发送摘要频率：每天 08:00 · 每天两次 08:00 18:00 · 工作日 07:30 · 每周 周日 09:00"
    ),
    "settings_prompt_quiet": "请发送提醒的免打扰时段，例如 22:00-07:00，或发送 关闭。",
    "schedule_daily": "每天 {time}",
    "schedule_twice": "每天两次，{time} 和 {time2}",
    "schedule_weekdays": "工作日 {time}",
    "schedule_weekly": "每{day} {time}",
    "weekday_names": "周一,周二,周三,周四,周五,周六,周日",
    "schedule_set": "🗓 摘要频率已设为{schedule}（{tz}）。",
    "bad_schedule": (
        "我没看懂“{value}”。可以试试：每天 08:00、每天两次 08:00 18:00、"
        "工作日 07:30 或 每周 周日 09:00。"
    ),
    "quiet_set": "🔕 {quiet}（{tz}）期间的提醒会暂缓，免打扰结束后再发送。",
    "quiet_off": "免打扰已关闭：提醒随时发送。",
    "bad_quiet": "“{value}”不是时间段。请发送例如 22:00-07:00，或 关闭。",
    "button_schedule": "🗓 频率",
    "button_quiet": "🔕 免打扰",
    "usage_alert": (
        "用法：/alert &lt;关键词&gt; [地区]，例如 /alert 地铁 太原。"
        "/alert off &lt;编号|关键词&gt; 删除提醒；/alerts 查看全部。"
    ),
    "usage_alert_off": "用法：/alert off &lt;编号|关键词&gt;，编号见 /alerts。",
    "alert_too_long": "提醒的关键词请少于 100 个字符。",
    "alert_bad_words": "提醒至少需要一个要查找的词或字。",
    "alert_limit": "本聊天已有 {limit} 个提醒；请先用 /alerts 删除一个。",
    "alert_exists": "你已经有“{words}”的提醒 #{id}。",
    "alert_added": (
        "🔔 提醒 #{id} 已设置：含“{words}”的新闻（{where}）一读到就发给你，每小时最多 {limit} 条。"
        "/alerts 查看你的提醒。"
    ),
    "alert_any_region": "所有地区",
    "alert_not_found": "没有与“{value}”对应的提醒。请看 /alerts。",
    "alert_removed": "已删除提醒“{words}”。",
    "alerts_none": "还没有提醒。用 /alert &lt;关键词&gt; [地区] 设置一个。",
    "alerts_header": "<b>你的提醒</b>（{count}）",
    "alert_line": "#{id} {words} — {where}",
    "alerts_footer": "<i>每小时最多 {limit} 条提醒（其余的会出现在摘要中）。免打扰：{quiet}。</i>",
    "button_remove_alert": "❌ #{id} {words}",
    "menu_alert": "有符合的新闻时提醒我",
    "menu_alerts": "我的提醒",
}
