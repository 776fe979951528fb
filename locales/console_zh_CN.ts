<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Composer</name>
    <message>
        <source>Write a reply…</source>
        <extracomment>The agent asked to send this text.</extracomment>
        <translation>撰写回复…</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send the reply (Ctrl+Enter)</source>
        <translation>发送回复（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Ctrl+Enter to send</source>
        <translation>按 Ctrl+Enter 发送</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <source>No conversation selected</source>
        <translation>未选择会话</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 · %n message(s)</source>
        <translation>
            <numerusform>%1 · %2 · %n 条消息</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>所在地</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Local time</source>
        <translation>当地时间</translation>
    </message>
    <message>
        <source>Return and privacy rules</source>
        <translation>退货与隐私规定</translation>
    </message>
    <message>
        <source>No policy pack is installed for this market yet.</source>
        <translation>该市场尚未安装政策包。</translation>
    </message>
    <message>
        <source>Unknown time zone</source>
        <translation>时区未知</translation>
    </message>
</context>
<context>
    <name>DisplayNames</name>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>等待客户</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>电商平台</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>在线聊天</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search all messages (Ctrl+F)</source>
        <extracomment>The criteria changed (search is debounced while typing).</extracomment>
        <translation>搜索全部消息（Ctrl+F）</translation>
    </message>
    <message>
        <source>Finds conversations with a message containing every word typed</source>
        <translation>查找含有所输入全部词语的消息所在的会话</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <source>All markets</source>
        <translation>全部市场</translation>
    </message>
    <message>
        <source>All languages</source>
        <translation>全部语言</translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message>
        <source>Unread and awaiting-reply markers; sorts by priority</source>
        <extracomment>A new id list is in place (after a filter, sort or refresh). Rows of one page arrived.</extracomment>
        <translation>未读与待回复标记；按优先级排序</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>最近活动</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>未读</translation>
    </message>
    <message>
        <source>Awaiting reply</source>
        <translation>待回复</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Support Console</source>
        <extracomment>The inbox shows its first rows and the first conversation is open.</extracomment>
        <translation>客服工作台</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Search messages</source>
        <translation>搜索消息(&amp;S)</translation>
    </message>
    <message>
        <source>Go to &amp;inbox</source>
        <translation>转到收件箱(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>回复(&amp;R)</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;About Support Console</source>
        <translation>关于客服工作台(&amp;A)</translation>
    </message>
    <message>
        <source>About Support Console</source>
        <translation>关于客服工作台</translation>
    </message>
    <message>
        <source>Support Console brings every customer channel into one inbox and keeps all history and translation on this computer.</source>
        <translation>客服工作台把所有客户渠道汇集到同一个收件箱，所有历史记录和翻译都保存在这台电脑上。</translation>
    </message>
    <message>
        <source>Reply saved to the outbox.</source>
        <translation>回复已保存到发件箱。</translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n 个会话</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <source>Translation</source>
        <translation>译文</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <extracomment>Each language is offered in its own name, as is the convention.</extracomment>
        <translation>设置</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation>当前客服</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Support Console cannot open its store</source>
        <translation>客服工作台无法打开数据存储</translation>
    </message>
</context>
</TS>
