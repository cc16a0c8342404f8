"""English interface strings, keyed by message id; `{name}` fields are filled already escaped."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "welcome": (
        "👋 <b>Hello{name}!</b>\n"
        "I turn regional news into a short digest, delivered every day at your local time.\n"
        "Pick the regions you want to follow below, or send /help to see everything I can do."
    ),
    "help": (
        "<b>What I can do</b>\n"
        "/regions — the regions I cover\n"
        "/subscribe [region] — follow a region\n"
        "/unsubscribe [region|all] — stop following\n"
        "/settings — digest time, time zone, language, length, keywords, pause\n"
        "/digest — your digest now\n"
        "/latest [region] — the newest stories\n"
        "/summary &lt;link | id | region&gt; — summarize an article (or reply to a link)\n"
        "/search &lt;words&gt; — search the stories I have read\n"
        "/alert &lt;words&gt; [region] — a message the moment a matching story arrives\n"
        "/alerts — your alerts, with buttons to remove them\n"
        "Send me a link in a private chat and I summarize it.\n"
        "In any chat, type my @username and a few words to share a story's summary there."
    ),
    "help_admin": (
        "\n\n<b>Admin</b>\n"
        "/addfeed &lt;url&gt; [region] · /removefeed &lt;id|url&gt; · "
        "/resumefeed &lt;id|url&gt; · /feeds · "
        "/import (OPML file) · /export · /stats\n"
        "/channel @name &lt;region&gt; — subscribe a channel where I am an admin\n"
        "/addregion · /editregion · /removeregion — manage regions (send one for its usage)\n"
        "/channel @name alert &lt;words&gt; [region] · /channel @name alerts — its alerts"
    ),
    "regions_header": "<b>Regions</b>",
    "regions_none": "No regions are configured yet.",
    "choose_region_subscribe": "Which region do you want to follow?",
    "choose_region_unsubscribe": "Which region do you want to stop following?",
    "subscribed": "✅ Subscribed to <b>{region}</b>. Your digest comes at {time} ({tz}).",
    "already_subscribed": "You already follow <b>{region}</b>.",
    "unsubscribed": "Unsubscribed from <b>{region}</b>.",
    "not_subscribed": "You do not follow <b>{region}</b>.",
    "unsubscribed_all": "Unsubscribed from every region.",
    "no_subscriptions": "You do not follow any region yet. Try /subscribe.",
    "unknown_region": "I do not know the region “{query}”. See /regions.",
    "usage_subscribe": "Usage: /subscribe [region]",
    "usage_unsubscribe": "Usage: /unsubscribe [region|all]",
    "settings_header": (
        "<b>Settings</b>\n"
        "Regions: {regions}\n"
        "Digest time: {time} ({tz})\n"
        "Language: {lang_name}\n"
        "Summary length: {length}\n"
        "Include keywords: {include}\n"
        "Exclude keywords: {exclude}\n"
        "Status: {status}\n"
        "Alert quiet hours: {quiet}"
    ),
    "settings_usage": (
        "Usage: /settings time 07:30 · /settings tz Asia/Shanghai (or a city) · "
        "/settings lang en|zh · /settings length short|medium|long · "
        "/settings include word, word · /settings exclude word, word · "
        "/settings pause · /settings resume · "
        "/settings schedule daily 08:00 | twice 08:00 18:00 | weekdays 07:30 | weekly sun 09:00 · "
        "/settings quiet 22:00-07:00|off"
    ),
    "settings_prompt_time": "Send the time as HH:MM, for example 07:30.",
    "settings_prompt_tz": "Send a time zone or a city, for example Asia/Shanghai or Taiyuan.",
    "unknown_command": "I do not know the command {command}. /help lists what I can do.",
    "plain_text_hint": (
        "Send me a link and I will summarize it, or try /latest, /search &lt;words&gt; or /help."
    ),
    "settings_prompt_keywords": (
        "Send /settings include word, word or /settings exclude word, word."
    ),
    "status_active": "active",
    "status_paused": "paused",
    "none": "none",
    "time_set": "Digest time set to {time} ({tz}).",
    "bad_time": "“{value}” is not a time. Use HH:MM, for example 07:30.",
    "tz_set": "Time zone set to {tz}.",
    "bad_tz": "I do not know the time zone or city “{value}”. Try Asia/Shanghai or Taiyuan.",
    "lang_set": "Language set to English.",
    "bad_lang": "Choose en (English) or zh (中文).",
    "length_set": "Summary length set to {length}.",
    "bad_length": "Choose short, medium or long.",
    "keywords_set": "{kind} keywords: {words}.",
    "keywords_cleared": "{kind} keywords cleared.",
    "include": "Include",
    "exclude": "Exclude",
    "paused": "⏸ Digests paused. Send /settings resume to get them again.",
    "resumed": "▶️ Digests resumed.",
    "length_short": "short",
    "length_medium": "medium",
    "length_long": "long",
    "button_time": "🕗 Time",
    "button_tz": "🌐 Time zone",
    "button_lang": "🗣 中文",
    "button_length": "📏 Length: {length}",
    "button_keywords": "🔎 Keywords",
    "button_pause": "⏸ Pause",
    "button_resume": "▶️ Resume",
    "button_summary": "📝 Summary {n}",
    "button_open": "🔗 Open",
    "button_prev": "◀",
    "button_next": "▶",
    "digest_nothing": "Nothing new since your last digest.",
    "digest_queued": "Your digest is on its way.",
    "latest_header": "<b>Latest{region}</b>",
    "latest_none": "No stories yet.",
    "usage_summary": (
        "Usage: /summary &lt;link&gt; · /summary &lt;article id&gt; · /summary &lt;region&gt;, "
        "or reply /summary to a message holding a link."
    ),
    "summary_failed": "Sorry, I could not summarize that page: {reason}",
    "article_not_found": "There is no story with id {id}.",
    "region_top_header": "<b>Today in {region}</b>",
    "region_top_none": "No stories from {region} today yet.",
    "usage_search": "Usage: /search &lt;words&gt;",
    "search_none": "Nothing found for “{query}”.",
    "search_header": "<b>Results for “{query}”</b> ({start}–{end} of {total})",
    "search_expired": "That search has expired; please search again.",
    "inline_nothing": "Nothing found for “{query}” · open the bot",
    "inline_empty": "No stories yet · open the bot",
    "inline_pick_regions": "Newest from everywhere · pick your regions",
    "admin_only": "Sorry, only the bot's administrators can do that.",
    "group_admin_only": (
        "Sorry, only this group's administrators can change its subscriptions and settings."
    ),
    "usage_addfeed": "Usage: /addfeed &lt;url&gt; [region]",
    "feed_added": "Added feed #{id}: {url}",
    "feed_add_failed": "Could not add that feed: {reason}",
    "usage_removefeed": "Usage: /removefeed &lt;id|url&gt;",
    "feed_removed": "Removed feed #{id}.",
    "usage_resumefeed": "Usage: /resumefeed &lt;id|url&gt;",
    "feed_resumed": "Feed #{id} is active again; it will be checked within a minute.",
    "feed_not_found": "No feed matches “{value}”.",
    "feeds_header": "<b>Feeds</b> ({count})",
    "feeds_none": "No feeds yet. Add one with /addfeed.",
    "feed_line": (
        "#{id} {title} [{region}] — {state}\n   last success: {success}; last error: {error}"
    ),
    "feed_state_active": "active",
    "feed_state_paused": "paused",
    "never": "never",
    "usage_import": "Send an OPML file with the caption /import, or reply /import to one.",
    "import_progress": "Importing feeds… {done}/{total}",
    "import_done": "Imported {added} new feeds ({total} in the file, {failed} refused).",
    "import_failed": "Could not read that OPML file: {reason}",
    "export_caption": "{count} feeds",
    "stats": (
        "<b>Statistics</b>\nFeeds: {feeds} ({paused} paused)\nArticles: {articles}\nChats: {chats}"
    ),
    # The /stats chart's words: plain text drawn into the picture, not Telegram HTML.
    "stats_chart_title": "Articles per day by region, last {days} days",
    "stats_chart_failures": "Feed failures per day",
    "stats_chart_other": "other",
    "usage_channel": (
        "Usage: /channel @name &lt;region|off&gt; or /channel @name alert &lt;words&gt; [region] "
        "(I must be an admin of the channel)"
    ),
    "channel_not_admin": "I am not an administrator of {channel}, or it does not exist.",
    "channel_subscribed": "✅ {channel} now gets the <b>{region}</b> digest.",
    "error_generic": "Sorry, something went wrong on my side. Please try again in a moment.",
    "callback_invalid": "That button is no longer valid.",
    "too_long": "That is too long for me; please keep it under {limit} characters.",
    "menu_start": "Start and pick regions",
    "menu_help": "What I can do",
    "menu_regions": "The regions I cover",
    "menu_subscribe": "Follow a region",
    "menu_unsubscribe": "Stop following a region",
    "menu_settings": "Time, time zone, language, keywords",
    "menu_digest": "My digest now",
    "menu_latest": "The newest stories",
    "menu_summary": "Summarize a link, a story or a region",
    "menu_search": "Search the news",
    "unknown_region_admin": (
        "I do not know the region “{query}”. Known regions: {known}. "
        "Add one with /addregion (send it alone for its usage)."
    ),
    "usage_addregion": (
        "Usage: /addregion id | English name | 中文名 | place, place | time zone\n"
        "For example: /addregion datong | Datong | 大同 | Datong, 大同, Yungang | Asia/Shanghai\n"
        "Places and time zone may be left out."
    ),
    "usage_editregion": (
        "Usage: /editregion id field value — fields: name_en, name_zh, places "
        "(separated by commas), tz\nFor example: /editregion datong places Datong, 大同"
    ),
    "usage_removeregion": "Usage: /removeregion id",
    "region_added": "Added region <b>{name}</b> ({id}).\n{details}",
    "region_changed": "Changed region <b>{name}</b> ({id}).\n{details}",
    "region_details": "Names: {name_en} / {name_zh}\nPlaces: {places}\nTime zone: {tz}",
    "region_invalid": "Could not do that: {reason}",
    "region_remove_confirm": (
        "{count} chats follow <b>{name}</b>. Remove it and tell them? "
        "Press the button, or send /removeregion {id} yes."
    ),
    "region_remove_button": "🗑 Remove and tell them",
    "region_keep_button": "Keep it",
    "region_removed_unfollowed": "Removed region <b>{name}</b> ({id}); no chat followed it.",
    "region_removed": "Removed region <b>{name}</b> ({id}); {count} subscribed chats will be told.",
    "region_kept": "Region <b>{name}</b> was kept.",
    "region_removed_notice": (
        "The region <b>{region}</b> was removed by the bot's administrators, so it is no longer "
        "in your digest. Send /regions to follow another."
    ),
    # Schedules and alerts.
    "settings_prompt_schedule": (
        "Send how often you want your digest: daily 08:00 · twice 08:00 18:00 · "
        "weekdays 07:30 · weekly sun 09:00"
    ),
    "settings_prompt_quiet": (
        "Send the hours when alerts should wait, for example 22:00-07:00, or off."
    ),
    "schedule_daily": "daily at {time}",
    "schedule_twice": "twice a day, at {time} and {time2}",
    "schedule_weekdays": "weekdays at {time}",
    "schedule_weekly": "every {day} at {time}",
    "weekday_names": "Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday",
    "schedule_set": "🗓 Your digest now comes {schedule} ({tz}).",
    "bad_schedule": (
        "I did not understand “{value}”. Try daily 08:00, twice 08:00 18:00, "
        "weekdays 07:30 or weekly sun 09:00."
    ),
    "quiet_set": "🔕 Alerts wait during {quiet} ({tz}) and come when the quiet hours end.",
    "quiet_off": "Quiet hours are off: alerts come at any time.",
    "bad_quiet": "“{value}” is not a time range. Try 22:00-07:00, or off.",
    "button_schedule": "🗓 Schedule",
    "button_quiet": "🔕 Quiet hours",
    "usage_alert": (
        "Usage: /alert &lt;words&gt; [region] — for example /alert metro line taiyuan. "
        "/alert off &lt;id|words&gt; removes one; /alerts lists them."
    ),
    "usage_alert_off": "Usage: /alert off &lt;id|words&gt; — see /alerts for the ids.",
    "alert_too_long": "Please keep an alert under 100 characters.",
    "alert_bad_words": "An alert needs at least one word or character to look for.",
    "alert_limit": "This chat already has {limit} alerts; remove one with /alerts first.",
    "alert_exists": "You already have alert #{id} for “{words}”.",
    "alert_added": (
        "🔔 Alert #{id} set: stories with “{words}” ({where}) come as soon as I read them, "
        "at most {limit} an hour. /alerts lists your alerts."
    ),
    "alert_any_region": "any region",
    "alert_not_found": "No alert matches “{value}”. See /alerts.",
    "alert_removed": "Alert “{words}” removed.",
    "alerts_none": "No alerts yet. Set one with /alert &lt;words&gt; [region].",
    "alerts_header": "<b>Your alerts</b> ({count})",
    "alert_line": "#{id} {words} — {where}",
    "alerts_footer": (
        "<i>At most {limit} alerts an hour (the rest come in your digest). "
        "Quiet hours: {quiet}.</i>"
    ),
    "button_remove_alert": "❌ #{id} {words}",
    "menu_alert": "Alert me when a story matches",
    "menu_alerts": "My alerts",
}
