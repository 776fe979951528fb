<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AuditNames</name>
        <message>
            <source>Signed in</source>
            <translation>登录了</translation>
        </message>
        <message>
            <source>Sign-in refused</source>
            <translation>登录被拒绝</translation>
        </message>
        <message>
            <source>Signed out</source>
            <translation>退出了登录</translation>
        </message>
        <message>
            <source>Added a person</source>
            <translation>添加了一位人员</translation>
        </message>
        <message>
            <source>Changed a person</source>
            <translation>修改了一位人员</translation>
        </message>
        <message>
            <source>Disabled a person</source>
            <translation>停用了一位人员</translation>
        </message>
        <message>
            <source>Enabled a person</source>
            <translation>启用了一位人员</translation>
        </message>
        <message>
            <source>Account expired</source>
            <translation>账号已过期</translation>
        </message>
        <message>
            <source>Changed a role</source>
            <translation>更改了角色</translation>
        </message>
        <message>
            <source>Changed what a person sees</source>
            <translation>更改了人员的可见范围</translation>
        </message>
        <message>
            <source>Opened a conversation</source>
            <translation>打开了一个会话</translation>
        </message>
        <message>
            <source>Revealed a masked value</source>
            <translation>查看了被遮蔽的信息</translation>
        </message>
        <message>
            <source>Exported a customer's data</source>
            <translation>导出了一位客户的数据</translation>
        </message>
        <message>
            <source>Erased a customer's data</source>
            <translation>删除了一位客户的数据</translation>
        </message>
        <message>
            <source>Set a retention rule</source>
            <translation>设置了保留规则</translation>
        </message>
        <message>
            <source>Applied the retention rules</source>
            <translation>执行了保留规则</translation>
        </message>
        <message>
            <source>Stored incoming messages</source>
            <translation>存储了收到的消息</translation>
        </message>
        <message>
            <source>Replied</source>
            <translation>回复了</translation>
        </message>
        <message>
            <source>Scheduled a reply</source>
            <translation>安排了一条定时回复</translation>
        </message>
        <message>
            <source>Took a reply back</source>
            <translation>撤回了一条回复</translation>
        </message>
        <message>
            <source>Sent a reply</source>
            <translation>发出了一条回复</translation>
        </message>
        <message>
            <source>Tried sending again</source>
            <translation>重新尝试发送</translation>
        </message>
        <message>
            <source>Exported the outbox</source>
            <translation>导出了发件箱</translation>
        </message>
        <message>
            <source>Routed a conversation</source>
            <translation>自动分配了一个会话</translation>
        </message>
        <message>
            <source>Assigned a conversation</source>
            <translation>指派了一个会话</translation>
        </message>
        <message>
            <source>Unassigned a conversation</source>
            <translation>取消了会话的指派</translation>
        </message>
        <message>
            <source>Changed the status</source>
            <translation>更改了状态</translation>
        </message>
        <message>
            <source>Changed the priority</source>
            <translation>更改了优先级</translation>
        </message>
        <message>
            <source>Snoozed a conversation</source>
            <translation>将一个会话设为稍后处理</translation>
        </message>
        <message>
            <source>Snooze ended</source>
            <translation>稍后处理已结束</translation>
        </message>
        <message>
            <source>Corrected a message's language</source>
            <translation>更正了一条消息的语言</translation>
        </message>
        <message>
            <source>Marked a customer as VIP</source>
            <translation>将一位客户标为 VIP</translation>
        </message>
        <message>
            <source>Removed a VIP mark</source>
            <translation>取消了 VIP 标记</translation>
        </message>
        <message>
            <source>Merged customers</source>
            <translation>合并了客户</translation>
        </message>
        <message>
            <source>Split a customer</source>
            <translation>拆分了一位客户</translation>
        </message>
        <message>
            <source>Undid a merge</source>
            <translation>撤销了一次合并</translation>
        </message>
        <message>
            <source>Undid a split</source>
            <translation>撤销了一次拆分</translation>
        </message>
        <message>
            <source>Dismissed a merge suggestion</source>
            <translation>忽略了一条合并建议</translation>
        </message>
        <message>
            <source>Corrected a time zone</source>
            <translation>更正了时区</translation>
        </message>
        <message>
            <source>Set a customer's place</source>
            <translation>设置了客户所在地</translation>
        </message>
        <message>
            <source>Set shifts</source>
            <translation>设置了班次</translation>
        </message>
        <message>
            <source>Added leave</source>
            <translation>添加了休假</translation>
        </message>
        <message>
            <source>Added an extra shift</source>
            <translation>添加了加班</translation>
        </message>
        <message>
            <source>Removed leave or an extra shift</source>
            <translation>删除了休假或加班</translation>
        </message>
        <message>
            <source>Set a capacity</source>
            <translation>设置了容量</translation>
        </message>
        <message>
            <source>Assigned a market</source>
            <translation>分配了一个市场</translation>
        </message>
        <message>
            <source>Unassigned a market</source>
            <translation>取消了一个市场的分配</translation>
        </message>
        <message>
            <source>Replaced a market's people</source>
            <translation>更换了一个市场的负责人员</translation>
        </message>
        <message>
            <source>Set support hours</source>
            <translation>设置了服务时间</translation>
        </message>
        <message>
            <source>Set a first-response target</source>
            <translation>设置了首次回复目标</translation>
        </message>
        <message>
            <source>Added a peak event</source>
            <translation>添加了一个高峰事件</translation>
        </message>
        <message>
            <source>Changed a peak event</source>
            <translation>修改了一个高峰事件</translation>
        </message>
        <message>
            <source>Removed a peak event</source>
            <translation>删除了一个高峰事件</translation>
        </message>
        <message>
            <source>Saved a routing rule</source>
            <translation>保存了一条分配规则</translation>
        </message>
        <message>
            <source>Changed how a queue is routed</source>
            <translation>更改了队列的分配方式</translation>
        </message>
        <message>
            <source>Saved a channel</source>
            <translation>保存了一个渠道</translation>
        </message>
        <message>
            <source>Deleted a channel</source>
            <translation>删除了一个渠道</translation>
        </message>
        <message>
            <source>Resolved a quarantined item</source>
            <translation>处理了一个隔离项</translation>
        </message>
        <message>
            <source>Retried a quarantined item</source>
            <translation>重试了一个隔离项</translation>
        </message>
        <message>
            <source>Edited rules</source>
            <translation>编辑了规定</translation>
        </message>
        <message>
            <source>Restored earlier rules</source>
            <translation>恢复了较早的规定</translation>
        </message>
        <message>
            <source>Imported rules</source>
            <translation>导入了规定</translation>
        </message>
        <message>
            <source>Loaded the starting rules</source>
            <translation>载入了初始规定</translation>
        </message>
        <message>
            <source>Set the rules' review period</source>
            <translation>设置了规定的复核周期</translation>
        </message>
        <message>
            <source>Set the store's return window</source>
            <translation>设置了店铺退货期</translation>
        </message>
        <message>
            <source>Opened a rules task</source>
            <translation>开启了一项规定任务</translation>
        </message>
        <message>
            <source>Finished a rules task</source>
            <translation>完成了一项规定任务</translation>
        </message>
        <message>
            <source>Reviewed a conversation</source>
            <translation>评审了一个会话</translation>
        </message>
        <message>
            <source>Saved a rubric</source>
            <translation>保存了评分标准</translation>
        </message>
        <message>
            <source>Sampled conversations for review</source>
            <translation>抽取了待评审的会话</translation>
        </message>
        <message>
            <source>Saved the sampling settings</source>
            <translation>保存了抽样设置</translation>
        </message>
        <message>
            <source>Moved a store into the team store</source>
            <translation>将数据存储迁入了团队数据库</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>人员</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>渠道</translation>
        </message>
        <message>
            <source>Conversation</source>
            <translation>会话</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Market</source>
            <translation>市场</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>消息</translation>
        </message>
        <message>
            <source>Peak event</source>
            <translation>高峰事件</translation>
        </message>
        <message>
            <source>Rules</source>
            <translation>规定</translation>
        </message>
        <message>
            <source>Rules version</source>
            <translation>规定版本</translation>
        </message>
        <message>
            <source>Review</source>
            <translation>评审</translation>
        </message>
        <message>
            <source>Rubric</source>
            <translation>评分标准</translation>
        </message>
        <message>
            <source>Sampling settings</source>
            <translation>抽样设置</translation>
        </message>
        <message>
            <source>Review week</source>
            <translation>评审周</translation>
        </message>
        <message>
            <source>Quarantined item</source>
            <translation>隔离项</translation>
        </message>
        <message>
            <source>Queue</source>
            <translation>队列</translation>
        </message>
        <message>
            <source>Routing rule</source>
            <translation>分配规则</translation>
        </message>
        <message>
            <source>Store</source>
            <translation>数据存储</translation>
        </message>
        <message>
            <source>Routing</source>
            <extracomment>Who acts when no person does: the console's own parts, as the log names them.</extracomment>
            <translation>自动分配</translation>
        </message>
        <message>
            <source>Daily retention run</source>
            <translation>每日保留规则执行</translation>
        </message>
        <message>
            <source>Weekly review sampling</source>
            <translation>每周评审抽样</translation>
        </message>
        <message>
            <source>Starting rules</source>
            <translation>初始规定</translation>
        </message>
        <message>
            <source>The console</source>
            <translation>客服工作台</translation>
        </message>
        <message>
            <source>Incoming messages</source>
            <translation>收到的消息</translation>
        </message>
        <message>
            <source>Outbox</source>
            <translation>发件箱</translation>
        </message>
        <message>
            <source>Webhook</source>
            <translation>Webhook 接口</translation>
        </message>
        <message>
            <source>Move into the team store</source>
            <translation>迁入团队数据库</translation>
        </message>
        <message>
            <source>Demo store</source>
            <translation>演示数据</translation>
        </message>
        <message>
            <source>Unknown person</source>
            <translation>未知人员</translation>
        </message>
        <message>
            <source>Import from %1</source>
            <translation>从 %1 导入</translation>
        </message>
        <message>
            <source>%1 (command line)</source>
            <translation>%1（命令行）</translation>
        </message>
    </context>
    <context>
        <name>AuditTableModel</name>
        <message>
            <source>When</source>
            <extracomment>The next page is wanted: entries below this id.</extracomment>
            <translation>时间</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>人员</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>操作</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>记录</translation>
        </message>
        <message>
            <source>Id</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>详情</translation>
        </message>
    </context>
    <context>
        <name>AuditWindow</name>
        <message>
            <source>Audit log</source>
            <extracomment>The first day a date filter offers; choosing it means "any day". The table shows a new filter's first page (number of rows shown). The count of matching entries is known. The chain check ended (its ChainReport).</extracomment>
            <translation>审计日志</translation>
        </message>
        <message>
            <source>Everyone</source>
            <translation>所有人</translation>
        </message>
        <message>
            <source>Every action</source>
            <translation>所有操作</translation>
        </message>
        <message>
            <source>Every record</source>
            <translation>所有记录</translation>
        </message>
        <message>
            <source>Any day</source>
            <translation>任意日期</translation>
        </message>
        <message>
            <source>From</source>
            <translation>从</translation>
        </message>
        <message>
            <source>to</source>
            <translation>至</translation>
        </message>
        <message>
            <source>Words in the entries…</source>
            <translation>条目中的词语…</translation>
        </message>
        <message>
            <source>Check the chain</source>
            <translation>检查哈希链</translation>
        </message>
        <message>
            <source>Only administrators and compliance staff can read the audit log.</source>
            <translation>只有管理员和合规人员可以查看审计日志。</translation>
        </message>
        <message numerus="yes">
            <source>%n entries</source>
            <translation>
                <numerusform>%n 条</numerusform>
            </translation>
        </message>
        <message>
            <source>Checking the chain… {count} entries</source>
            <translation>正在检查哈希链… 已检查 {count} 条</translation>
        </message>
        <message>
            <source>Chain intact: {count} entries</source>
            <translation>哈希链完整：{count} 条</translation>
        </message>
        <message>
            <source>Chain broken at entry {id}: {problem}</source>
            <translation>哈希链在第 {id} 条处断开：{problem}</translation>
        </message>
    </context>
    <context>
        <name>AvailableModel</name>
        <message>
            <source>From</source>
            <translation>源语言</translation>
        </message>
        <message>
            <source>To</source>
            <translation>目标语言</translation>
        </message>
        <message>
            <source>Version</source>
            <translation>版本</translation>
        </message>
    </context>
    <context>
        <name>CalibrationModel</name>
        <message>
            <source>Subject</source>
            <translation>主题</translation>
        </message>
        <message>
            <source>Agent</source>
            <translation>客服</translation>
        </message>
        <message>
            <source>Reviewers</source>
            <translation>评审人</translation>
        </message>
        <message>
            <source>Scores</source>
            <translation>得分</translation>
        </message>
        <message>
            <source>Items scored alike</source>
            <translation>评分一致的项目</translation>
        </message>
        <message>
            <source>Score difference</source>
            <translation>分差</translation>
        </message>
        <message>
            <source>(no subject)</source>
            <translation>（无主题）</translation>
        </message>
        <message>
            <source>%1 of %2 (%3%)</source>
            <translation>%2 项中 %1 项（%3%）</translation>
        </message>
    </context>
    <context>
        <name>CapacityModel</name>
        <message>
            <source>Person</source>
            <extracomment>(agent id, capacity, version read)</extracomment>
            <translation>人员</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>角色</translation>
        </message>
        <message>
            <source>Vendor</source>
            <translation>外包商</translation>
        </message>
        <message>
            <source>Capacity</source>
            <translation>容量</translation>
        </message>
        <message>
            <source>in-house</source>
            <translation>内部</translation>
        </message>
    </context>
    <context>
        <name>ChannelFields</name>
        <message>
            <source>Message text</source>
            <translation>消息正文</translation>
        </message>
        <message>
            <source>Time sent</source>
            <translation>发送时间</translation>
        </message>
        <message>
            <source>Time zone</source>
            <translation>时区</translation>
        </message>
        <message>
            <source>Customer handle</source>
            <translation>客户账号</translation>
        </message>
        <message>
            <source>Customer name</source>
            <translation>客户姓名</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>电子邮件</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Country</source>
            <translation>国家/地区</translation>
        </message>
        <message>
            <source>Region</source>
            <translation>省/州</translation>
        </message>
        <message>
            <source>City</source>
            <translation>城市</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>Order number</source>
            <translation>订单号</translation>
        </message>
        <message>
            <source>Direction</source>
            <translation>方向</translation>
        </message>
        <message>
            <source>Message id</source>
            <translation>消息 ID</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>主题</translation>
        </message>
    </context>
    <context>
        <name>ChannelSettingsDialog</name>
        <message>
            <source>Channels</source>
            <extracomment>A channel was saved (its name). Who is working: saved and deleted channels are recorded for them.</extracomment>
            <translation>渠道</translation>
        </message>
        <message>
            <source>New</source>
            <translation>新建</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>E-mail in (IMAP)</source>
            <translation>收信（IMAP）</translation>
        </message>
        <message>
            <source>E-mail out (SMTP)</source>
            <translation>发信（SMTP）</translation>
        </message>
        <message>
            <source>Local webhook</source>
            <translation>本地 Webhook</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>服务器</translation>
        </message>
        <message>
            <source>Port</source>
            <translation>端口</translation>
        </message>
        <message>
            <source>Security</source>
            <translation>加密方式</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>用户名</translation>
        </message>
        <message>
            <source>Password or token</source>
            <translation>密码或令牌</translation>
        </message>
        <message>
            <source>Folders to watch</source>
            <translation>监视的文件夹</translation>
        </message>
        <message>
            <source>Mark fetched mail as read</source>
            <translation>将收取的邮件标为已读</translation>
        </message>
        <message>
            <source>Send as</source>
            <translation>发件人</translation>
        </message>
        <message>
            <source>Kept in the system keyring; leave empty to keep</source>
            <translation>保存在系统密钥环中；留空则保持不变</translation>
        </message>
        <message>
            <source>Comma-separated, e.g. INBOX, Orders</source>
            <translation>用逗号分隔，例如 INBOX, Orders</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>已保存。</translation>
        </message>
    </context>
    <context>
        <name>ChannelStatusModel</name>
        <message>
            <source>Channels: %1 online, %2 offline</source>
            <translation>渠道：%1 个在线，%2 个离线</translation>
        </message>
        <message>
            <source>Channels: %1 online</source>
            <translation>渠道：%1 个在线</translation>
        </message>
        <message>
            <source>(last sync %1)</source>
            <translation>（上次同步 %1）</translation>
        </message>
        <message>
            <source>connecting</source>
            <translation>正在连接</translation>
        </message>
        <message>
            <source>online</source>
            <translation>在线</translation>
        </message>
        <message>
            <source>offline</source>
            <translation>离线</translation>
        </message>
        <message>
            <source>stopped</source>
            <translation>已停止</translation>
        </message>
    </context>
    <context>
        <name>ComplianceEditor</name>
        <message>
            <source>Return and privacy rules</source>
            <translation>退货与隐私规定</translation>
        </message>
        <message>
            <source>Guidance for compliance staff to confirm, not legal advice. Lists take one entry per line.</source>
            <translation>供合规人员核实的参考信息，不构成法律意见。列表每行一项。</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Locale</source>
            <translation>区域设置</translation>
        </message>
        <message>
            <source>Right of withdrawal</source>
            <translation>撤回权</translation>
        </message>
        <message>
            <source>Withdrawal period</source>
            <translation>撤回期限</translation>
        </message>
        <message>
            <source>Withdrawal unit</source>
            <translation>撤回期限单位</translation>
        </message>
        <message>
            <source>Withdrawal starts at</source>
            <translation>撤回期起算点</translation>
        </message>
        <message>
            <source>Ends on a working day</source>
            <translation>截止日顺延至工作日</translation>
        </message>
        <message>
            <source>Withdrawal note</source>
            <translation>撤回说明</translation>
        </message>
        <message>
            <source>Return shipping paid by</source>
            <translation>退货运费承担方</translation>
        </message>
        <message>
            <source>Refund deadline</source>
            <translation>退款期限</translation>
        </message>
        <message>
            <source>Refund unit</source>
            <translation>退款期限单位</translation>
        </message>
        <message>
            <source>Refund counted from</source>
            <translation>退款期限起算点</translation>
        </message>
        <message>
            <source>Refund note</source>
            <translation>退款说明</translation>
        </message>
        <message>
            <source>Legal guarantee (months)</source>
            <translation>法定保修期（月）</translation>
        </message>
        <message>
            <source>Guarantee note</source>
            <translation>保修说明</translation>
        </message>
        <message>
            <source>Privacy laws</source>
            <translation>隐私法律</translation>
        </message>
        <message>
            <source>Data-subject requests</source>
            <translation>数据主体请求</translation>
        </message>
        <message>
            <source>Response deadline</source>
            <translation>答复期限</translation>
        </message>
        <message>
            <source>Response unit</source>
            <translation>答复期限单位</translation>
        </message>
        <message>
            <source>Response note</source>
            <translation>答复说明</translation>
        </message>
        <message>
            <source>Breach notification</source>
            <translation>数据泄露通报</translation>
        </message>
        <message>
            <source>Breach unit</source>
            <translation>通报期限单位</translation>
        </message>
        <message>
            <source>Breach note</source>
            <translation>通报说明</translation>
        </message>
        <message>
            <source>Cross-border transfers</source>
            <translation>跨境传输</translation>
        </message>
        <message>
            <source>Required languages</source>
            <translation>法定使用语言</translation>
        </message>
        <message>
            <source>Language note</source>
            <translation>语言说明</translation>
        </message>
        <message>
            <source>Store return window (days)</source>
            <translation>店铺退货期（天）</translation>
        </message>
        <message>
            <source>Store refund within (days)</source>
            <translation>店铺退款期限（天）</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Sources</source>
            <translation>出处</translation>
        </message>
        <message>
            <source>Last reviewed</source>
            <translation>最近审核</translation>
        </message>
        <message>
            <source>Rules</source>
            <translation>规定</translation>
        </message>
        <message>
            <source>History</source>
            <translation>历史</translation>
        </message>
        <message>
            <source>Review queue</source>
            <translation>待审核队列</translation>
        </message>
        <message>
            <source>Store defaults</source>
            <translation>店铺默认设置</translation>
        </message>
        <message>
            <source>Store-wide return window (days)</source>
            <translation>全店退货期（天）</translation>
        </message>
        <message>
            <source>Applies to every market that sets no store return window of its own. It may extend the law, never shorten it: a window shorter than a market's statutory withdrawal period is rejected. Set — to have none.</source>
            <translation>适用于所有未单独设置店铺退货期的市场。只能在法律基础上延长，不能缩短：短于某市场法定撤回期的设置会被拒绝。设为 — 表示不设置。</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Why do the rules change?</source>
            <translation>规定为何变更？</translation>
        </message>
        <message>
            <source>Takes effect later</source>
            <translation>稍后生效</translation>
        </message>
        <message>
            <source>Save as new version</source>
            <translation>另存为新版本</translation>
        </message>
        <message>
            <source>Why restore this version?</source>
            <translation>为何恢复此版本？</translation>
        </message>
        <message>
            <source>Restore this version</source>
            <translation>恢复此版本</translation>
        </message>
        <message>
            <source>Mark reviewed</source>
            <translation>标记为已审核</translation>
        </message>
        <message>
            <source>Review every (days)</source>
            <translation>审核周期（天）</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>应用</translation>
        </message>
        <message>
            <source>Calendar days</source>
            <extracomment>Who is working: the rules are role-gated on them, and changes recorded for them.</extracomment>
            <translation>自然日</translation>
        </message>
        <message>
            <source>Working days</source>
            <translation>工作日</translation>
        </message>
        <message>
            <source>Months</source>
            <translation>月</translation>
        </message>
        <message>
            <source>Hours</source>
            <translation>小时</translation>
        </message>
        <message>
            <source>Delivery of the goods</source>
            <translation>商品交付</translation>
        </message>
        <message>
            <source>Conclusion of the contract</source>
            <translation>合同订立</translation>
        </message>
        <message>
            <source>Delivery or contract, whichever is later</source>
            <translation>交付或订立合同，以较晚者为准</translation>
        </message>
        <message>
            <source>Notice of withdrawal</source>
            <translation>撤回通知</translation>
        </message>
        <message>
            <source>Return of the goods</source>
            <translation>商品退回</translation>
        </message>
        <message>
            <source>Cancellation</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Store</source>
            <translation>店铺</translation>
        </message>
        <message>
            <source>Not applicable</source>
            <translation>不适用</translation>
        </message>
        <message>
            <source>Access</source>
            <translation>访问</translation>
        </message>
        <message>
            <source>Correction</source>
            <translation>更正</translation>
        </message>
        <message>
            <source>Deletion</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>Restriction of processing</source>
            <translation>限制处理</translation>
        </message>
        <message>
            <source>Data portability</source>
            <translation>数据可携带</translation>
        </message>
        <message>
            <source>Objection</source>
            <translation>反对处理</translation>
        </message>
        <message>
            <source>Opt out of sale or sharing</source>
            <translation>拒绝出售或共享</translation>
        </message>
        <message>
            <source>Limit use of sensitive data</source>
            <translation>限制使用敏感数据</translation>
        </message>
        <message>
            <source>Withdraw consent</source>
            <translation>撤回同意</translation>
        </message>
        <message>
            <source>Country code</source>
            <translation>国家/地区代码</translation>
        </message>
        <message>
            <source>Response extension</source>
            <translation>答复期限延长</translation>
        </message>
        <message>
            <source>Extension unit</source>
            <translation>延长期限单位</translation>
        </message>
        <message>
            <source>When the response may be extended</source>
            <translation>何时可延长答复期限</translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>（无）</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>no</source>
            <translation>否</translation>
        </message>
        <message>
            <source>{field}: {old} → {new}</source>
            <translation>{field}：{old} → {new}</translation>
        </message>
        <message>
            <source>You can edit the rules as {name} (compliance).</source>
            <translation>您以 {name}（合规）身份可以编辑这些规定。</translation>
        </message>
        <message>
            <source>Read-only: {reason}</source>
            <translation>只读：{reason}</translation>
        </message>
        <message>
            <source>checking your role…</source>
            <translation>正在核对您的角色…</translation>
        </message>
        <message>
            <source>{market}: {problem}</source>
            <extracomment>The newest version shown: a save made on it is refused if another came since.</extracomment>
            <translation>{market}：{problem}</translation>
        </message>
        <message>
            <source>Not saved: the window would undercut the law.</source>
            <translation>未保存：该期限短于法定期限。</translation>
        </message>
        <message>
            <source>Saved as version {version}.</source>
            <translation>已保存为版本 {version}。</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>已保存。</translation>
        </message>
        <message>
            <source>Not saved: fix the fields listed.</source>
            <translation>未保存：请修正所列字段。</translation>
        </message>
        <message>
            <source>Not saved.</source>
            <translation>未保存。</translation>
        </message>
        <message>
            <source>Something went wrong: {error}</source>
            <translation>出错了：{error}</translation>
        </message>
    </context>
    <context>
        <name>Composer</name>
        <message>
            <source>Write a reply…</source>
            <extracomment>The agent asked to send this text. The agent asked to send this text at the customer's next business-hours start. The agent asked for the reply library (button or Ctrl+Shift+L).</extracomment>
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
        <message>
            <source>Insert fact</source>
            <translation>插入规定信息</translation>
        </message>
        <message>
            <source>Insert a fact worked out from the customer's rules; the reply they receive writes it in their language's date format</source>
            <translation>插入根据客户规则算出的事实；客户收到的回复会按其语言的日期格式书写</translation>
        </message>
        <message>
            <source>Replies…</source>
            <translation>回复库…</translation>
        </message>
        <message>
            <source>Find a reply in the library and insert it in the customer's language (Ctrl+Shift+L)</source>
            <translation>在回复库中查找回复，并以客户的语言插入（Ctrl+Shift+L）</translation>
        </message>
        <message>
            <source>Send at their 09:00</source>
            <translation>在对方 09:00 发送</translation>
        </message>
        <message>
            <source>Keep the reply in the outbox until the customer's business hours start</source>
            <translation>将回复保留在发件箱，直到客户当地营业时间开始</translation>
        </message>
        <message>
            <source>Last day to withdraw</source>
            <translation>最后撤回日</translation>
        </message>
        <message>
            <source>Withdrawal period (days)</source>
            <translation>撤回期（天）</translation>
        </message>
        <message>
            <source>Days left to withdraw</source>
            <translation>剩余撤回天数</translation>
        </message>
        <message>
            <source>Return window (days)</source>
            <translation>退货期（天）</translation>
        </message>
        <message>
            <source>Refund deadline</source>
            <translation>退款期限</translation>
        </message>
        <message>
            <source>Deadline to answer a data request</source>
            <translation>数据请求答复期限</translation>
        </message>
        <message>
            <source>Legal guarantee (months)</source>
            <translation>法定保修期（月）</translation>
        </message>
    </context>
    <context>
        <name>ConnectDialog</name>
        <message>
            <source>Connect to team store</source>
            <extracomment>Wide enough for a problem to wrap into a few readable lines. Connected and saved: the open store and the signed-in person.</extracomment>
            <translation>连接团队数据库</translation>
        </message>
        <message>
            <source>&amp;Host</source>
            <translation>主机(&amp;H)</translation>
        </message>
        <message>
            <source>P&amp;ort</source>
            <translation>端口(&amp;O)</translation>
        </message>
        <message>
            <source>&amp;Database</source>
            <translation>数据库(&amp;D)</translation>
        </message>
        <message>
            <source>&amp;User</source>
            <translation>用户(&amp;U)</translation>
        </message>
        <message>
            <source>&amp;Password</source>
            <translation>密码(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;Test connection</source>
            <translation>测试连接(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Connect</source>
            <translation>连接(&amp;C)</translation>
        </message>
        <message>
            <source>Enter the host, database, user and password.</source>
            <translation>请输入主机、数据库、用户和密码。</translation>
        </message>
        <message>
            <source>Connecting…</source>
            <translation>正在连接…</translation>
        </message>
        <message>
            <source>Connected: you are %1 (%2).</source>
            <translation>已连接：您是 %1（%2）。</translation>
        </message>
    </context>
    <context>
        <name>ConversationActions</name>
        <message>
            <source>&amp;Resolve</source>
            <extracomment>Keyboard shortcuts (documented in the README). A change could not be made; a message for the agent. Who is working: "assign to me" means them, and changes are recorded for them. The version of each chosen conversation as the agent saw it (id -&gt; version): a change passes it and is refused if someone changed the conversation since.</extracomment>
            <translation>解决(&amp;R)</translation>
        </message>
        <message>
            <source>Resolve: the customer has what they need</source>
            <translation>解决：客户的问题已处理完毕</translation>
        </message>
        <message>
            <source>Re&amp;open</source>
            <translation>重新打开(&amp;O)</translation>
        </message>
        <message>
            <source>&amp;Waiting on customer</source>
            <translation>等待客户回复(&amp;W)</translation>
        </message>
        <message>
            <source>&amp;Snooze</source>
            <translation>稍后处理(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Priority</source>
            <translation>优先级(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;Assign to</source>
            <translation>分配给(&amp;A)</translation>
        </message>
        <message>
            <source>Assign to &amp;me</source>
            <translation>分配给我(&amp;M)</translation>
        </message>
        <message>
            <source>&amp;Unassign</source>
            <translation>取消分配(&amp;U)</translation>
        </message>
        <message>
            <source>For an hour</source>
            <translation>一小时后</translation>
        </message>
        <message>
            <source>For four hours</source>
            <translation>四小时后</translation>
        </message>
        <message>
            <source>Until tomorrow morning (%1)</source>
            <translation>明天早上（%1）</translation>
        </message>
        <message>
            <source>Until Monday morning (%1)</source>
            <translation>周一早上（%1）</translation>
        </message>
        <message>
            <source>Until a time you choose…</source>
            <translation>自选时间…</translation>
        </message>
    </context>
    <context>
        <name>ConversationPane</name>
        <message>
            <source>Manage translation models…</source>
            <extracomment>Languages an agent can pick when correcting a detection. The agent corrected a message's language: (message id, ISO 639-1 code). The agent wants to install translation models. Fills policy variables ({withdrawal_deadline}, ...) in what the agent types. Why the conversation is where it is (routing); the window attaches the store lane. Who else has this conversation open, and who is writing a reply (team mode).</extracomment>
            <translation>管理翻译模型…</translation>
        </message>
        <message>
            <source>someone else</source>
            <translation>其他人</translation>
        </message>
        <message>
            <source>Also open: %1</source>
            <translation>同时打开：%1</translation>
        </message>
        <message>
            <source>%1 is writing a reply</source>
            <translation>%1 正在撰写回复</translation>
        </message>
        <message>
            <source>%1 are writing replies</source>
            <translation>%1 正在撰写回复</translation>
        </message>
        <message>
            <source>No translation model is installed for %1 → %2.</source>
            <translation>未安装 %1 → %2 的翻译模型。</translation>
        </message>
        <message>
            <source>Correct the language…</source>
            <translation>更正语言…</translation>
        </message>
        <message>
            <source>Copy text</source>
            <translation>复制文本</translation>
        </message>
        <message>
            <source>Correct the language</source>
            <translation>更正语言</translation>
        </message>
        <message>
            <source>This message is written in:</source>
            <translation>这条消息使用的语言：</translation>
        </message>
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
        <message>
            <source>assigned to %1</source>
            <translation>分配给 %1</translation>
        </message>
        <message>
            <source>unassigned</source>
            <translation>未分配</translation>
        </message>
        <message>
            <source>priority %1</source>
            <translation>优先级：%1</translation>
        </message>
        <message>
            <source>snoozed until %1</source>
            <translation>稍后处理，至 %1</translation>
        </message>
    </context>
    <context>
        <name>Coverage</name>
        <message>
            <source>Outside support hours</source>
            <extracomment>On the grid's cell at "now": the fraction of the hour gone (else None).</extracomment>
            <translation>非服务时间</translation>
        </message>
        <message>
            <source>Covered</source>
            <translation>已覆盖</translation>
        </message>
        <message>
            <source>Covered, but not in the market's language</source>
            <translation>已覆盖，但不会该市场的语言</translation>
        </message>
        <message>
            <source>Uncovered</source>
            <translation>未覆盖</translation>
        </message>
        <message>
            <source>no agent speaks {languages}</source>
            <translation>没有客服会说{languages}</translation>
        </message>
        <message>
            <source>no {languages} speaker on shift</source>
            <translation>当班无人会说{languages}</translation>
        </message>
        <message>
            <source>{languages} speakers on shift cover busier markets</source>
            <translation>当班会说{languages}的客服在负责更忙的市场</translation>
        </message>
        <message>
            <source>No support hours this week.</source>
            <translation>本周无服务时间。</translation>
        </message>
        <message>
            <source>All support hours covered.</source>
            <translation>所有服务时间均已覆盖。</translation>
        </message>
        <message>
            <source>Uncovered: {spans}</source>
            <translation>未覆盖：{spans}</translation>
        </message>
        <message>
            <source>and {count} more</source>
            <translation>以及另外 {count} 段</translation>
        </message>
    </context>
    <context>
        <name>CoverageAgentsModel</name>
        <message>
            <source>{name}
Languages: {languages}
Home zone: {zone}
{shifts}</source>
            <translation>{name}
语言：{languages}
所在时区：{zone}
{shifts}</translation>
        </message>
        <message>
            <source>{hours} hours on shift this week</source>
            <translation>本周当班 {hours} 小时</translation>
        </message>
    </context>
    <context>
        <name>CoverageGridModel</name>
        <message>
            <source>{market} · {time}
{state}
{demand:.1f} messages per week</source>
            <extracomment>An agent was dropped on a market: (market id, agent id).</extracomment>
            <translation>{market} · {time}
{state}
每周 {demand:.1f} 条消息</translation>
        </message>
        <message>
            <source>{name} ({languages})
Support hours: {open} h a week, {covered} h covered</source>
            <translation>{name}（{languages}）
服务时间：每周 {open} 小时，已覆盖 {covered} 小时</translation>
        </message>
    </context>
    <context>
        <name>CoverageHoursEditor</name>
        <message>
            <source>Edit support hours</source>
            <extracomment>Day names as the stored periods spell them ("Mon 09:00-18:00"); data, not UI text. The hours were stored. Who is working: the hours are recorded as changed by them.</extracomment>
            <translation>编辑服务时间</translation>
        </message>
        <message>
            <source>Time zone of the market:</source>
            <translation>市场时区：</translation>
        </message>
        <message>
            <source>First-response target:</source>
            <translation>首次响应目标：</translation>
        </message>
        <message>
            <source> business min</source>
            <translation> 工作分钟</translation>
        </message>
        <message>
            <source>Support periods in the market's local time, several a day if needed. A period whose end is not after its start runs past midnight; 00:00 to 00:00 is the whole day. Double-click a cell to change it.</source>
            <translation>按市场当地时间设置服务时段，每天可设多个。结束时间不晚于开始时间的时段会跨过午夜；00:00 至 00:00 表示全天。双击单元格可修改。</translation>
        </message>
        <message>
            <source>Add period</source>
            <translation>添加时段</translation>
        </message>
        <message>
            <source>Remove period</source>
            <translation>删除时段</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Nothing was saved: {error}</source>
            <translation>未保存任何内容：{error}</translation>
        </message>
        <message>
            <source>Period {number} ends when it starts. Give it another end time (00:00 to 00:00 is the whole day). Nothing was saved.</source>
            <translation>时段 {number} 的结束时间等于开始时间。请换一个结束时间（00:00 至 00:00 表示全天）。未保存任何内容。</translation>
        </message>
        <message>
            <source>Periods {first} and {second} overlap. Change or remove one of them. Nothing was saved.</source>
            <translation>时段 {first} 和 {second} 重叠。请修改或删除其中一个。未保存任何内容。</translation>
        </message>
        <message>
            <source>Period {number} has an invalid time. Nothing was saved.</source>
            <translation>时段 {number} 的时间无效。未保存任何内容。</translation>
        </message>
    </context>
    <context>
        <name>CoveragePeakEditor</name>
        <message>
            <source>Peak events</source>
            <extracomment>The list was (re)loaded from the store. Who is working: changes are recorded for them.</extracomment>
            <translation>高峰事件</translation>
        </message>
        <message>
            <source>Days when you expect more (or fewer) customer messages than usual, such as Double 11, 618 or Black Friday. The forecast multiplies the usual volume of those days in each market's own time zone; the required agents follow.</source>
            <translation>预计客户消息比平时多（或少）的日子，例如双十一、618 或黑色星期五。预测会按各市场自己的时区将这些日子的常规消息量乘以倍数，所需客服人数随之变化。</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>名称(&amp;N)：</translation>
        </message>
        <message>
            <source>&amp;First day:</source>
            <translation>开始日期(&amp;F)：</translation>
        </message>
        <message>
            <source>&amp;Last day:</source>
            <translation>结束日期(&amp;L)：</translation>
        </message>
        <message>
            <source>Expected &amp;volume (× usual):</source>
            <translation>预计消息量(&amp;V)（平时的倍数）：</translation>
        </message>
        <message>
            <source>&amp;Market:</source>
            <translation>市场(&amp;M)：</translation>
        </message>
        <message>
            <source>All markets</source>
            <translation>所有市场</translation>
        </message>
        <message>
            <source>N&amp;ew event</source>
            <translation>新建事件(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;Save event</source>
            <translation>保存事件(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Remove event</source>
            <translation>删除事件(&amp;R)</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Nothing was saved: {error}</source>
            <translation>未保存任何内容：{error}</translation>
        </message>
    </context>
    <context>
        <name>CoveragePlanner</name>
        <message>
            <source>Coverage planner</source>
            <extracomment>How often "now" moves on (milliseconds). Warnings shown in full under the grid; the rest are counted (all are in the tooltip). The plan of the shown week is on screen. An assignment, shift or support hours change was stored. Files were written (a message for the status bar). Something failed; a message for the user. Set while an assignment of this planner is being stored: its change is on screen.</extracomment>
            <translation>排班覆盖规划</translation>
        </message>
        <message>
            <source>Previous week</source>
            <translation>上一周</translation>
        </message>
        <message>
            <source>Next week</source>
            <translation>下一周</translation>
        </message>
        <message>
            <source>Suggest assignment…</source>
            <translation>建议分配…</translation>
        </message>
        <message>
            <source>Peak events…</source>
            <translation>高峰事件…</translation>
        </message>
        <message>
            <source>Sales peaks (Double 11, 618, Black Friday) that raise the forecast</source>
            <translation>会抬高预测的促销高峰（双十一、618、黑色星期五）</translation>
        </message>
        <message>
            <source>Export CSV…</source>
            <translation>导出 CSV…</translation>
        </message>
        <message>
            <source>Export calendars…</source>
            <translation>导出日历…</translation>
        </message>
        <message>
            <source>Agents — drag onto a market</source>
            <translation>客服 — 拖到市场上</translation>
        </message>
        <message>
            <source>Agents covering this market</source>
            <translation>负责该市场的客服</translation>
        </message>
        <message>
            <source>Edit shifts…</source>
            <translation>编辑班次…</translation>
        </message>
        <message>
            <source>Weekly shifts, leave and extra shifts of the selected agent</source>
            <translation>所选客服的每周班次、休假和加班</translation>
        </message>
        <message>
            <source>Edit support hours…</source>
            <translation>编辑服务时间…</translation>
        </message>
        <message>
            <source>Support hours of the selected market</source>
            <translation>所选市场的服务时间</translation>
        </message>
        <message>
            <source>No language match</source>
            <translation>语言不匹配</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>未营业</translation>
        </message>
        <message>
            <source>Inbound messages (demand)</source>
            <translation>来信量（需求）</translation>
        </message>
        <message>
            <source>Now</source>
            <translation>现在</translation>
        </message>
        <message>
            <source>On shift now</source>
            <translation>当前在班</translation>
        </message>
        <message>
            <source>On shift now · {time}</source>
            <translation>当前在班 · {time}</translation>
        </message>
        <message>
            <source>Now {time}</source>
            <translation>现在 {time}</translation>
        </message>
        <message>
            <source>And {count} more (point here to read them).</source>
            <translation>另有 {count} 条（将鼠标移到此处查看）。</translation>
        </message>
        <message>
            <source>Forecast: {required} agent-hours required, {scheduled} scheduled; short in {short} h</source>
            <translation>预测：需要 {required} 人·小时，已排班 {scheduled} 人·小时；{short} 小时人手不足</translation>
        </message>
        <message>
            <source>{first} – {last} · times in {zone}</source>
            <translation>{first} – {last} · 时间为 {zone}</translation>
        </message>
        <message>
            <source>{covered} of {open} market support hours covered, {gap} without the market's language, {uncovered} uncovered.</source>
            <translation>市场服务时间 {open} 小时中已覆盖 {covered} 小时，其中 {gap} 小时不会该市场语言，{uncovered} 小时未覆盖。</translation>
        </message>
        <message>
            <source>Select a market</source>
            <translation>请选择市场</translation>
        </message>
        <message>
            <source>none set</source>
            <translation>未设置</translation>
        </message>
        <message>
            <source>Languages: {languages}
Support hours ({zone}): {hours}
This week: {covered} of {open} h covered, {gap} h without the language</source>
            <translation>语言：{languages}
服务时间（{zone}）：{hours}
本周：{open} 小时中已覆盖 {covered} 小时，{gap} 小时语言不匹配</translation>
        </message>
        <message>
            <source>Support shift</source>
            <translation>服务班次</translation>
        </message>
        <message>
            <source>Leave</source>
            <translation>休假</translation>
        </message>
        <message>
            <source>Extra shift</source>
            <translation>加班</translation>
        </message>
        <message>
            <source>no market assigned</source>
            <translation>未分配市场</translation>
        </message>
        <message>
            <source>Export plan as CSV</source>
            <translation>将计划导出为 CSV</translation>
        </message>
        <message>
            <source>CSV (*.csv)</source>
            <translation>CSV (*.csv)</translation>
        </message>
        <message>
            <source>Plan saved to {path}</source>
            <translation>计划已保存到 {path}</translation>
        </message>
        <message>
            <source>Folder for the calendars</source>
            <translation>日历保存文件夹</translation>
        </message>
        <message>
            <source>{count} calendars saved to {folder}</source>
            <translation>{count} 个日历已保存到 {folder}</translation>
        </message>
    </context>
    <context>
        <name>CoverageShiftEditor</name>
        <message>
            <source>Edit shifts</source>
            <extracomment>The schedule was stored. Who is working: the schedule is recorded as changed by them.</extracomment>
            <translation>编辑班次</translation>
        </message>
        <message>
            <source>Weekly shifts in {zone}. A shift whose end is not after its start runs past midnight into the next day. Double-click a cell to change it.</source>
            <translation>每周班次（{zone}）。结束时间不晚于开始时间的班次会跨到次日。双击单元格可修改。</translation>
        </message>
        <message>
            <source>Weekly shifts</source>
            <translation>每周班次</translation>
        </message>
        <message>
            <source>Add shift</source>
            <translation>添加班次</translation>
        </message>
        <message>
            <source>Remove shift</source>
            <translation>删除班次</translation>
        </message>
        <message>
            <source>Leave and extra shifts</source>
            <translation>休假和加班</translation>
        </message>
        <message>
            <source>Remove selected</source>
            <translation>删除所选</translation>
        </message>
        <message>
            <source>Leave from</source>
            <translation>休假自</translation>
        </message>
        <message>
            <source>Extra shift on</source>
            <translation>加班日期</translation>
        </message>
        <message>
            <source>to</source>
            <translation>至</translation>
        </message>
        <message>
            <source>Note (optional)</source>
            <translation>备注（可选）</translation>
        </message>
        <message>
            <source>Add leave</source>
            <translation>添加休假</translation>
        </message>
        <message>
            <source>Add extra shift</source>
            <translation>添加加班</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Nothing was saved: {error}</source>
            <translation>未保存任何内容：{error}</translation>
        </message>
        <message>
            <source>Shift {number} ends when it starts. Give it an end time different from its start time. Nothing was saved.</source>
            <translation>班次 {number} 的结束时间等于开始时间。请设置不同的结束时间。未保存任何内容。</translation>
        </message>
        <message>
            <source>Shifts {first} and {second} overlap. Change or remove one of them. Nothing was saved.</source>
            <translation>班次 {first} 和 {second} 重叠。请修改或删除其中一个。未保存任何内容。</translation>
        </message>
        <message>
            <source>Shift {number} has an invalid time. Nothing was saved.</source>
            <translation>班次 {number} 的时间无效。未保存任何内容。</translation>
        </message>
        <message>
            <source>Leave cannot end before it starts: choose a last day on or after the first day.</source>
            <translation>休假不能早于开始日结束：请选择不早于第一天的最后一天。</translation>
        </message>
        <message>
            <source>An extra shift cannot end when it starts: choose another end time.</source>
            <translation>加班的结束时间不能等于开始时间：请另选结束时间。</translation>
        </message>
    </context>
    <context>
        <name>CoverageSuggestionDialog</name>
        <message>
            <source>Suggested assignment</source>
            <translation>建议的分配</translation>
        </message>
        <message>
            <source>Uncovered demand-weighted support hours: {before:.1f} now, {after:.1f} with this suggestion ({method}). Uncheck the markets to keep as they are.</source>
            <translation>按需求加权的未覆盖服务时间：目前 {before:.1f}，采用此建议后 {after:.1f}（{method}）。取消勾选要保持不变的市场。</translation>
        </message>
        <message>
            <source>optimal</source>
            <translation>最优解</translation>
        </message>
        <message>
            <source>heuristic</source>
            <translation>启发式</translation>
        </message>
        <message>
            <source>Apply checked markets</source>
            <translation>应用已勾选的市场</translation>
        </message>
    </context>
    <context>
        <name>CrossedReplyDialog</name>
        <message>
            <source>Another reply came first</source>
            <translation>已有其他回复先发出</translation>
        </message>
        <message>
            <source>Someone else</source>
            <translation>其他人</translation>
        </message>
        <message>
            <source>%1 replied to this conversation after you opened it. Your reply has not been sent.</source>
            <translation>%1 在您打开此会话后已回复。您的回复尚未发送。</translation>
        </message>
        <message>
            <source>%1 wrote: “%2”</source>
            <translation>%1 写道：“%2”</translation>
        </message>
        <message>
            <source>Their reply is shown in the conversation. Send yours too?</source>
            <translation>对方的回复已显示在会话中。仍要发送您的回复吗？</translation>
        </message>
        <message>
            <source>Send anyway</source>
            <translation>仍然发送</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>舍弃</translation>
        </message>
    </context>
    <context>
        <name>CustomerDataRequests</name>
        <message>
            <source>C&amp;ustomer</source>
            <extracomment>A sentence for the status bar (done, or what went wrong). An export was written (its folder). An erasure finished, files purged (its :class:`ErasureResult`). Where an export goes: a function of the parent widget (tests replace it).</extracomment>
            <translation>客户(&amp;U)</translation>
        </message>
        <message>
            <source>&amp;Export data…</source>
            <translation>导出数据(&amp;E)…</translation>
        </message>
        <message>
            <source>E&amp;rase…</source>
            <translation>删除(&amp;R)…</translation>
        </message>
        <message>
            <source>&amp;Retention rules…</source>
            <translation>保留规则(&amp;R)…</translation>
        </message>
        <message>
            <source>Exported the customer's data to %1.</source>
            <translation>已将客户数据导出到 %1。</translation>
        </message>
        <message numerus="yes">
            <source>Erased the customer's data: %n message(s).</source>
            <translation>
                <numerusform>已删除客户数据：%n 条消息。</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CustomerPanel</name>
        <message>
            <source>Customer</source>
            <extracomment>Alternatives named in an uncertain guess's reason. The agent set the customer's place: (customer id). Rules and local time follow. Something failed; a message for the user. Where the country came from, for the customer shown (None until loaded). Who is working: changes are recorded for them. Values revealed for the customer shown: (field, identity id) -&gt; raw value.</extracomment>
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
            <source>Address</source>
            <translation>地址</translation>
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
            <source>Return and privacy rules</source>
            <translation>退货与隐私规定</translation>
        </message>
        <message>
            <source>Set place…</source>
            <translation>设置所在地…</translation>
        </message>
        <message>
            <source>Set the customer's country, region and city</source>
            <translation>设置客户所在的国家/地区、省/州和城市</translation>
        </message>
        <message>
            <source>Reveal…</source>
            <translation>查看…</translation>
        </message>
        <message>
            <source>Show one masked value for a reason you give (recorded in the audit log)</source>
            <translation>说明原因后查看一项被遮蔽的信息（将记入审计日志）</translation>
        </message>
        <message>
            <source>Set by {who} on {date}</source>
            <translation>由 {who} 于 {date} 设置</translation>
        </message>
        <message>
            <source>As the channel gave it</source>
            <translation>来自渠道提供的信息</translation>
        </message>
        <message>
            <source>Nothing tells where the customer is; set the place by hand.</source>
            <translation>没有信息表明客户所在地；请手动设置。</translation>
        </message>
        <message>
            <source>From the e-mail domain: {evidence}</source>
            <translation>根据电子邮件域名：{evidence}</translation>
        </message>
        <message>
            <source>From the phone number: {evidence}</source>
            <translation>根据电话号码：{evidence}</translation>
        </message>
        <message>
            <source>Guessed from the e-mail domain: {evidence}</source>
            <translation>根据电子邮件域名推测：{evidence}</translation>
        </message>
        <message>
            <source>Guessed from the phone number: {evidence}</source>
            <translation>根据电话号码推测：{evidence}</translation>
        </message>
        <message>
            <source>Guessed from the e-mail's time offset and language: {evidence}</source>
            <translation>根据邮件的时区偏移和语言推测：{evidence}</translation>
        </message>
        <message>
            <source>Guessed from the language alone: {evidence}</source>
            <translation>仅根据语言推测：{evidence}</translation>
        </message>
        <message>
            <source>As stored on the customer record</source>
            <translation>来自客户记录</translation>
        </message>
        <message>
            <source>(uncertain; also possible: {countries})</source>
            <translation>（不确定；也可能是：{countries}）</translation>
        </message>
        <message>
            <source>(uncertain)</source>
            <translation>（不确定）</translation>
        </message>
    </context>
    <context>
        <name>DisplayNames</name>
        <message>
            <source>Open</source>
            <translation>待处理</translation>
        </message>
        <message>
            <source>Waiting on customer</source>
            <translation>等待客户回复</translation>
        </message>
        <message>
            <source>Resolved</source>
            <translation>已解决</translation>
        </message>
        <message>
            <source>Low</source>
            <translation>低</translation>
        </message>
        <message>
            <source>Normal</source>
            <translation>普通</translation>
        </message>
        <message>
            <source>High</source>
            <translation>高</translation>
        </message>
        <message>
            <source>Urgent</source>
            <translation>紧急</translation>
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
            <source>Erased customer</source>
            <translation>已删除的客户</translation>
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
            <source>Escalation</source>
            <translation>升级</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation>未知</translation>
        </message>
    </context>
    <context>
        <name>EmptyInbox</name>
        <message>
            <source>Clear filters</source>
            <translation>清除筛选条件</translation>
        </message>
        <message>
            <source>No conversation matches these filters:</source>
            <translation>没有会话符合以下筛选条件：</translation>
        </message>
        <message>
            <source>The inbox is empty. Import messages (File → Import messages…) or connect a channel to start.</source>
            <translation>收件箱是空的。请导入消息（文件 → 导入消息…）或连接一个渠道以开始。</translation>
        </message>
    </context>
    <context>
        <name>EntriesModel</name>
        <message>
            <source>Reply</source>
            <translation>回复</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Needs a person</source>
            <translation>待人工处理</translation>
        </message>
        <message numerus="yes">
            <source>%n machine draft(s)</source>
            <translation>
                <numerusform>%n 个机器草稿</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n stale</source>
            <translation>
                <numerusform>%n 个已过时</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n missing</source>
            <translation>
                <numerusform>%n 个缺失</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>EraseCustomerDialog</name>
        <message>
            <source>Erase the customer's data</source>
            <translation>删除客户数据</translation>
        </message>
        <message>
            <source>customer %1</source>
            <translation>客户 %1</translation>
        </message>
        <message>
            <source>Erase everything personal held about %1: every message text and its HTML, the translations, the translation memory made from them, the search index, attachments, addresses and phone numbers, name and postal address, drafts and queued replies. What stays: when they wrote and were answered, without text, for the team's figures, and a record of this erasure (when, who, why). This cannot be undone.</source>
            <translation>删除 %1 的所有个人数据：每条消息的文本及其 HTML、译文、由其生成的翻译记忆、搜索索引、附件、地址和电话号码、姓名和邮寄地址、草稿和待发送的回复。保留的内容：客户何时来信、何时得到答复（不含文本，用于团队统计），以及本次删除的记录（时间、操作人、原因）。此操作无法撤销。</translation>
        </message>
        <message>
            <source>Reason (required):</source>
            <translation>原因（必填）：</translation>
        </message>
        <message>
            <source>Erase</source>
            <translation>删除</translation>
        </message>
    </context>
    <context>
        <name>FilterBar</name>
        <message>
            <source>Search all messages (Ctrl+F)</source>
            <extracomment>The criteria changed (search is debounced while typing). The agent whose conversations the *Mine* view shows (set from Settings). The routing queue (a market's, or the in-house escalation queue).</extracomment>
            <translation>搜索全部消息（Ctrl+F）</translation>
        </message>
        <message>
            <source>Finds conversations with a message containing every word typed</source>
            <translation>查找含有所输入全部词语的消息所在的会话</translation>
        </message>
        <message>
            <source>Mine</source>
            <translation>我的</translation>
        </message>
        <message>
            <source>Unassigned</source>
            <translation>未分配</translation>
        </message>
        <message>
            <source>All</source>
            <translation>全部</translation>
        </message>
        <message>
            <source>Snoozed</source>
            <translation>稍后处理</translation>
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
        <message>
            <source>Anyone assigned</source>
            <translation>所有负责人</translation>
        </message>
        <message>
            <source>Nobody (unassigned)</source>
            <translation>无人（未分配）</translation>
        </message>
        <message>
            <source>All queues</source>
            <translation>所有队列</translation>
        </message>
        <message>
            <source>View: %1</source>
            <translation>视图：%1</translation>
        </message>
        <message>
            <source>Search: “%1”</source>
            <translation>搜索：“%1”</translation>
        </message>
        <message>
            <source>Status: %1</source>
            <translation>状态：%1</translation>
        </message>
        <message>
            <source>Channel: %1</source>
            <translation>渠道：%1</translation>
        </message>
        <message>
            <source>Market: %1</source>
            <translation>市场：%1</translation>
        </message>
        <message>
            <source>Language: %1</source>
            <translation>语言：%1</translation>
        </message>
        <message>
            <source>Assigned to: %1</source>
            <translation>负责人：%1</translation>
        </message>
        <message>
            <source>Queue: %1</source>
            <translation>队列：%1</translation>
        </message>
    </context>
    <context>
        <name>IdentityPanel</name>
        <message>
            <source>Addresses and possible duplicates</source>
            <extracomment>Customers were merged, split back or unmerged (the current customer id): conversations may have moved, so the inbox and the conversation should reload. Something failed; a message for the user. A load finished (for tests and screenshots). Who is working: merges and dismissals are recorded for them.</extracomment>
            <translation>联系地址与可能重复的客户</translation>
        </message>
        <message>
            <source>Merge into this customer</source>
            <translation>合并到此客户</translation>
        </message>
        <message>
            <source>Not the same</source>
            <translation>不是同一人</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>撤销</translation>
        </message>
        <message>
            <source>Customers who may be this customer, and why</source>
            <translation>可能与此客户是同一人的客户及原因</translation>
        </message>
        <message>
            <source>Addresses of this customer</source>
            <translation>该客户的联系地址</translation>
        </message>
        <message>
            <source>Select addresses that belong to someone else, then split them off</source>
            <translation>选择属于他人的地址，然后拆分出去</translation>
        </message>
        <message>
            <source>Split off…</source>
            <translation>拆分…</translation>
        </message>
        <message>
            <source>Move the selected addresses and their conversations to a new customer</source>
            <translation>将所选地址及其会话移到新客户</translation>
        </message>
        <message>
            <source>Last change: merged with %1</source>
            <translation>上次变更：与 %1 合并</translation>
        </message>
        <message>
            <source>Last change: split off %1</source>
            <translation>上次变更：拆分出 %1</translation>
        </message>
        <message>
            <source>Split off into a new customer</source>
            <translation>拆分为新客户</translation>
        </message>
        <message>
            <source>Name of the new customer for %1:</source>
            <translation>%1 对应的新客户名称：</translation>
        </message>
        <message>
            <source>Split off</source>
            <translation>拆分</translation>
        </message>
        <message>
            <source>A customer must keep at least one address: select only the addresses that belong to someone else.</source>
            <translation>客户必须至少保留一个地址：请只选择属于他人的地址。</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <source>Import messages</source>
            <extracomment>Exports whose columns are mapped in the preview before they are imported. Between paths typed into the field. The import ended (its report); the change bus has heard of it. Who is working: the import is recorded for them.</extracomment>
            <translation>导入消息</translation>
        </message>
        <message>
            <source>Choose e-mail files (.eml), mailbox files (.mbox), a folder of them (sub-folders included) or a CSV or JSON export. Several files can be typed separated by “;”.</source>
            <translation>请选择电子邮件文件（.eml）、邮箱文件（.mbox）、包含它们的文件夹（含子文件夹），或 CSV、JSON 导出文件。可输入多个文件，用“;”分隔。</translation>
        </message>
        <message>
            <source>A file or folder to import</source>
            <translation>要导入的文件或文件夹</translation>
        </message>
        <message>
            <source>Choose &amp;files…</source>
            <translation>选择文件(&amp;F)…</translation>
        </message>
        <message>
            <source>Choose f&amp;older…</source>
            <translation>选择文件夹(&amp;O)…</translation>
        </message>
        <message>
            <source>&amp;Import</source>
            <translation>导入(&amp;I)</translation>
        </message>
        <message>
            <source>&amp;Stop</source>
            <translation>停止(&amp;S)</translation>
        </message>
        <message>
            <source>Choose files to import</source>
            <translation>选择要导入的文件</translation>
        </message>
        <message>
            <source>Mail and exports (*.eml *.mbox *.mbx *.csv *.tsv *.json *.jsonl)</source>
            <translation>邮件和导出文件 (*.eml *.mbox *.mbx *.csv *.tsv *.json *.jsonl)</translation>
        </message>
        <message>
            <source>All files (*)</source>
            <translation>所有文件 (*)</translation>
        </message>
        <message>
            <source>Choose a folder to import</source>
            <translation>选择要导入的文件夹</translation>
        </message>
        <message>
            <source>Import a CSV or JSON export on its own, so its columns can be checked.</source>
            <translation>请单独导入 CSV 或 JSON 导出文件，以便核对其中的列。</translation>
        </message>
        <message numerus="yes">
            <source>%n item(s) read so far…</source>
            <translation>
                <numerusform>已读取 %n 项…</numerusform>
            </translation>
        </message>
        <message>
            <source>Import finished</source>
            <translation>导入完成</translation>
        </message>
        <message>
            <source>Nothing could be imported.</source>
            <translation>没有可以导入的内容。</translation>
        </message>
        <message numerus="yes">
            <source>%n message(s) imported.</source>
            <translation>
                <numerusform>已导入 %n 条消息。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n duplicate(s) skipped (already in the inbox).</source>
            <translation>
                <numerusform>跳过 %n 条重复消息（已在收件箱中）。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n item(s) could not be read and wait in View → Quarantine.</source>
            <translation>
                <numerusform>%n 项无法读取，已放在 视图 → 隔离区 中。</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>InboxModel</name>
        <message>
            <source>Unread and awaiting-reply markers; sorts by priority</source>
            <extracomment>Under a search, the subject column's (where it matched in words, :class:`SearchMatch`). A new id list is in place (after a filter, sort or refresh). Rows of one page arrived. Open work per view ({InboxView: count}), with every new id list. Some rows were fetched again in place (their conversation ids). The filter (or search) found more conversations than the inbox lists (SEARCH_RESULTS): it lists the first of them in its order.</extracomment>
            <translation>未读与待回复标记；按优先级排序</translation>
        </message>
        <message>
            <source>The customer's local time now; sorts by it</source>
            <translation>客户当地的当前时间；可按此排序</translation>
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
            <source>Assignee</source>
            <translation>负责人</translation>
        </message>
        <message>
            <source>Last activity</source>
            <translation>最近活动</translation>
        </message>
        <message>
            <source>Their time</source>
            <translation>对方时间</translation>
        </message>
        <message>
            <source>Queue</source>
            <translation>队列</translation>
        </message>
        <message>
            <source>⇄ %1</source>
            <translation>⇄ %1</translation>
        </message>
        <message>
            <source>Original</source>
            <translation>原文</translation>
        </message>
        <message>
            <source>[Draft] %1</source>
            <translation>[草稿] %1</translation>
        </message>
        <message>
            <source>Snoozed</source>
            <translation>稍后处理</translation>
        </message>
        <message>
            <source>A request task is overdue</source>
            <translation>有请求任务已逾期</translation>
        </message>
        <message>
            <source>Unread</source>
            <translation>未读</translation>
        </message>
        <message>
            <source>Awaiting reply</source>
            <translation>待回复</translation>
        </message>
        <message>
            <source>The search matched the stored %1 translation:</source>
            <translation>搜索匹配了已存储的%1译文：</translation>
        </message>
        <message>
            <source>The search matched the message as the customer wrote it (%1):</source>
            <translation>搜索匹配了客户所写的原文（%1）：</translation>
        </message>
        <message>
            <source>You have an unsent reply here.</source>
            <translation>这里有一条未发送的回复草稿。</translation>
        </message>
        <message>
            <source>Comes back %1</source>
            <translation>%1 回到收件箱</translation>
        </message>
    </context>
    <context>
        <name>KeywordRulesModel</name>
        <message>
            <source>Rule</source>
            <extracomment>(kind, language, keywords text, enabled, version read)</extracomment>
            <translation>规则</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <source>Keywords</source>
            <translation>关键词</translation>
        </message>
        <message>
            <source>Chargeback threat</source>
            <translation>拒付威胁</translation>
        </message>
        <message>
            <source>Complaint</source>
            <translation>投诉</translation>
        </message>
    </context>
    <context>
        <name>KpiTableModel</name>
        <message>
            <source>Group</source>
            <extracomment>Periods offered, in days back from today (UTC). Table columns: (field of KpiRow, figure a click opens).</extracomment>
            <translation>分组</translation>
        </message>
        <message>
            <source>Inbound</source>
            <translation>进线</translation>
        </message>
        <message>
            <source>First response p50 (min)</source>
            <translation>首次响应 p50（分钟）</translation>
        </message>
        <message>
            <source>First response p90 (min)</source>
            <translation>首次响应 p90（分钟）</translation>
        </message>
        <message>
            <source>First response p50 (business min)</source>
            <translation>首次响应 p50（工作分钟）</translation>
        </message>
        <message>
            <source>First response p90 (business min)</source>
            <translation>首次响应 p90（工作分钟）</translation>
        </message>
        <message>
            <source>SLA kept %</source>
            <translation>SLA 达成率 %</translation>
        </message>
        <message>
            <source>Resolved</source>
            <translation>已解决</translation>
        </message>
        <message>
            <source>Resolution p50 (business min)</source>
            <translation>解决时长 p50（工作分钟）</translation>
        </message>
        <message>
            <source>Reopened</source>
            <translation>重新打开</translation>
        </message>
        <message>
            <source>Replies per conversation</source>
            <translation>每个会话的回复数</translation>
        </message>
        <message>
            <source>Backlog</source>
            <translation>积压</translation>
        </message>
        <message>
            <source>Oldest waiting (h)</source>
            <translation>最长等待（小时）</translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>（无）</translation>
        </message>
        <message>
            <source>Click to open these conversations in the inbox</source>
            <translation>点击在收件箱中打开这些会话</translation>
        </message>
    </context>
    <context>
        <name>LiveUpdates</name>
        <message>
            <source>Connected to the team database again; everything shown is up to date.</source>
            <extracomment>How long the "connected again" message stays in the status bar. Other seats' changes heard within this time go on the bus together (at 20 messages a second the inbox reads its rows at most 4 times a second, not 20). The origin of changes gathered from several seats. The team store's connection was lost (False) or is back (True), on the UI thread. A line for the status bar (translated), e.g. "Connected to the team store again."</extracomment>
            <translation>已重新连接团队数据库，显示的内容均为最新。</translation>
        </message>
        <message>
            <source>The team database cannot be reached; retrying… What you write is kept.</source>
            <translation>无法连接团队数据库，正在重试……您输入的内容会被保留。</translation>
        </message>
    </context>
    <context>
        <name>LocalProfileDialog</name>
        <message>
            <source>Who is working here?</source>
            <extracomment>The chosen (or new) person, once accepted.</extracomment>
            <translation>谁在这里工作？</translation>
        </message>
        <message>
            <source>Choose your profile in this store, or type your name to make a new one.</source>
            <translation>请选择您在此数据库中的档案，或输入姓名创建新档案。</translation>
        </message>
        <message>
            <source>&amp;Profile</source>
            <translation>档案(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;New profile</source>
            <translation>新档案(&amp;N)</translation>
        </message>
        <message>
            <source>Your name</source>
            <translation>您的姓名</translation>
        </message>
        <message>
            <source>Type your name to make a profile.</source>
            <translation>请输入姓名以创建档案。</translation>
        </message>
    </context>
    <context>
        <name>LocalTimePanel</name>
        <message>
            <source>Their local time</source>
            <extracomment>The customer's view arrived and is shown. An agent corrected the zone: (customer id, new zone). Something failed; a message for the user. Who is working: corrections are recorded for them.</extracomment>
            <translation>对方当地时间</translation>
        </message>
        <message>
            <source>Correct…</source>
            <translation>更正…</translation>
        </message>
        <message>
            <source>Set the customer's time zone by hand</source>
            <translation>手动设置客户时区</translation>
        </message>
        <message>
            <source>Zone</source>
            <translation>时区</translation>
        </message>
        <message>
            <source>Business hours</source>
            <translation>营业时间</translation>
        </message>
        <message>
            <source>Market support</source>
            <translation>市场服务</translation>
        </message>
        <message>
            <source>Customer's time zone</source>
            <translation>客户时区</translation>
        </message>
        <message>
            <source>Time zone:</source>
            <translation>时区：</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation>未知</translation>
        </message>
        <message>
            <source>Corrected by {who} on {date}</source>
            <translation>由 {who} 于 {date} 更正</translation>
        </message>
        <message>
            <source>As stored on the customer record</source>
            <translation>取自客户资料</translation>
        </message>
        <message>
            <source>As given by the customer</source>
            <translation>客户本人提供</translation>
        </message>
        <message>
            <source>From the city: {evidence}</source>
            <translation>根据城市：{evidence}</translation>
        </message>
        <message>
            <source>From the region: {evidence}</source>
            <translation>根据地区：{evidence}</translation>
        </message>
        <message>
            <source>From the phone number: {evidence}</source>
            <translation>根据电话号码：{evidence}</translation>
        </message>
        <message>
            <source>From the e-mail's time offset</source>
            <translation>根据邮件的时区偏移</translation>
        </message>
        <message>
            <source>From the country: {evidence}</source>
            <translation>根据国家：{evidence}</translation>
        </message>
        <message>
            <source>Nothing tells where the customer is; set the zone by hand.</source>
            <translation>无法判断客户所在地；请手动设置时区。</translation>
        </message>
        <message>
            <source>(uncertain; also possible: {zones})</source>
            <translation>（不确定；也可能是：{zones}）</translation>
        </message>
        <message>
            <source>Unknown until the zone is known</source>
            <translation>时区确定前未知</translation>
        </message>
        <message>
            <source>☾ Night</source>
            <translation>☾ 夜间</translation>
        </message>
        <message>
            <source>☀ Day</source>
            <translation>☀ 白天</translation>
        </message>
        <message>
            <source>Weekend</source>
            <translation>周末</translation>
        </message>
        <message>
            <source>Holiday: {name}</source>
            <translation>节假日：{name}</translation>
        </message>
        <message>
            <source>Open now (09:00–18:00 on working days)</source>
            <translation>正在营业（工作日 09:00–18:00）</translation>
        </message>
        <message>
            <source>Closed; opens {their} their time ({yours} yours)</source>
            <translation>已打烊；对方时间 {their} 开门（您的时间 {yours}）</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>未营业</translation>
        </message>
        <message>
            <source>No support hours set for their market</source>
            <translation>其市场未设置服务时间</translation>
        </message>
        <message>
            <source>open now</source>
            <translation>正在服务</translation>
        </message>
        <message>
            <source>closed now</source>
            <translation>当前休息</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Support Console</source>
            <extracomment>Background translation of the inbox starts this long after the window is ready. The inbox shows its first rows and the first conversation is open. Whether window geometry and pane sizes are saved on close. Whether the configured channels start once the window is ready (off for pictures). Whether the inbox is translated ahead of time once the window is ready. Who is working, in which UI language, on which conversation. Team store: other seats' changes on the bus, and the connection in the status bar. Who works here (team sign-in or local profile); File → Connect, Team → People. Team mode's menu: team features add their actions here. Customer: export or erase their data, retention (console/ui/customers/data_requests.py).</extracomment>
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
            <source>&amp;Conversation</source>
            <translation>会话(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Team</source>
            <translation>团队(&amp;T)</translation>
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
            <source>&amp;Translation models…</source>
            <translation>翻译模型(&amp;T)…</translation>
        </message>
        <message>
            <source>&amp;Coverage planner…</source>
            <translation>排班覆盖规划(&amp;C)…</translation>
        </message>
        <message>
            <source>&amp;Routing rules…</source>
            <translation>分配规则(&amp;R)…</translation>
        </message>
        <message>
            <source>Team &amp;dashboard…</source>
            <translation>团队仪表板(&amp;D)…</translation>
        </message>
        <message>
            <source>Return and &amp;privacy rules…</source>
            <translation>退货与隐私规定(&amp;P)…</translation>
        </message>
        <message>
            <source>Reply &amp;library…</source>
            <translation>回复库(&amp;L)…</translation>
        </message>
        <message>
            <source>&amp;Import messages…</source>
            <translation>导入消息(&amp;I)…</translation>
        </message>
        <message>
            <source>&amp;Channels…</source>
            <translation>渠道(&amp;C)…</translation>
        </message>
        <message>
            <source>&amp;Quarantine</source>
            <translation>隔离区(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Outbox</source>
            <translation>发件箱(&amp;O)</translation>
        </message>
        <message>
            <source>&amp;Quality review…</source>
            <translation>质量评审(&amp;Q)…</translation>
        </message>
        <message>
            <source>&amp;Audit log…</source>
            <translation>审计日志(&amp;A)…</translation>
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
            <source>Translating your reply…</source>
            <translation>正在翻译您的回复…</translation>
        </message>
        <message>
            <source>Reply taken back: nothing was sent.</source>
            <translation>回复已撤回：未发送任何内容。</translation>
        </message>
        <message>
            <source>Reply taken back: nothing was sent. Its text is on the clipboard.</source>
            <translation>回复已撤回：未发送任何内容。其文字已复制到剪贴板。</translation>
        </message>
        <message>
            <source>The reply will be sent again.</source>
            <translation>将重新发送此回复。</translation>
        </message>
        <message>
            <source>The reply waits in the outbox until their business hours.</source>
            <translation>回复将在发件箱中等待，直到对方的营业时间。</translation>
        </message>
        <message>
            <source>Task opened with its statutory due date.</source>
            <translation>已按法定期限创建任务。</translation>
        </message>
        <message>
            <source>Task marked done.</source>
            <translation>任务已标记为完成。</translation>
        </message>
        <message numerus="yes">
            <source>Showing %n conversation(s) from the dashboard</source>
            <translation>
                <numerusform>正在显示仪表板中的 %n 个会话</numerusform>
            </translation>
        </message>
        <message>
            <source>Reply saved, but it cannot leave: %1</source>
            <translation>回复已保存，但无法发出：%1</translation>
        </message>
        <message>
            <source>Reply saved to the outbox.</source>
            <translation>回复已保存到发件箱。</translation>
        </message>
        <message numerus="yes">
            <source>The %n most recent conversation(s); filter to narrow</source>
            <translation>
                <numerusform>最近的 %n 个会话；用筛选条件缩小范围</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The %n most recent matching conversation(s); add a word to narrow</source>
            <translation>
                <numerusform>最近的 %n 个匹配会话；再加一个词可缩小范围</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n conversation(s)</source>
            <translation>
                <numerusform>%n 个会话</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MappingPreviewDialog</name>
        <message>
            <source>Import preview</source>
            <extracomment>The mapping was saved for this source. A preview arrived (for tests and the status line). Who is working: a saved mapping is recorded for them.</extracomment>
            <translation>导入预览</translation>
        </message>
        <message>
            <source>(not in the file)</source>
            <translation>（文件中没有）</translation>
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
            <source>Channel</source>
            <translation>渠道</translation>
        </message>
        <message>
            <source>Time zone when none is given</source>
            <translation>未注明时使用的时区</translation>
        </message>
        <message>
            <source>Save mapping</source>
            <translation>保存映射</translation>
        </message>
        <message numerus="yes">
            <source>%n of the first rows would be quarantined</source>
            <translation>
                <numerusform>前几行中有 %n 行会被隔离</numerusform>
            </translation>
        </message>
        <message>
            <source>The first rows import cleanly.</source>
            <translation>前几行可以顺利导入。</translation>
        </message>
        <message>
            <source>Mapping saved for this file.</source>
            <translation>已为此文件保存映射。</translation>
        </message>
    </context>
    <context>
        <name>MappingPreviewModel</name>
        <message>
            <source>OK</source>
            <translation>正常</translation>
        </message>
        <message>
            <source>Import result</source>
            <translation>导入结果</translation>
        </message>
    </context>
    <context>
        <name>MarketAssignmentsModel</name>
        <message>
            <source>{name} (no {languages})</source>
            <extracomment>(market id, agent id, assigned)</extracomment>
            <translation>{name}（不会{languages}）</translation>
        </message>
    </context>
    <context>
        <name>MergeSuggestionModel</name>
        <message>
            <source>Customer %1</source>
            <translation>客户 %1</translation>
        </message>
        <message>
            <source>same e-mail address %1</source>
            <translation>相同的电子邮件地址 %1</translation>
        </message>
        <message>
            <source>same phone number %1</source>
            <translation>相同的电话号码 %1</translation>
        </message>
        <message>
            <source>same order number %1</source>
            <translation>相同的订单号 %1</translation>
        </message>
    </context>
    <context>
        <name>MessageDelegate</name>
        <message>
            <source>Queued: leaves the outbox at %1</source>
            <translation>已排队：将于 %1 离开发件箱</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>撤回</translation>
        </message>
        <message>
            <source>Scheduled: %1 your time</source>
            <translation>已定时：您的时间 %1</translation>
        </message>
        <message>
            <source>Scheduled: %1 their time (%2 your time)</source>
            <translation>已定时：对方时间 %1（您的时间 %2）</translation>
        </message>
        <message>
            <source>Queued: waiting to be sent</source>
            <translation>已排队：等待发送</translation>
        </message>
        <message>
            <source>last try: %1</source>
            <translation>上次尝试：%1</translation>
        </message>
        <message>
            <source>Sending…</source>
            <translation>正在发送…</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>已发送</translation>
        </message>
        <message>
            <source>Sent %1</source>
            <translation>已于 %1 发送</translation>
        </message>
        <message>
            <source>Queued: waiting to be exported from the outbox</source>
            <translation>已排队：等待从发件箱导出</translation>
        </message>
        <message>
            <source>Exported for sending</source>
            <translation>已导出待发送</translation>
        </message>
        <message>
            <source>Exported for sending %1</source>
            <translation>已于 %1 导出待发送</translation>
        </message>
        <message>
            <source>Failed: %1</source>
            <translation>发送失败：%1</translation>
        </message>
        <message>
            <source>no reason given</source>
            <translation>未说明原因</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>重试</translation>
        </message>
        <message>
            <source>Not sent: %1</source>
            <translation>未发送：%1</translation>
        </message>
        <message>
            <source>uncertain</source>
            <translation>不确定</translation>
        </message>
        <message>
            <source>Translation</source>
            <translation>译文</translation>
        </message>
        <message>
            <source>Text erased on %1</source>
            <translation>文本已于 %1 删除</translation>
        </message>
    </context>
    <context>
        <name>MessagePairsModel</name>
        <message>
            <source>Sent</source>
            <translation>发送时间</translation>
        </message>
        <message>
            <source>From</source>
            <translation>发件人</translation>
        </message>
        <message>
            <source>As written</source>
            <translation>原文</translation>
        </message>
        <message>
            <source>Translation</source>
            <translation>译文</translation>
        </message>
        <message>
            <source>%1 (agent)</source>
            <translation>%1（客服）</translation>
        </message>
        <message>
            <source>(no translation)</source>
            <translation>（无译文）</translation>
        </message>
    </context>
    <context>
        <name>ModelManagerDialog</name>
        <message>
            <source>Translation models</source>
            <extracomment>Models were installed or removed: engines must be reloaded. An operation finished (success or not): for tests and the status line.</extracomment>
            <translation>翻译模型</translation>
        </message>
        <message>
            <source>Installed on this computer</source>
            <translation>本机已安装</translation>
        </message>
        <message>
            <source>Available from a package index</source>
            <translation>可从软件包索引获取</translation>
        </message>
        <message>
            <source>Install from file…</source>
            <translation>从文件安装…</translation>
        </message>
        <message>
            <source>Install from folder…</source>
            <translation>从文件夹安装…</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>Show packages</source>
            <translation>显示软件包</translation>
        </message>
        <message>
            <source>Download and install</source>
            <translation>下载并安装</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Offline sites can point this at a file server of their own</source>
            <translation>离线环境可指向自己的文件服务器</translation>
        </message>
        <message>
            <source>Installed %1.</source>
            <translation>已安装 %1。</translation>
        </message>
        <message>
            <source>Apertium pairs are system packages; remove them with apt.</source>
            <translation>Apertium 语言对是系统软件包，请用 apt 移除。</translation>
        </message>
        <message>
            <source>Removed %1.</source>
            <translation>已移除 %1。</translation>
        </message>
        <message>
            <source>Reading the package index…</source>
            <translation>正在读取软件包索引…</translation>
        </message>
        <message numerus="yes">
            <source>%n package(s) available.</source>
            <translation>
                <numerusform>%n 个软件包可用。</numerusform>
            </translation>
        </message>
        <message>
            <source>Install a translation model</source>
            <translation>安装翻译模型</translation>
        </message>
        <message>
            <source>Argos models (*.argosmodel)</source>
            <translation>Argos 模型 (*.argosmodel)</translation>
        </message>
        <message>
            <source>Install an unpacked model</source>
            <translation>安装未打包的模型</translation>
        </message>
    </context>
    <context>
        <name>NewReplyDialog</name>
        <message>
            <source>New reply</source>
            <translation>新建回复</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Written in</source>
            <translation>撰写语言</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>正文</translation>
        </message>
        <message>
            <source>e.g. return_label</source>
            <translation>例如 return_label</translation>
        </message>
        <message>
            <source>Variables: {customer_name}, {order_number}, {tracking_number}, …</source>
            <translation>变量：{customer_name}、{order_number}、{tracking_number}、…</translation>
        </message>
    </context>
    <context>
        <name>OnShiftNowModel</name>
        <message>
            <source>closed · {names}</source>
            <translation>未营业 · {names}</translation>
        </message>
        <message>
            <source>closed</source>
            <translation>未营业</translation>
        </message>
        <message>
            <source>nobody on shift</source>
            <translation>无人在班</translation>
        </message>
    </context>
    <context>
        <name>OutboxModel</name>
        <message>
            <source>Waiting</source>
            <extracomment>The filter choices: key -&gt; the outbox states it shows (None: all). Channels whose replies are handed over as a file rather than sent.</extracomment>
            <translation>等待发送</translation>
        </message>
        <message>
            <source>Sending</source>
            <translation>正在发送</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>已发送</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>发送失败</translation>
        </message>
        <message>
            <source>Handed over</source>
            <translation>已移交</translation>
        </message>
        <message>
            <source>(no subject)</source>
            <translation>（无主题）</translation>
        </message>
        <message>
            <source>Queued</source>
            <translation>排队时间</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>渠道</translation>
        </message>
        <message>
            <source>Recipient</source>
            <translation>收件人</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>主题</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Attempts</source>
            <translation>尝试次数</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
    </context>
    <context>
        <name>OutboxWindow</name>
        <message>
            <source>Outbox</source>
            <extracomment>Emitted after every load with the number of entries shown. An export wrote this many replies to a file. Retry put this many failed entries back in the queue: the sender may start at once. Who is working: retries and exports are recorded for them.</extracomment>
            <translation>发件箱</translation>
        </message>
        <message>
            <source>&amp;Show:</source>
            <translation>显示(&amp;S)：</translation>
        </message>
        <message>
            <source>All</source>
            <translation>全部</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>等待发送</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>发送失败</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>已发送</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>重试</translation>
        </message>
        <message>
            <source>Put the selected failed messages back in the queue</source>
            <translation>将所选发送失败的消息重新放入队列</translation>
        </message>
        <message>
            <source>Export for hand-over…</source>
            <translation>导出以便移交…</translation>
        </message>
        <message>
            <source>Write the waiting replies of a channel to a file to hand over to that channel</source>
            <translation>将某渠道待发送的回复写入文件，交给该渠道发送</translation>
        </message>
        <message>
            <source>No messages to show.</source>
            <translation>没有可显示的消息。</translation>
        </message>
        <message numerus="yes">
            <source>%n message(s) could not be sent</source>
            <translation>
                <numerusform>%n 条消息未能发送</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n message(s)</source>
            <translation>
                <numerusform>%n 条消息</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n message(s) will be sent again</source>
            <translation>
                <numerusform>%n 条消息将重新发送</numerusform>
            </translation>
        </message>
        <message>
            <source>Export %1 replies</source>
            <translation>导出%1回复</translation>
        </message>
        <message>
            <source>JSON lines (*.jsonl);;All files (*)</source>
            <translation>JSON 行文件 (*.jsonl);;所有文件 (*)</translation>
        </message>
        <message numerus="yes">
            <source>%n reply(s) written for hand-over</source>
            <translation>
                <numerusform>已写出 %n 条待移交的回复</numerusform>
            </translation>
        </message>
        <message>
            <source>No replies were waiting on this channel.</source>
            <translation>该渠道没有待发送的回复。</translation>
        </message>
    </context>
    <context>
        <name>PeakEventsModel</name>
        <message>
            <source>All markets</source>
            <translation>所有市场</translation>
        </message>
        <message>
            <source>Event</source>
            <translation>事件</translation>
        </message>
        <message>
            <source>Days</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Volume</source>
            <translation>消息量</translation>
        </message>
        <message>
            <source>Market</source>
            <translation>市场</translation>
        </message>
    </context>
    <context>
        <name>PeopleModel</name>
        <message>
            <source>Name</source>
            <extracomment>A team store's people sign in with login roles; a single seat's are local profiles.</extracomment>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>角色</translation>
        </message>
        <message>
            <source>Vendor</source>
            <translation>外包商</translation>
        </message>
        <message>
            <source>Markets</source>
            <translation>市场</translation>
        </message>
        <message>
            <source>Languages</source>
            <translation>语言</translation>
        </message>
        <message>
            <source>Last day</source>
            <translation>最后工作日</translation>
        </message>
        <message>
            <source>Account</source>
            <translation>账户</translation>
        </message>
        <message>
            <source>Customer data</source>
            <translation>客户数据</translation>
        </message>
        <message>
            <source>In-house</source>
            <translation>内部</translation>
        </message>
        <message>
            <source>Disabled</source>
            <translation>已停用</translation>
        </message>
        <message>
            <source>Expired</source>
            <translation>已过期</translation>
        </message>
        <message>
            <source>Local profile</source>
            <translation>本地档案</translation>
        </message>
        <message>
            <source>No sign-in</source>
            <translation>无登录账号</translation>
        </message>
        <message>
            <source>Masked</source>
            <translation>已遮蔽</translation>
        </message>
        <message>
            <source>Unmasked</source>
            <translation>未遮蔽</translation>
        </message>
    </context>
    <context>
        <name>PeopleWindow</name>
        <message>
            <source>People</source>
            <translation>人员</translation>
        </message>
        <message>
            <source>&amp;Add…</source>
            <translation>添加(&amp;A)…</translation>
        </message>
        <message>
            <source>&amp;Change…</source>
            <translation>修改(&amp;C)…</translation>
        </message>
        <message>
            <source>&amp;Expire now</source>
            <translation>立即过期(&amp;E)</translation>
        </message>
        <message>
            <source>E&amp;nable</source>
            <translation>启用(&amp;N)</translation>
        </message>
        <message>
            <source>&amp;Disable</source>
            <translation>停用(&amp;D)</translation>
        </message>
    </context>
    <context>
        <name>PersonDialog</name>
        <message>
            <source>Change person</source>
            <extracomment>A new person's box follows the default (vendor or last day) until it is clicked.</extracomment>
            <translation>修改人员</translation>
        </message>
        <message>
            <source>Add person</source>
            <translation>添加人员</translation>
        </message>
        <message>
            <source>&amp;Name</source>
            <translation>姓名(&amp;N)</translation>
        </message>
        <message>
            <source>&amp;Role</source>
            <translation>角色(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Markets</source>
            <translation>市场(&amp;M)</translation>
        </message>
        <message>
            <source>&amp;Languages</source>
            <translation>语言(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Vendor</source>
            <translation>外包商(&amp;V)</translation>
        </message>
        <message>
            <source>Last &amp;day</source>
            <translation>最后工作日(&amp;D)</translation>
        </message>
        <message>
            <source>Customer data</source>
            <translation>客户数据</translation>
        </message>
        <message>
            <source>&amp;Password</source>
            <translation>密码(&amp;P)</translation>
        </message>
        <message>
            <source>New &amp;password</source>
            <translation>新密码(&amp;P)</translation>
        </message>
        <message>
            <source>Mas&amp;ked</source>
            <translation>遮蔽(&amp;K)</translation>
        </message>
        <message>
            <source>Sees e-mail addresses, phone numbers, postal addresses, surnames, card numbers and IBANs masked everywhere (vendor and temporary people are by default)</source>
            <translation>在所有位置看到的电子邮件地址、电话号码、邮寄地址、姓氏、银行卡号和 IBAN 均被遮蔽（外包和临时人员默认如此）</translation>
        </message>
        <message>
            <source>Market or country codes, e.g. DACH, FR</source>
            <translation>市场或国家代码，例如 DACH、FR</translation>
        </message>
        <message>
            <source>Language codes, e.g. de, fr</source>
            <translation>语言代码，例如 de、fr</translation>
        </message>
        <message>
            <source>Empty: in-house</source>
            <translation>留空：内部员工</translation>
        </message>
    </context>
    <context>
        <name>PlaceEditor</name>
        <message>
            <source>Customer's place</source>
            <extracomment>Saved: (country code or "", region, city).</extracomment>
            <translation>客户所在地</translation>
        </message>
        <message>
            <source>Where the customer is decides their return and privacy rules, deadlines and local time. What you set here is kept; new messages do not change it.</source>
            <translation>客户所在地决定其适用的退货与隐私规定、期限和当地时间。您在此设置的内容会被保留，新消息不会改变它。</translation>
        </message>
        <message>
            <source>&amp;Country</source>
            <translation>国家/地区(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Region</source>
            <translation>省/州(&amp;R)</translation>
        </message>
        <message>
            <source>C&amp;ity</source>
            <translation>城市(&amp;I)</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation>未知</translation>
        </message>
        <message>
            <source>State, province or region</source>
            <translation>州、省或地区</translation>
        </message>
    </context>
    <context>
        <name>PolicyMarketsModel</name>
        <message>
            <source>Code</source>
            <translation>代码</translation>
        </message>
        <message>
            <source>Market</source>
            <translation>市场</translation>
        </message>
        <message>
            <source>Version</source>
            <translation>版本</translation>
        </message>
        <message>
            <source>Last reviewed</source>
            <translation>最近审核</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Review due</source>
            <translation>应审核</translation>
        </message>
        <message>
            <source>v{version} from {date}</source>
            <translation>v{version}，自 {date}</translation>
        </message>
    </context>
    <context>
        <name>PolicyPanel</name>
        <message>
            <source>Withdrawal</source>
            <translation>撤回</translation>
        </message>
        <message>
            <source>Last day to withdraw</source>
            <translation>最后撤回日</translation>
        </message>
        <message>
            <source>Return shipping</source>
            <translation>退货运费</translation>
        </message>
        <message>
            <source>Refund by</source>
            <translation>退款期限</translation>
        </message>
        <message>
            <source>Legal guarantee</source>
            <translation>法定保修</translation>
        </message>
        <message>
            <source>Privacy law</source>
            <translation>隐私法律</translation>
        </message>
        <message>
            <source>Answer data request by</source>
            <translation>数据请求答复期限</translation>
        </message>
        <message>
            <source>Breach notice</source>
            <translation>泄露通报</translation>
        </message>
        <message>
            <source>Required language</source>
            <translation>法定语言</translation>
        </message>
        <message>
            <source>Guidance for compliance staff to confirm, not legal advice.</source>
            <translation>供合规人员核实的参考信息，不构成法律意见。</translation>
        </message>
        <message>
            <source>No rules are known for this customer's country.</source>
            <translation>暂无该客户所在国家的规定。</translation>
        </message>
        <message>
            <source>Tracked tasks</source>
            <translation>跟踪任务</translation>
        </message>
        <message>
            <source>Mark done</source>
            <translation>标记完成</translation>
        </message>
        <message>
            <source>Mark the selected task as done</source>
            <translation>将所选任务标记为完成</translation>
        </message>
        <message>
            <source>{name} ({code}) · rules v{version}, reviewed {date}</source>
            <translation>{name}（{code}）· 规定 v{version}，审核于 {date}</translation>
        </message>
        <message>
            <source>review overdue</source>
            <translation>审核已逾期</translation>
        </message>
        <message>
            <source>{months} months</source>
            <translation>{months} 个月</translation>
        </message>
        <message>
            <source>No fixed period</source>
            <translation>无固定期限</translation>
        </message>
        <message>
            <source>None set by law</source>
            <translation>法律未规定</translation>
        </message>
        <message>
            <source>Sources: {sources}</source>
            <translation>出处：{sources}</translation>
        </message>
        <message>
            <source>No statutory right of withdrawal</source>
            <translation>无法定撤回权</translation>
        </message>
        <message>
            <source>{days} working days from delivery</source>
            <translation>自交付起 {days} 个工作日</translation>
        </message>
        <message>
            <source>{days} days from delivery</source>
            <translation>自交付起 {days} 天</translation>
        </message>
        <message>
            <source>store-wide policy: {days} days</source>
            <translation>全店政策：{days} 天</translation>
        </message>
        <message>
            <source>store policy: {days} days</source>
            <translation>店铺政策：{days} 天</translation>
        </message>
        <message>
            <source>ended {days} days ago</source>
            <translation>已于 {days} 天前结束</translation>
        </message>
        <message>
            <source>today is the last day</source>
            <translation>今天是最后一天</translation>
        </message>
        <message>
            <source>{days} days left</source>
            <translation>还剩 {days} 天</translation>
        </message>
        <message>
            <source>Delivery date unknown: counted from the message date.</source>
            <translation>交付日期未知：按消息日期计算。</translation>
        </message>
        <message>
            <source>Customer pays (if told before purchase)</source>
            <translation>客户承担（须在购买前告知）</translation>
        </message>
        <message>
            <source>Store pays</source>
            <translation>店铺承担</translation>
        </message>
        <message>
            <source>Store policy</source>
            <translation>店铺政策</translation>
        </message>
        <message>
            <source>No statutory deadline</source>
            <translation>无法定期限</translation>
        </message>
        <message>
            <source>{date} if withdrawn on {received}</source>
            <translation>若于 {received} 撤回，则为 {date}</translation>
        </message>
        <message>
            <source>{date} for a request received {received}</source>
            <translation>对 {received} 收到的请求为 {date}</translation>
        </message>
        <message>
            <source>extendable to {date}</source>
            <translation>可延长至 {date}</translation>
        </message>
        <message>
            <source>As soon as practicable (no fixed deadline)</source>
            <translation>尽快（无固定期限）</translation>
        </message>
        <message>
            <source>{n} hours</source>
            <translation>{n} 小时</translation>
        </message>
        <message>
            <source>{n} days</source>
            <translation>{n} 天</translation>
        </message>
        <message>
            <source>{n} working days</source>
            <translation>{n} 个工作日</translation>
        </message>
        <message>
            <source>{n} months</source>
            <translation>{n} 个月</translation>
        </message>
        <message>
            <source>Within {period} of becoming aware</source>
            <translation>知悉后 {period} 内</translation>
        </message>
        <message>
            <source>Data access request</source>
            <translation>数据访问请求</translation>
        </message>
        <message>
            <source>Data deletion request</source>
            <translation>数据删除请求</translation>
        </message>
        <message>
            <source>Data correction request</source>
            <translation>数据更正请求</translation>
        </message>
        <message>
            <source>Return or withdrawal request</source>
            <translation>退货或撤回请求</translation>
        </message>
        <message>
            <source>This message looks like: {kinds}</source>
            <translation>这条消息看起来是：{kinds}</translation>
        </message>
        <message>
            <source>Open task: {kind}, due {date}</source>
            <translation>创建任务：{kind}，期限 {date}</translation>
        </message>
    </context>
    <context>
        <name>PolicyTasksModel</name>
        <message>
            <source>Task</source>
            <translation>任务</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>期限</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Answer data access request</source>
            <translation>答复数据访问请求</translation>
        </message>
        <message>
            <source>Answer data deletion request</source>
            <translation>答复数据删除请求</translation>
        </message>
        <message>
            <source>Answer data correction request</source>
            <translation>答复数据更正请求</translation>
        </message>
        <message>
            <source>Refund withdrawal</source>
            <translation>撤回退款</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>进行中</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>已逾期</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>已完成</translation>
        </message>
        <message>
            <source>Done {date}</source>
            <translation>{date} 完成</translation>
        </message>
    </context>
    <context>
        <name>PolicyVersionsModel</name>
        <message>
            <source>Version</source>
            <translation>版本</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>变更</translation>
        </message>
        <message>
            <source>Author</source>
            <translation>作者</translation>
        </message>
        <message>
            <source>Saved</source>
            <translation>保存时间</translation>
        </message>
        <message>
            <source>In force from</source>
            <translation>生效日期</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Seed pack</source>
            <extracomment>Words a version's changes for a person (set by the rules editor).</extracomment>
            <translation>初始规定包</translation>
        </message>
        <message>
            <source>Edit</source>
            <translation>编辑</translation>
        </message>
        <message>
            <source>Restore of v{version}</source>
            <translation>恢复 v{version}</translation>
        </message>
        <message>
            <source>Review</source>
            <translation>审核</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>导入</translation>
        </message>
        <message>
            <source> (in force)</source>
            <translation>（生效中）</translation>
        </message>
        <message>
            <source> (scheduled)</source>
            <translation>（待生效）</translation>
        </message>
    </context>
    <context>
        <name>Problem</name>
        <message>
            <source>The setting {place} holds a password, token or other secret. Secrets are kept in the system keyring only: enter it in the password field instead.</source>
            <translation>设置项 {place} 含有密码、令牌或其他机密信息。机密信息只保存在系统密钥环中：请改在密码栏中输入。</translation>
        </message>
        <message>
            <source>{name} changed this conversation after you opened it; your change was not saved. The conversation has been reloaded.</source>
            <translation>{name} 在您打开此会话后修改了它；您的更改未保存。会话已重新加载。</translation>
        </message>
        <message>
            <source>Someone else changed this conversation after you opened it; your change was not saved. The conversation has been reloaded.</source>
            <translation>其他人在您打开此会话后修改了它；您的更改未保存。会话已重新加载。</translation>
        </message>
        <message>
            <source>{agent} is assigned to {market} but has no shifts at all.</source>
            <translation>{agent} 负责 {market}，但没有任何班次。</translation>
        </message>
        <message>
            <source>{agent} is assigned to {market} but is on leave during all of its support hours this week.</source>
            <translation>{agent} 负责 {market}，但本周该市场的全部服务时间内都在休假。</translation>
        </message>
        <message>
            <source>A peak event cannot end ({last}) before it starts ({first}).</source>
            <translation>高峰事件的结束日期（{last}）不能早于开始日期（{first}）。</translation>
        </message>
        <message>
            <source>Market {id} no longer exists; the peak event was not saved.</source>
            <translation>市场 {id} 已不存在；高峰事件未保存。</translation>
        </message>
        <message>
            <source>The expected multiplier must be between {low} and {high}; {value} was given.</source>
            <translation>预计倍数必须在 {low} 到 {high} 之间；输入的是 {value}。</translation>
        </message>
        <message>
            <source>A peak event needs a name.</source>
            <translation>高峰事件需要名称。</translation>
        </message>
        <message>
            <source>Peak event {id} no longer exists.</source>
            <translation>高峰事件 {id} 已不存在。</translation>
        </message>
        <message>
            <source>{name} changed {agent}'s shifts after you opened them; your change was not saved. The plan has been reloaded: open the shifts again to see theirs.</source>
            <translation>{name} 在您打开后修改了 {agent} 的班次；您的更改未保存。计划已重新加载：请重新打开班次查看对方的更改。</translation>
        </message>
        <message>
            <source>Someone else changed {agent}'s shifts after you opened them; your change was not saved. The plan has been reloaded: open the shifts again to see theirs.</source>
            <translation>其他人在您打开后修改了 {agent} 的班次；您的更改未保存。计划已重新加载：请重新打开班次查看对方的更改。</translation>
        </message>
        <message>
            <source>{agent} is assigned to {market} but has no shift inside its support hours this week.</source>
            <translation>{agent} 负责 {market}，但本周没有班次落在该市场的服务时间内。</translation>
        </message>
        <message>
            <source>This customer no longer exists; their place was not changed.</source>
            <translation>该客户已不存在；其所在地未被更改。</translation>
        </message>
        <message>
            <source>The {field} is longer than {limit} characters; shorten it.</source>
            <translation>{field}超过 {limit} 个字符；请缩短。</translation>
        </message>
        <message>
            <source>“{value}” is not a country the console knows; choose one from the list.</source>
            <translation>“{value}”不是控制台认识的国家/地区；请从列表中选择。</translation>
        </message>
        <message>
            <source>{row}: the direction “{value}” is neither a customer value ({inbound}) nor a shop value ({outbound}).</source>
            <translation>{row}：方向“{value}”既不是客户方的值（{inbound}），也不是店铺方的值（{outbound}）。</translation>
        </message>
        <message>
            <source>The file's text encoding was recognised as {encoding}.</source>
            <translation>已识别出文件的文本编码为 {encoding}。</translation>
        </message>
        <message>
            <source>{count} bytes of the file are not valid {encoding} text; the rows holding them are quarantined instead of being stored garbled.</source>
            <translation>文件中有 {count} 个字节不是有效的 {encoding} 文本；包含这些字节的行已被隔离，而不是以乱码保存。</translation>
        </message>
        <message>
            <source>The file's text encoding was guessed as {encoding}, but the guess is uncertain (it may be {alternative}); check a few imported messages, or import again naming the encoding.</source>
            <translation>文件的文本编码被猜测为 {encoding}，但不确定（也可能是 {alternative}）；请检查几条导入的消息，或指定编码后重新导入。</translation>
        </message>
        <message>
            <source>{row} has a field longer than {limit} characters, so it is not imported.</source>
            <translation>{row} 有一个字段超过 {limit} 个字符，因此没有导入。</translation>
        </message>
        <message>
            <source>The file is not valid JSON, so nothing can be imported from it.</source>
            <translation>该文件不是有效的 JSON，无法从中导入任何内容。</translation>
        </message>
        <message>
            <source>The folder {name} holds no e-mail or mailbox files, so nothing was imported from it.</source>
            <translation>文件夹 {name} 中没有电子邮件或邮箱文件，因此没有从中导入任何内容。</translation>
        </message>
        <message>
            <source>“{format}” is not a kind of source the console imports; use one of {formats}.</source>
            <translation>“{format}”不是控制台可导入的来源类型；请使用以下之一：{formats}。</translation>
        </message>
        <message>
            <source>The console cannot tell what kind of file {name} is. It imports e-mail files (.eml), mailbox files (.mbox), mail folders, and CSV or JSON exports.</source>
            <translation>控制台无法判断 {name} 是哪种文件。可导入的有电子邮件文件（.eml）、邮箱文件（.mbox）、邮件文件夹，以及 CSV 或 JSON 导出文件。</translation>
        </message>
        <message>
            <source>The first row of the file (the column names) cannot be read as CSV.</source>
            <translation>文件的第一行（列名）无法按 CSV 读取。</translation>
        </message>
        <message>
            <source>The JSON file holds no list of messages, so nothing can be imported.</source>
            <translation>该 JSON 文件中没有消息列表，无法导入任何内容。</translation>
        </message>
        <message>
            <source>{row} is nested more than {limit} levels deep, so it is not imported.</source>
            <translation>{row} 的嵌套超过 {limit} 层，因此没有导入。</translation>
        </message>
        <message>
            <source>The saved column choice names columns the file does not have: {columns}.</source>
            <translation>已保存的列选择中包含文件里没有的列：{columns}。</translation>
        </message>
        <message>
            <source>No column found for: {fields}. The file's columns are: {columns}. Choose them in the import preview.</source>
            <translation>找不到以下字段对应的列：{fields}。文件中的列为：{columns}。请在导入预览中选择。</translation>
        </message>
        <message>
            <source>The column choice names a channel the console does not know (“{channel}”).</source>
            <translation>列选择中指定了控制台不认识的渠道（“{channel}”）。</translation>
        </message>
        <message>
            <source>{row} names no customer (no handle, e-mail, phone or name).</source>
            <translation>{row} 没有指明客户（没有账号、电子邮件、电话或姓名）。</translation>
        </message>
        <message>
            <source>{row} has no message text.</source>
            <translation>{row} 没有消息正文。</translation>
        </message>
        <message>
            <source>{row} has no time sent.</source>
            <translation>{row} 没有发送时间。</translation>
        </message>
        <message>
            <source>{row} is not a JSON object.</source>
            <translation>{row} 不是 JSON 对象。</translation>
        </message>
        <message>
            <source>{row} is not valid JSON.</source>
            <translation>{row} 不是有效的 JSON。</translation>
        </message>
        <message>
            <source>The folder {name} is not a mail folder: it has no {folder} folder inside.</source>
            <translation>文件夹 {name} 不是邮件文件夹：其中没有 {folder} 文件夹。</translation>
        </message>
        <message>
            <source>{row} holds a number longer than {limit} characters, so it is not imported.</source>
            <translation>{row} 含有一个超过 {limit} 个字符的数字，因此没有导入。</translation>
        </message>
        <message>
            <source>{name} does not exist; check the name and choose it again.</source>
            <translation>{name} 不存在；请检查名称后重新选择。</translation>
        </message>
        <message>
            <source>{name} cannot be opened; check that you are allowed to read it.</source>
            <translation>无法打开 {name}；请检查您是否有权读取它。</translation>
        </message>
        <message>
            <source>{name} is not a CSV or JSON export, so it has no columns to choose.</source>
            <translation>{name} 不是 CSV 或 JSON 导出文件，没有可选择的列。</translation>
        </message>
        <message>
            <source>No column chosen for: {fields}.</source>
            <translation>以下字段尚未选择列：{fields}。</translation>
        </message>
        <message>
            <source>Reading the source stopped after {row} because of an unexpected problem; what came before was imported.</source>
            <translation>由于意外问题，读取在 {row} 之后停止；之前的内容已导入。</translation>
        </message>
        <message>
            <source>{row} holds bytes that are not valid {encoding} text, so it is not imported; check the file's encoding and import it again naming the right one.</source>
            <translation>{row} 含有不是有效 {encoding} 文本的字节，因此没有导入；请检查文件的编码，并指定正确的编码后重新导入。</translation>
        </message>
        <message>
            <source>{row} could not be read, so it is kept in quarantine.</source>
            <translation>无法读取 {row}，已将其保存在隔离区。</translation>
        </message>
        <message>
            <source>{row} has {count} fields but the header has {expected} (a wrong delimiter or unquoted text?).</source>
            <translation>{row} 有 {count} 个字段，但表头有 {expected} 个（分隔符错误或文本未加引号？）。</translation>
        </message>
        <message>
            <source>{name} could not be read, so nothing was imported from it.</source>
            <translation>无法读取 {name}，因此没有从中导入任何内容。</translation>
        </message>
        <message>
            <source>The import was stopped after {count} items; everything read until then was imported.</source>
            <translation>导入在 {count} 项之后被停止；在此之前读取的内容均已导入。</translation>
        </message>
        <message>
            <source>{row} could not be stored, so it is kept in quarantine.</source>
            <translation>无法保存 {row}，已将其保存在隔离区。</translation>
        </message>
        <message>
            <source>The file is empty, so there is nothing to import.</source>
            <translation>文件为空，没有可导入的内容。</translation>
        </message>
        <message>
            <source>{name} is larger than {limit} MB, so it cannot be imported; split it into smaller files.</source>
            <translation>{name} 大于 {limit} MB，无法导入；请将其拆分为较小的文件。</translation>
        </message>
        <message>
            <source>{row}: the time sent “{value}” is not in a format the console reads.</source>
            <translation>{row}：发送时间“{value}”的格式控制台无法识别。</translation>
        </message>
        <message>
            <source>{row}: the time sent “{value}” is not a real date.</source>
            <translation>{row}：发送时间“{value}”不是一个真实的日期。</translation>
        </message>
        <message>
            <source>{encoding} is not a text encoding this program knows; use a name such as utf-8, gb18030, shift_jis, big5 or euc-kr.</source>
            <translation>本程序不认识文本编码 {encoding}；请使用 utf-8、gb18030、shift_jis、big5 或 euc-kr 等名称。</translation>
        </message>
        <message>
            <source>{row}: the time zone “{zone}” is not known.</source>
            <translation>{row}：时区“{zone}”未知。</translation>
        </message>
        <message>
            <source>The system keyring cannot be changed ({reason}); the password for {account} is still there.</source>
            <translation>无法修改系统密钥环（{reason}），{account} 的密码仍保留在其中。</translation>
        </message>
        <message>
            <source>No password is saved for {account}; enter it in the channel settings.</source>
            <translation>尚未为 {account} 保存密码；请在渠道设置中输入。</translation>
        </message>
        <message>
            <source>The system keyring cannot be read ({reason}), so the password for {account} is not known.</source>
            <translation>无法读取系统密钥环（{reason}），因此无法获得 {account} 的密码。</translation>
        </message>
        <message>
            <source>The system keyring cannot store the password ({reason}); nothing was saved there.</source>
            <translation>系统密钥环无法保存该密码（{reason}），其中没有保存任何内容。</translation>
        </message>
        <message>
            <source>A first-response target must be between 1 and {maximum} business minutes, not {minutes}.</source>
            <translation>首次响应目标必须在 1 到 {maximum} 个工作分钟之间，而不是 {minutes}。</translation>
        </message>
        <message>
            <source>Market {market_id} no longer exists.</source>
            <translation>市场 {market_id} 已不存在。</translation>
        </message>
        <message>
            <source>The message is empty.</source>
            <translation>这封邮件是空的。</translation>
        </message>
        <message>
            <source>The file {name} could not be read; check that it still exists and may be opened.</source>
            <translation>无法读取文件 {name}；请确认它仍然存在并且可以打开。</translation>
        </message>
        <message>
            <source>Message {position} of the mailbox file {name} could not be read.</source>
            <translation>无法读取邮箱文件 {name} 中的第 {position} 封邮件。</translation>
        </message>
        <message>
            <source>The mailbox file {name} could not be read as an mbox file.</source>
            <translation>无法将邮箱文件 {name} 作为 mbox 文件读取。</translation>
        </message>
        <message>
            <source>The message has no sender address, so it cannot be answered.</source>
            <translation>这封邮件没有发件人地址，因此无法回复。</translation>
        </message>
        <message>
            <source>The file {name} in the mail folder is neither an e-mail nor a mailbox file, so it was not imported.</source>
            <translation>邮件文件夹中的文件 {name} 既不是电子邮件也不是邮箱文件，因此没有导入。</translation>
        </message>
        <message>
            <source>The message's parts are nested too deeply to be read.</source>
            <translation>这封邮件的各部分嵌套过深，无法读取。</translation>
        </message>
        <message>
            <source>The message is {size} MB, over the {limit} MB limit for one message.</source>
            <translation>这封邮件有 {size} MB，超过了单封邮件 {limit} MB 的上限。</translation>
        </message>
        <message>
            <source>The message is too damaged to be read as an e-mail; it is kept here as it arrived.</source>
            <translation>这封邮件损坏严重，无法作为电子邮件读取；已按收到时的原样保存在这里。</translation>
        </message>
        <message>
            <source>{name} saved a new version of the {market} rules (version {version}) after you opened them; your change was not saved. The rules have been reloaded.</source>
            <translation>{name} 在您打开后保存了 {market} 规则的新版本（第 {version} 版）；您的更改未保存。规则已重新加载。</translation>
        </message>
        <message>
            <source>No agent profile is selected, so the rules can only be read.</source>
            <translation>未选择客服档案，因此规则只能查看。</translation>
        </message>
        <message>
            <source>{name} is not in the compliance team; only compliance staff can edit rules.</source>
            <translation>{name} 不属于合规团队；只有合规人员可以编辑规则。</translation>
        </message>
        <message>
            <source>Customer {id} was already erased on {date}; nothing was changed.</source>
            <translation>客户 {id} 已于 {date} 删除；未做任何更改。</translation>
        </message>
        <message>
            <source>Erasing a customer cannot be undone: confirm it (--yes on the command line); nothing was erased.</source>
            <translation>删除客户后无法撤销：请确认（命令行中使用 --yes）；未删除任何内容。</translation>
        </message>
        <message>
            <source>An erasure needs a reason; nothing was erased.</source>
            <translation>删除需要填写原因；未删除任何内容。</translation>
        </message>
        <message>
            <source>The export could not be written to {folder} ({reason}); nothing was written.</source>
            <translation>导出无法写入 {folder}（{reason}）；未写入任何内容。</translation>
        </message>
        <message>
            <source>You read customer data masked, so you may not export a customer's data; ask compliance staff or an administrator who reads it unmasked. Nothing was exported.</source>
            <translation>您查看的客户数据已被遮蔽，因此无权导出客户数据；请联系可查看未遮蔽数据的合规人员或管理员。未导出任何内容。</translation>
        </message>
        <message>
            <source>Name the customer by e-mail address, phone number or customer id.</source>
            <translation>请用电子邮件地址、电话号码或客户编号指明客户。</translation>
        </message>
        <message>
            <source>A retention period is between {low} and {high} months; {value} was given.</source>
            <translation>保留期限须在 {low} 到 {high} 个月之间；输入的是 {value}。</translation>
        </message>
        <message>
            <source>Only compliance staff and admins may change retention rules; nothing was changed.</source>
            <translation>只有合规人员和管理员可以更改保留规则；未做任何更改。</translation>
        </message>
        <message>
            <source>There is no market {market}; nothing was changed.</source>
            <translation>没有市场 {market}；未做任何更改。</translation>
        </message>
        <message>
            <source>Your role may not reveal masked customer data.</source>
            <translation>您的角色无权查看被遮蔽的客户数据。</translation>
        </message>
        <message>
            <source>This customer or value is not there (or outside what you serve).</source>
            <translation>该客户或信息不存在（或不在您的服务范围内）。</translation>
        </message>
        <message>
            <source>Say why you need to see this value; nothing was revealed.</source>
            <translation>请说明查看此信息的原因；未显示任何内容。</translation>
        </message>
        <message>
            <source>There is no customer {who} in this store; nothing was changed.</source>
            <translation>此存储中没有客户 {who}；未做任何更改。</translation>
        </message>
        <message>
            <source>This conversation's review was already submitted; a review is not changed afterwards.</source>
            <translation>此会话的评审已提交；提交后不能再修改。</translation>
        </message>
        <message>
            <source>This review is no longer in the queue.</source>
            <translation>此评审已不在队列中。</translation>
        </message>
        <message>
            <source>“{item}” cannot be scored {value}.</source>
            <translation>“{item}”不能评为 {value}。</translation>
        </message>
        <message>
            <source>“{item}” needs a weight between 0 and {limit} (0 only for auto-fail items).</source>
            <translation>“{item}”的权重须在 0 到 {limit} 之间（只有一票否决项为 0）。</translation>
        </message>
        <message>
            <source>“{item}” has no score yet; score it (or mark it as not applying).</source>
            <translation>“{item}”尚未评分；请评分（或标记为不适用）。</translation>
        </message>
        <message>
            <source>Item {position} has no wording; write what the reviewer checks.</source>
            <translation>第 {position} 项没有措辞；请写明评审要检查什么。</translation>
        </message>
        <message>
            <source>Choose who you are (File → Settings) before working on quality reviews.</source>
            <translation>请先选择您是谁（文件 → 设置），再进行质量评审。</translation>
        </message>
        <message>
            <source>A scorecard needs at least one item with a weight (auto-fail items have none).</source>
            <translation>评分卡至少需要一个有权重的项目（一票否决项没有权重）。</translation>
        </message>
        <message>
            <source>{name} is not a team lead; only leads change scorecards and sampling.</source>
            <translation>{name} 不是组长；只有组长可以修改评分卡和抽样设置。</translation>
        </message>
        <message>
            <source>{name} is neither a quality reviewer nor a team lead, so they score no reviews.</source>
            <translation>{name} 既不是质检员也不是组长，因此不评分。</translation>
        </message>
        <message>
            <source>This conversation was sampled for another reviewer.</source>
            <translation>此会话被抽给了另一位评审。</translation>
        </message>
        <message>
            <source>Only the agent reviewed, the reviewer and leads read this review.</source>
            <translation>只有被评审的客服、评审人和组长可以查看此评审。</translation>
        </message>
        <message>
            <source>Every weighted item is marked as not applying; score at least one.</source>
            <translation>所有有权重的项目都标记为不适用；请至少评一项。</translation>
        </message>
        <message>
            <source>The {setting} must be between {low} and {high}.</source>
            <translation>{setting} 须在 {low} 到 {high} 之间。</translation>
        </message>
        <message>
            <source>Reply {reply} in {path}: the field “{field}” is missing or not valid.</source>
            <translation>{path} 中的回复 {reply}：字段“{field}”缺失或无效。</translation>
        </message>
        <message>
            <source>The translation engine could not draft the reply “{reply}” in {target}.</source>
            <translation>翻译引擎无法用 {target} 起草回复“{reply}”。</translation>
        </message>
        <message>
            <source>The machine translation of the reply “{reply}” lost {variables}; the draft was not saved.</source>
            <translation>回复“{reply}”的机器翻译丢失了 {variables}；草稿未保存。</translation>
        </message>
        <message>
            <source>Reply {reply} appears more than once in {path}.</source>
            <translation>回复 {reply} 在 {path} 中出现了不止一次。</translation>
        </message>
        <message>
            <source>The reply “{reply}” needs a text in {language}.</source>
            <translation>回复“{reply}”需要一段 {language} 文本。</translation>
        </message>
        <message>
            <source>The file {path} is too large to be a reply library.</source>
            <translation>文件 {path} 过大，不可能是回复库。</translation>
        </message>
        <message>
            <source>The file {path} could not be read.</source>
            <translation>无法读取文件 {path}。</translation>
        </message>
        <message>
            <source>The library already has a reply named “{reply}”.</source>
            <translation>回复库中已有名为“{reply}”的回复。</translation>
        </message>
        <message>
            <source>The file {path} was written by a newer version of the console; update it to import it.</source>
            <translation>文件 {path} 由更新版本的控制台写入；请更新控制台后再导入。</translation>
        </message>
        <message>
            <source>No installed translation model for {source} → {target}, so the reply “{reply}” cannot be drafted in that language.</source>
            <translation>没有安装 {source} → {target} 的翻译模型，因此无法用该语言起草回复“{reply}”。</translation>
        </message>
        <message>
            <source>The reply you chose is no longer in the library.</source>
            <translation>您选择的回复已不在回复库中。</translation>
        </message>
        <message>
            <source>The reply “{reply}” has no text in its source language ({language}) to translate from.</source>
            <translation>回复“{reply}”没有源语言（{language}）的文本可供翻译。</translation>
        </message>
        <message>
            <source>Reply {reply} in {path} has no text in its source language ({language}).</source>
            <translation>{path} 中的回复 {reply} 没有源语言（{language}）的文本。</translation>
        </message>
        <message>
            <source>The file {path} is not a reply library: it is not valid JSON (line {line}).</source>
            <translation>文件 {path} 不是回复库：它不是有效的 JSON（第 {line} 行）。</translation>
        </message>
        <message>
            <source>The file {path} is not a reply library exported by the console.</source>
            <translation>文件 {path} 不是由控制台导出的回复库。</translation>
        </message>
        <message>
            <source>No installed translation model for {source} → {target}.</source>
            <translation>没有安装 {source} → {target} 的翻译模型。</translation>
        </message>
        <message>
            <source>{language} is not a language code (two or three letters, such as de or zh).</source>
            <translation>{language} 不是语言代码（两到三个字母，例如 de 或 zh）。</translation>
        </message>
        <message>
            <source>A capacity must be between {low} and {high}; {value} was given.</source>
            <translation>容量必须在 {low} 到 {high} 之间；输入的是 {value}。</translation>
        </message>
        <message>
            <source>Someone else changed this routing rule meanwhile. It is shown as it is now; make your change again.</source>
            <translation>其他人刚刚修改了这条分配规则。现在显示的是最新内容，请重新修改。</translation>
        </message>
        <message>
            <source>This routing rule or person no longer exists.</source>
            <translation>这条分配规则或此人已不存在。</translation>
        </message>
        <message>
            <source>A keyword may have at most {limit} characters: {keyword}</source>
            <translation>关键词最多 {limit} 个字符：{keyword}</translation>
        </message>
        <message>
            <source>Only team leads and administrators may change routing rules.</source>
            <translation>只有组长和管理员可以修改分配规则。</translation>
        </message>
        <message>
            <source>No customer writes from {address}.</source>
            <translation>没有客户使用 {address} 联系。</translation>
        </message>
        <message>
            <source>No channel can deliver this reply: no mail server (SMTP) is set up, so e-mail replies wait in the outbox until one is added under Channels.</source>
            <translation>没有可以发送这条回复的渠道：尚未设置邮件服务器（SMTP），电子邮件回复会留在发件箱中，直到在“渠道”中添加一个。</translation>
        </message>
        <message>
            <source>{name} replied to this conversation after you opened it. Your reply was not sent: read theirs, then send yours anyway or discard it.</source>
            <translation>{name} 在您打开此会话后已回复。您的回复未发送：请先阅读对方的回复，然后仍然发送或舍弃您的回复。</translation>
        </message>
        <message>
            <source>The reply has already left the outbox, so it can no longer be taken back.</source>
            <translation>这条回复已经离开发件箱，无法再撤回。</translation>
        </message>
        <message>
            <source>The store {path} is in use by another program and did not become free in time. Nothing was saved; try again in a moment.</source>
            <translation>数据存储 {path} 正被其他程序使用，且未能及时释放。本次没有保存任何内容；请稍后重试。</translation>
        </message>
        <message>
            <source>The store {path} cannot be opened: the file or its folder cannot be reached.</source>
            <translation>无法打开数据存储 {path}：无法访问该文件或其所在文件夹。</translation>
        </message>
        <message>
            <source>Someone else changed this at the same moment; your change was not saved. Look at it again as it is now and make your change again if it is still needed.</source>
            <translation>其他人在同一时刻修改了此内容；您的更改未保存。请查看最新内容，如仍需要请重新修改。</translation>
        </message>
        <message>
            <source>The store {path} is damaged, so the console will not change it: it was left untouched. Open a backup copy of it instead, or ask your administrator to repair it.</source>
            <translation>数据存储 {path} 已损坏，控制台不会修改它：文件未被改动。请打开它的备份副本，或请管理员修复。</translation>
        </message>
        <message>
            <source>The store {path} could not be read or written because of a disk error. Nothing was saved; check the disk and try again.</source>
            <translation>由于磁盘错误，无法读写数据存储 {path}。本次没有保存任何内容；请检查磁盘后重试。</translation>
        </message>
        <message>
            <source>The disk that holds the store {path} is full. Nothing was saved, and everything stored before is intact. Free some space and try again.</source>
            <translation>存放数据存储 {path} 的磁盘已满。本次没有保存任何内容，之前保存的内容完好无损。请释放空间后重试。</translation>
        </message>
        <message>
            <source>The encrypted copy of {path} did not match the store ({detail}), so it was discarded; the store was left as it was.</source>
            <translation>{path} 的加密副本与存储不一致（{detail}），因此已丢弃；存储保持原样。</translation>
        </message>
        <message>
            <source>The SQLCipher of this installation has no full-text search (FTS5), so an encrypted store could not be searched. {path} was not encrypted and was left untouched.</source>
            <translation>此安装中的 SQLCipher 不支持全文搜索（FTS5），加密后的存储将无法搜索。{path} 未加密，保持原样未动。</translation>
        </message>
        <message>
            <source>{path} is not a store file (an in-memory store cannot be encrypted). Nothing was changed.</source>
            <translation>{path} 不是存储文件（内存中的存储无法加密）。未做任何更改。</translation>
        </message>
        <message>
            <source>{path} is a store on a database server: encryption at rest there is the server's business (encrypted disks or tablespaces). Nothing was changed.</source>
            <translation>{path} 是数据库服务器上的存储：其静态加密由服务器负责（加密磁盘或表空间）。未做任何更改。</translation>
        </message>
        <message>
            <source>{path} holds another program's database, not a support console store. It was left untouched.</source>
            <translation>{path} 是其他程序的数据库，不是客服控制台的数据存储。文件未被改动。</translation>
        </message>
        <message>
            <source>The store {path} is open in another program (a console window, a worker or an import), or was not closed properly. Close it (or open it once with the console and close it again) and try again; nothing was changed.</source>
            <translation>存储 {path} 正被另一个程序打开（控制台窗口、后台工作进程或导入），或上次未正常关闭。请关闭它（或用控制台打开一次再关闭）后重试；未做任何更改。</translation>
        </message>
        <message>
            <source>{path} is a folder, not a store file.</source>
            <translation>{path} 是一个文件夹，不是数据存储文件。</translation>
        </message>
        <message>
            <source>The store {path} is encrypted (or is not a store at all), and the system keyring holds no key for it, so it cannot be opened. It was left untouched. The key is kept under the store's path: an encrypted store opens only where it was encrypted.</source>
            <translation>存储 {path} 已加密（或根本不是存储），而系统密钥环中没有它的密钥，因此无法打开。文件未被改动。密钥按存储的路径保存：加密的存储只能在加密时所在的位置打开。</translation>
        </message>
        <message>
            <source>The system keyring cannot keep a key for the store {path} ({reason}), so the store was not encrypted and was left as it was.</source>
            <translation>系统密钥环无法保存存储 {path} 的密钥（{reason}），因此存储未加密，保持原样。</translation>
        </message>
        <message>
            <source>The store {path} is encrypted and its key is kept in the system keyring, which cannot be read ({reason}). The store was left untouched; unlock the keyring and try again.</source>
            <translation>存储 {path} 已加密，其密钥保存在系统密钥环中，但密钥环无法读取（{reason}）。存储未被改动；请解锁密钥环后重试。</translation>
        </message>
        <message>
            <source>There is no store at {path}.</source>
            <translation>{path} 处没有数据存储。</translation>
        </message>
        <message>
            <source>The store {path} was written by a newer version of the console (schema {revision}). Update the console to open it; the store was left untouched.</source>
            <translation>数据存储 {path} 由更新版本的控制台写入（架构 {revision}）。请更新控制台后再打开；数据存储未被改动。</translation>
        </message>
        <message>
            <source>The team database server has no database named {database} ({path}). Check the database address, or ask your administrator to create it.</source>
            <translation>团队数据库服务器上没有名为 {database} 的数据库（{path}）。请检查数据库地址，或请管理员创建它。</translation>
        </message>
        <message>
            <source>The store {path} is encrypted, but this installation has no SQLCipher (the sqlcipher3 package), so it cannot be opened. It was left untouched.</source>
            <translation>存储 {path} 已加密，但此安装没有 SQLCipher（sqlcipher3 软件包），因此无法打开。文件未被改动。</translation>
        </message>
        <message>
            <source>{path} is not a support console store (not an SQLite database, or damaged). It was left untouched.</source>
            <translation>{path} 不是客服控制台的数据存储（不是 SQLite 数据库，或已损坏）。文件未被改动。</translation>
        </message>
        <message>
            <source>You may not make this change: your role does not allow it, or it concerns conversations outside what you serve. Nothing was changed.</source>
            <translation>您不能做此更改：您的角色不允许，或它涉及您服务范围之外的会话。未做任何更改。</translation>
        </message>
        <message>
            <source>The store {path} cannot be changed because the file is read-only. Nothing was saved, and everything stored before is intact. Make the file writable and try again.</source>
            <translation>数据存储 {path} 是只读文件，无法更改。本次没有保存任何内容，之前保存的内容完好无损。请让该文件可写后重试。</translation>
        </message>
        <message>
            <source>The team database {path} cannot be reached, or it refused the connection. Nothing was changed. Check the network connection and the database address, or ask your administrator whether the server is running.</source>
            <translation>无法连接团队数据库 {path}，或它拒绝了连接。没有任何更改。请检查网络连接和数据库地址，或询问管理员服务器是否在运行。</translation>
        </message>
        <message>
            <source>The team database {path} refused the sign-in. Check the user name and password, or ask your administrator for access.</source>
            <translation>团队数据库 {path} 拒绝了登录。请检查用户名和密码，或向管理员申请访问权限。</translation>
        </message>
        <message>
            <source>The key the system keyring holds for the store {path} does not open it (the key was replaced, or the file is damaged). The store was left untouched.</source>
            <translation>系统密钥环中为存储 {path} 保存的密钥无法打开它（密钥已被替换，或文件已损坏）。存储未被改动。</translation>
        </message>
        <message>
            <source>The account of {name} is disabled, so it cannot sign in. Ask your administrator.</source>
            <translation>{name} 的账户已停用，无法登录。请联系管理员。</translation>
        </message>
        <message>
            <source>The account of {name} expired after {day}, so it cannot sign in. Ask your administrator to extend it.</source>
            <translation>{name} 的账户已于 {day} 之后过期，无法登录。请联系管理员延期。</translation>
        </message>
        <message>
            <source>You cannot disable or expire your own account.</source>
            <translation>您不能停用或使自己的账户过期。</translation>
        </message>
        <message>
            <source>{value} is not a date; write it as YYYY-MM-DD.</source>
            <translation>{value} 不是日期；请写成 YYYY-MM-DD。</translation>
        </message>
        <message>
            <source>The escalation queue is worked in-house; it cannot be given to a vendor.</source>
            <translation>升级队列由内部团队处理，不能交给外包商。</translation>
        </message>
        <message>
            <source>{value} is not a language code (such as de, fr or zh).</source>
            <translation>{value} 不是语言代码（例如 de、fr 或 zh）。</translation>
        </message>
        <message>
            <source>{name} cannot be made into a sign-in name. Use letters or digits in the name.</source>
            <translation>无法用 {name} 生成登录名。请在姓名中使用字母或数字。</translation>
        </message>
        <message>
            <source>The sign-in name {login} is a database administrator's or the console's own; choose another name.</source>
            <translation>登录名 {login} 属于数据库管理员或控制台自身；请换一个姓名。</translation>
        </message>
        <message>
            <source>The sign-in name {login} already belongs to {other}; choose another name.</source>
            <translation>登录名 {login} 已属于 {other}；请换一个姓名。</translation>
        </message>
        <message>
            <source>There is no market {market}. The markets are: {known}.</source>
            <translation>没有市场 {market}。现有市场：{known}。</translation>
        </message>
        <message>
            <source>Every row of {source} is in the team store {target}.</source>
            <translation>{source} 的所有行都已在团队存储 {target} 中。</translation>
        </message>
        <message>
            <source>The team store must be a PostgreSQL database (postgresql+psycopg://user@host/database); {path} is not one. Nothing was copied.</source>
            <translation>团队存储必须是 PostgreSQL 数据库（postgresql+psycopg://user@host/database）；{path} 不是。未复制任何内容。</translation>
        </message>
        <message>
            <source>The team store already has other people under the ids of this seat's people ({names}): their conversations, replies and reviews would be theirs. Copy the single-seat store before running team init, or into a new, empty database. Nothing was copied.</source>
            <translation>团队存储中已有其他人员占用了本机人员的编号（{names}）：他们的会话、回复和质检记录将归到别人名下。请在运行 team init 之前复制单机存储，或复制到一个新的空数据库。未复制任何内容。</translation>
        </message>
        <message>
            <source>{table}: {count} rows have the same id as rows already in the team store with other contents; the team store's rows were kept.</source>
            <translation>{table}：有 {count} 行与团队存储中已有的行 id 相同但内容不同；已保留团队存储中的行。</translation>
        </message>
        <message>
            <source>{table}: {count} rows of the single-seat store are not in the team store (a row already there has the same unique value). Remove those rows from the team store, or copy into a new, empty team store, and run the command again.</source>
            <translation>{table}：单机存储中有 {count} 行不在团队存储中（团队存储中已有行具有相同的唯一值）。请从团队存储中删除这些行，或复制到一个新的空团队存储，然后再次运行该命令。</translation>
        </message>
        <message>
            <source>{table}: rows of the single-seat store refer to rows the team store could not take (a row already there has the same unique value). The copy stopped; what was copied is kept. Remove those rows from the team store, or copy into a new, empty team store, and run the command again.</source>
            <translation>{table}：单机存储中有些行引用了团队存储无法接收的行（团队存储中已有行具有相同的唯一值）。复制已停止；已复制的内容保留。请从团队存储中删除这些行，或复制到一个新的空团队存储，然后再次运行该命令。</translation>
        </message>
        <message>
            <source>A person needs a name.</source>
            <translation>人员必须有姓名。</translation>
        </message>
        <message>
            <source>A name can be at most {limit} characters long.</source>
            <translation>姓名最多 {limit} 个字符。</translation>
        </message>
        <message>
            <source>A team store is a PostgreSQL database (postgresql+psycopg://user@host/database); {path} is not one.</source>
            <translation>团队数据库是 PostgreSQL 数据库（postgresql+psycopg://user@host/database）；{path} 不是。</translation>
        </message>
        <message>
            <source>The sign-in {login} is not a person of this team store. Ask your administrator to add you.</source>
            <translation>登录名 {login} 不是此团队数据库中的人员。请联系管理员添加您。</translation>
        </message>
        <message>
            <source>Only an administrator can change people.</source>
            <translation>只有管理员可以修改人员。</translation>
        </message>
        <message>
            <source>{login} may not create the team's roles or people in {path}. Run it as the database owner or an administrator of the team.</source>
            <translation>{login} 无权在 {path} 中创建团队角色或人员。请以数据库所有者或团队管理员身份运行。</translation>
        </message>
        <message>
            <source>{name} needs a password to sign in; nothing was changed.</source>
            <translation>{name} 需要密码才能登录；未做任何更改。</translation>
        </message>
        <message>
            <source>{name} needs a password: give it on standard input with --password-stdin.</source>
            <translation>{name} 需要密码：请用 --password-stdin 从标准输入提供。</translation>
        </message>
        <message>
            <source>The two passwords differ; nothing was changed.</source>
            <translation>两次输入的密码不一致；未做任何更改。</translation>
        </message>
        <message>
            <source>This person no longer exists.</source>
            <translation>此人员已不存在。</translation>
        </message>
        <message>
            <source>A vendor's name can be at most {limit} characters long.</source>
            <translation>外包商名称最多 {limit} 个字符。</translation>
        </message>
        <message>
            <source>The package's metadata gives an invalid {field} ({value}), so the package was refused.</source>
            <translation>翻译包的元数据给出了无效的 {field}（{value}），因此该翻译包被拒绝。</translation>
        </message>
        <message>
            <source>Audit entries are missing before entry {id} ({at}): it links to an entry that is no longer in the log (the entry kept before it is {previous}).</source>
            <translation>审计条目 {id}（{at}）之前缺少条目：它链接到的条目已不在日志中（它之前保留的条目是 {previous}）。</translation>
        </message>
        <message>
            <source>Audit entries are missing at the end of the log: the last entry is {id} ({at}), the chain records entry {last} as the last.</source>
            <translation>日志末尾缺少审计条目：最后一条是 {id}（{at}），而哈希链记录的最后一条是 {last}。</translation>
        </message>
        <message>
            <source>Audit entry {id} ({at}) was altered: its content no longer matches its hash.</source>
            <translation>审计条目 {id}（{at}）已被篡改：其内容与哈希值不再相符。</translation>
        </message>
        <message>
            <source>Audit entry {id} ({at}) has no hash: it was written around the store's chain.</source>
            <translation>审计条目 {id}（{at}）没有哈希值：它是绕过存储的哈希链写入的。</translation>
        </message>
        <message>
            <source>The last audit entry {id} ({at}) does not match the hash the chain records for the end of the log: it was rewritten.</source>
            <translation>最后一条审计条目 {id}（{at}）与哈希链为日志末尾记录的哈希值不符：它已被改写。</translation>
        </message>
        <message>
            <source>The audit chain's head is missing, so the end of the log cannot be checked.</source>
            <translation>审计哈希链的链头记录缺失，无法检查日志的末尾。</translation>
        </message>
        <message>
            <source>Audit entry {id} ({at}) does not link to entry {previous} before it: one of the two was rewritten.</source>
            <translation>审计条目 {id}（{at}）没有链接到它之前的条目 {previous}：两者之一已被改写。</translation>
        </message>
        <message>
            <source>The package's metadata.json file cannot be read.</source>
            <translation>无法读取翻译包的 metadata.json 文件。</translation>
        </message>
        <message>
            <source>The downloaded file for {name} does not match the checksum in the package list (the file is corrupt or was changed), so it was not installed.</source>
            <translation>下载的 {name} 文件与翻译包列表中的校验和不符（文件已损坏或被改动），因此没有安装。</translation>
        </message>
        <message>
            <source>The package {package} is damaged: {file} cannot be loaded.</source>
            <translation>翻译包 {package} 已损坏：无法加载 {file}。</translation>
        </message>
        <message>
            <source>The package file {source} is damaged and cannot be unpacked.</source>
            <translation>翻译包文件 {source} 已损坏，无法解包。</translation>
        </message>
        <message>
            <source>The download of {name} was cancelled.</source>
            <translation>{name} 的下载已取消。</translation>
        </message>
        <message>
            <source>The package {name} could not be downloaded: {reason}.</source>
            <translation>无法下载翻译包 {name}：{reason}。</translation>
        </message>
        <message>
            <source>The download of {name} is larger than {limit}, so it was stopped.</source>
            <translation>{name} 的下载大于 {limit}，因此已停止。</translation>
        </message>
        <message>
            <source>The download of {name} stopped early ({received} of {total} bytes).</source>
            <translation>{name} 的下载提前中断（收到 {received} / {total} 字节）。</translation>
        </message>
        <message>
            <source>The package list at {url} is not a list of packages.</source>
            <translation>{url} 上的内容不是翻译包列表。</translation>
        </message>
        <message>
            <source>The package list at {url} is unreasonably large.</source>
            <translation>{url} 上的翻译包列表大得不合理。</translation>
        </message>
        <message>
            <source>The package list at {url} cannot be read: {reason}.</source>
            <translation>无法读取 {url} 上的翻译包列表：{reason}。</translation>
        </message>
        <message>
            <source>The package could not be installed: {reason}.</source>
            <translation>无法安装该翻译包：{reason}。</translation>
        </message>
        <message>
            <source>The package folder {source} contains a link ({entry}) that points outside the folder, so it was refused.</source>
            <translation>翻译包文件夹 {source} 含有指向文件夹之外的链接（{entry}），因此被拒绝。</translation>
        </message>
        <message>
            <source>The package's metadata.json file is unreasonably large.</source>
            <translation>翻译包的 metadata.json 文件大得不合理。</translation>
        </message>
        <message>
            <source>The package's metadata does not say its {field}.</source>
            <translation>翻译包的元数据没有说明其 {field}。</translation>
        </message>
        <message>
            <source>The package {package} is incomplete: {file} is missing.</source>
            <translation>翻译包 {package} 不完整：缺少 {file}。</translation>
        </message>
        <message>
            <source>The package list gives no download address for {name}.</source>
            <translation>翻译包列表没有给出 {name} 的下载地址。</translation>
        </message>
        <message>
            <source>The package has no metadata.json file at its top level.</source>
            <translation>翻译包的顶层没有 metadata.json 文件。</translation>
        </message>
        <message>
            <source>{source} is not a translation package file (.argosmodel).</source>
            <translation>{source} 不是翻译包文件（.argosmodel）。</translation>
        </message>
        <message>
            <source>The package file or folder {source} does not exist.</source>
            <translation>翻译包文件或文件夹 {source} 不存在。</translation>
        </message>
        <message>
            <source>No package for {from_code} to {to_code} is installed.</source>
            <translation>没有安装从 {from_code} 到 {to_code} 的翻译包。</translation>
        </message>
        <message>
            <source>The package is not a translation package (its type is {type}).</source>
            <translation>这不是翻译包（其类型为 {type}）。</translation>
        </message>
        <message>
            <source>{detail}</source>
            <translation>{detail}</translation>
        </message>
        <message>
            <source>The package could not be removed: {reason}.</source>
            <translation>无法删除该翻译包：{reason}。</translation>
        </message>
        <message>
            <source>The package folder {source} contains {entry}, which is not an ordinary file, so it was refused.</source>
            <translation>翻译包文件夹 {source} 含有 {entry}，它不是普通文件，因此被拒绝。</translation>
        </message>
        <message>
            <source>The package file {source} would expand to far more data than it holds, so it was refused.</source>
            <translation>翻译包文件 {source} 解压后的数据量远超其本身大小，因此被拒绝。</translation>
        </message>
        <message>
            <source>The package {source} has folders nested too deeply, so it was refused.</source>
            <translation>翻译包 {source} 的文件夹嵌套过深，因此被拒绝。</translation>
        </message>
        <message>
            <source>The package {source} would take more than {limit} on disk, so it was refused.</source>
            <translation>翻译包 {source} 在磁盘上会占用超过 {limit}，因此被拒绝。</translation>
        </message>
        <message>
            <source>The package {source} contains more than {limit} files, so it was refused.</source>
            <translation>翻译包 {source} 含有超过 {limit} 个文件，因此被拒绝。</translation>
        </message>
        <message>
            <source>The package file {source} contains an entry named {entry} that would be written outside the package folder or over another entry, so the package was refused.</source>
            <translation>翻译包文件 {source} 含有名为 {entry} 的条目，它会被写到翻译包文件夹之外或覆盖其他条目，因此该翻译包被拒绝。</translation>
        </message>
        <message>
            <source>The package would be installed outside the package folder, so it was refused.</source>
            <translation>该翻译包会被安装到翻译包文件夹之外，因此被拒绝。</translation>
        </message>
        <message>
            <source>The package file {source} is packed with a kind of compression the console does not accept.</source>
            <translation>翻译包文件 {source} 使用了控制台不接受的压缩方式。</translation>
        </message>
    </context>
    <context>
        <name>QualityScores</name>
        <message>
            <source>Quality</source>
            <extracomment>The figures were loaded (rows shown).</extracomment>
            <translation>质量</translation>
        </message>
        <message>
            <source>&amp;Scores by:</source>
            <translation>分数按(&amp;S)：</translation>
        </message>
        <message>
            <source>Agent</source>
            <translation>客服</translation>
        </message>
        <message>
            <source>Vendor</source>
            <translation>外包商</translation>
        </message>
    </context>
    <context>
        <name>QualityWindow</name>
        <message>
            <source>(no subject)</source>
            <extracomment>The queue was loaded (number of open reviews). "My reviews" was loaded (number of reviews). A review's details are shown. A review was submitted.</extracomment>
            <translation>（无主题）</translation>
        </message>
        <message>
            <source>Review of %1 submitted: %2.</source>
            <translation>已提交对 %1 的评审：%2。</translation>
        </message>
        <message>
            <source>%1 reviewed this conversation on %2: %3.</source>
            <translation>%1 于 %2 评审了此会话：%3。</translation>
        </message>
        <message>
            <source>0 (auto-fail)</source>
            <translation>0（一票否决）</translation>
        </message>
        <message>
            <source>did not happen</source>
            <translation>未发生</translation>
        </message>
        <message>
            <source>HAPPENED (auto-fail)</source>
            <translation>已发生（一票否决）</translation>
        </message>
        <message>
            <source>met</source>
            <translation>达到</translation>
        </message>
        <message>
            <source>partly</source>
            <translation>部分达到</translation>
        </message>
        <message>
            <source>not met</source>
            <translation>未达到</translation>
        </message>
        <message>
            <source>does not apply</source>
            <translation>不适用</translation>
        </message>
        <message>
            <source>Quality review</source>
            <translation>质量评审</translation>
        </message>
        <message>
            <source>Review &amp;queue</source>
            <translation>评审队列(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;My reviews</source>
            <translation>我的评审(&amp;M)</translation>
        </message>
        <message>
            <source>&amp;Calibration</source>
            <translation>校准(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Scores</source>
            <translation>分数(&amp;S)</translation>
        </message>
        <message>
            <source>Score&amp;card</source>
            <translation>评分卡(&amp;C)</translation>
        </message>
        <message>
            <source>Sam&amp;pling</source>
            <translation>抽样(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;Open review</source>
            <translation>打开评审(&amp;O)</translation>
        </message>
        <message>
            <source>Choose who you are (File → Settings) to see your reviews.</source>
            <translation>请先选择您是谁（文件 → 设置）以查看您的评审。</translation>
        </message>
        <message>
            <source>Only quality reviewers and team leads score conversations.</source>
            <translation>只有质检员和组长为会话评分。</translation>
        </message>
        <message numerus="yes">
            <source>%n conversation(s) to review.</source>
            <translation>
                <numerusform>待评审 %n 个会话。</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>QuarantineModel</name>
        <message>
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>来源</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>条目</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
    </context>
    <context>
        <name>QuarantineWindow</name>
        <message>
            <source>Refresh</source>
            <extracomment>Emitted after every load with the number of unresolved items shown. A retry stored messages (how many items were imported); the change bus tells the inbox. Who is working: resolving and retrying are recorded for them.</extracomment>
            <translation>刷新</translation>
        </message>
        <message>
            <source>Mark as dealt with</source>
            <translation>标记为已处理</translation>
        </message>
        <message>
            <source>Hide the selected items; a re-import will not bring them back</source>
            <translation>隐藏所选条目；重新导入也不会再出现</translation>
        </message>
        <message>
            <source>Retry import</source>
            <translation>重新导入</translation>
        </message>
        <message>
            <source>Read the selected items again from their files and import what now reads</source>
            <translation>从原文件重新读取所选条目，导入现在能读取的内容</translation>
        </message>
        <message numerus="yes">
            <source>%n item(s) could not be imported</source>
            <translation>
                <numerusform>%n 个条目无法导入</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing is in quarantine.</source>
            <translation>隔离区为空。</translation>
        </message>
        <message>
            <source>Imported: %1. Still failing: %2. Not retried: %3.</source>
            <translation>已导入：%1。仍然失败：%2。未重试：%3。</translation>
        </message>
    </context>
    <context>
        <name>QueueModel</name>
        <message>
            <source>Week of</source>
            <translation>周（起始）</translation>
        </message>
        <message>
            <source>Agent</source>
            <translation>客服</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>主题</translation>
        </message>
        <message>
            <source>Sampled for</source>
            <translation>抽样原因</translation>
        </message>
        <message>
            <source>(no subject)</source>
            <translation>（无主题）</translation>
        </message>
        <message>
            <source>Calibration</source>
            <translation>校准</translation>
        </message>
        <message>
            <source>Sample</source>
            <translation>抽样</translation>
        </message>
    </context>
    <context>
        <name>QueuesModel</name>
        <message>
            <source>Queue</source>
            <extracomment>(queue id, routes by itself, version read) (queue id, vendor typed (blank: in-house), version read)</extracomment>
            <translation>队列</translation>
        </message>
        <message>
            <source>Routed automatically</source>
            <translation>自动分配</translation>
        </message>
        <message>
            <source>Vendor</source>
            <translation>外包商</translation>
        </message>
        <message>
            <source>in-house</source>
            <translation>内部</translation>
        </message>
        <message>
            <source>Escalation (in-house)</source>
            <translation>升级（内部）</translation>
        </message>
    </context>
    <context>
        <name>ReplyLibraryDialog</name>
        <message>
            <source>Reply library</source>
            <extracomment>The library was read from the store and is on screen (tests wait for it). A write finished (the library is read again when the change bus delivers it). Who is working: saved and approved variants are recorded for them.</extracomment>
            <translation>回复库</translation>
        </message>
        <message>
            <source>&amp;New reply…</source>
            <translation>新建回复(&amp;N)…</translation>
        </message>
        <message>
            <source>&amp;Save as approved</source>
            <translation>保存为已审核(&amp;S)</translation>
        </message>
        <message>
            <source>Store this text as checked by you</source>
            <translation>将此文本保存为由您审核过</translation>
        </message>
        <message>
            <source>&amp;Approve as it is</source>
            <translation>按原样审核通过(&amp;A)</translation>
        </message>
        <message>
            <source>You checked this variant against the source: it is no longer a draft or stale</source>
            <translation>您已对照源文本检查了此语言版本：它不再是草稿，也不再过时</translation>
        </message>
        <message>
            <source>&amp;Draft by machine translation</source>
            <translation>用机器翻译起草(&amp;D)</translation>
        </message>
        <message>
            <source>Translate the source variant offline; the variables stay as they are</source>
            <translation>离线翻译源语言版本；变量保持不变</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1：%2</translation>
        </message>
        <message>
            <source>Drafting in %1…</source>
            <translation>正在起草%1版本…</translation>
        </message>
    </context>
    <context>
        <name>ReplyPalette</name>
        <message>
            <source>Reply library</source>
            <extracomment>The agent chose a reply: (customer-language text, agent-language text), both filled. The library and the conversation's variables arrived (tests wait for it).</extracomment>
            <translation>回复库</translation>
        </message>
        <message>
            <source>Find a reply: type words in any language</source>
            <translation>查找回复：可输入任何语言的词语</translation>
        </message>
        <message>
            <source>Enter inserts the reply in %1 · Esc closes</source>
            <translation>按回车插入%1回复 · 按 Esc 关闭</translation>
        </message>
        <message>
            <source>machine draft</source>
            <translation>机器草稿</translation>
        </message>
        <message>
            <source>stale: the source changed</source>
            <translation>已过期：源文本已更改</translation>
        </message>
        <message>
            <source>Suggested: </source>
            <translation>推荐：</translation>
        </message>
        <message>
            <source>no text in %1 yet</source>
            <translation>尚无%1文本</translation>
        </message>
        <message>
            <source>no text in %1 yet: Enter drafts it by machine translation</source>
            <translation>还没有%1文本：按 Enter 用机器翻译起草</translation>
        </message>
        <message>
            <source>In %1: </source>
            <translation>%1：</translation>
        </message>
        <message>
            <source>Drafting in %1…</source>
            <translation>正在起草%1版本…</translation>
        </message>
    </context>
    <context>
        <name>ReplyTranslationPanel</name>
        <message>
            <source>Back-translation, to check the meaning:</source>
            <extracomment>A translation of the current draft arrived (for tests and status). Worked-out facts in the agent's text -&gt; in the customer's (kept out of translation).</extracomment>
            <translation>回译（用于核对意思）：</translation>
        </message>
        <message>
            <source>Translate again</source>
            <translation>重新翻译</translation>
        </message>
        <message>
            <source>Sent to the customer in %1 (you can edit it):</source>
            <translation>将以%1发送给客户（可编辑）：</translation>
        </message>
        <message>
            <source>No translation: the reply goes out as written. (%1)</source>
            <translation>无法翻译：回复将按原文发送。（%1）</translation>
        </message>
    </context>
    <context>
        <name>RetentionEditor</name>
        <message>
            <source>Retention rules</source>
            <translation>保留规则</translation>
        </message>
        <message>
            <source>Erase conversations resolved more than (months):</source>
            <translation>删除解决时间超过（月）的会话：</translation>
        </message>
        <message>
            <source>Set for the market</source>
            <translation>为该市场设置</translation>
        </message>
        <message>
            <source>Remove the rule</source>
            <translation>移除规则</translation>
        </message>
        <message>
            <source>Preview what would go today</source>
            <translation>预览今天将删除的内容</translation>
        </message>
        <message>
            <source>Texts of conversations resolved longer ago than their market's period are erased once a day; the conversations stay, without text, for the figures.</source>
            <translation>解决时间超过所属市场期限的会话，其文本每天删除一次；会话本身保留（不含文本）用于统计。</translation>
        </message>
        <message>
            <source>Only compliance staff and admins may change retention rules.</source>
            <translation>只有合规人员和管理员可以更改保留规则。</translation>
        </message>
        <message>
            <source>Saved the retention rule of %1.</source>
            <translation>已保存 %1 的保留规则。</translation>
        </message>
        <message numerus="yes">
            <source>%n conversation(s) would be erased today.</source>
            <translation>
                <numerusform>今天将删除 %n 个会话。</numerusform>
            </translation>
        </message>
        <message>
            <source>Conversation %1 (%2), resolved %3</source>
            <translation>会话 %1（%2），解决于 %3</translation>
        </message>
    </context>
    <context>
        <name>RetentionRulesModel</name>
        <message>
            <source>Market</source>
            <translation>市场</translation>
        </message>
        <message>
            <source>Erase conversations resolved more than</source>
            <translation>删除解决时间超过以下期限的会话</translation>
        </message>
        <message>
            <source>Set by</source>
            <translation>设置人</translation>
        </message>
        <message>
            <source>kept (no rule)</source>
            <translation>保留（无规则）</translation>
        </message>
        <message numerus="yes">
            <source>%n month(s) ago</source>
            <translation>
                <numerusform>%n 个月前</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RevealDialog</name>
        <message>
            <source>Reveal a masked value</source>
            <extracomment>The person asked to reveal: (field, identity id or None, reason).</extracomment>
            <translation>查看被遮蔽的信息</translation>
        </message>
        <message>
            <source>The value is shown until you open another conversation. Your reason and which value you saw are recorded in the audit log; the value is not.</source>
            <translation>此信息将一直显示，直到您打开其他会话。您的原因和所查看的项目会记入审计日志，信息本身不会记录。</translation>
        </message>
        <message>
            <source>&amp;Value</source>
            <translation>信息(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Reason</source>
            <translation>原因(&amp;R)</translation>
        </message>
        <message>
            <source>Why do you need to see it?</source>
            <translation>为什么需要查看？</translation>
        </message>
        <message>
            <source>Reveal</source>
            <translation>查看</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>渠道</translation>
        </message>
    </context>
    <context>
        <name>ReviewScreen</name>
        <message>
            <source>Score: choose an answer for every item</source>
            <extracomment>Button id of "does not apply" (a QButtonGroup id cannot be None; -1 is "none checked"). The material arrived and the scorecard is shown. Who is reviewing (the AppState's person).</extracomment>
            <translation>得分：请为每一项选择答案</translation>
        </message>
        <message>
            <source>Score: score at least one weighted item</source>
            <translation>得分：请至少为一个有权重的项目评分</translation>
        </message>
        <message>
            <source>Score: 0 (auto-fail)</source>
            <translation>得分：0（一票否决）</translation>
        </message>
        <message>
            <source>Score: %1</source>
            <translation>得分：%1</translation>
        </message>
        <message>
            <source>%1 — %2 (scorecard version %3)</source>
            <translation>%1 — %2（评分卡第 %3 版）</translation>
        </message>
        <message>
            <source>(no subject)</source>
            <translation>（无主题）</translation>
        </message>
        <message>
            <source>&amp;Comment for the agent:</source>
            <translation>给客服的评语(&amp;C)：</translation>
        </message>
        <message>
            <source>&amp;Submit review</source>
            <translation>提交评审(&amp;S)</translation>
        </message>
        <message>
            <source>Did not happen</source>
            <translation>未发生</translation>
        </message>
        <message>
            <source>Happened</source>
            <translation>已发生</translation>
        </message>
        <message>
            <source>Met</source>
            <translation>达到</translation>
        </message>
        <message>
            <source>Partly</source>
            <translation>部分达到</translation>
        </message>
        <message>
            <source>Not met</source>
            <translation>未达到</translation>
        </message>
        <message>
            <source>Does not apply</source>
            <translation>不适用</translation>
        </message>
    </context>
    <context>
        <name>ReviewsModel</name>
        <message>
            <source>Week of</source>
            <translation>周（起始）</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>主题</translation>
        </message>
        <message>
            <source>Reviewer</source>
            <translation>评审人</translation>
        </message>
        <message>
            <source>Score</source>
            <translation>得分</translation>
        </message>
        <message>
            <source>Scorecard version</source>
            <translation>评分卡版本</translation>
        </message>
        <message>
            <source>(no subject)</source>
            <translation>（无主题）</translation>
        </message>
        <message>
            <source>0 (auto-fail)</source>
            <translation>0（一票否决）</translation>
        </message>
    </context>
    <context>
        <name>RoleNames</name>
        <message>
            <source>Agent</source>
            <translation>客服</translation>
        </message>
        <message>
            <source>Team lead</source>
            <translation>组长</translation>
        </message>
        <message>
            <source>Quality reviewer</source>
            <translation>质检员</translation>
        </message>
        <message>
            <source>Compliance</source>
            <translation>合规</translation>
        </message>
        <message>
            <source>Administrator</source>
            <translation>管理员</translation>
        </message>
    </context>
    <context>
        <name>RoutesModel</name>
        <message>
            <source>Engine</source>
            <translation>引擎</translation>
        </message>
        <message>
            <source>From</source>
            <translation>源语言</translation>
        </message>
        <message>
            <source>To</source>
            <translation>目标语言</translation>
        </message>
        <message>
            <source>Version</source>
            <translation>版本</translation>
        </message>
    </context>
    <context>
        <name>RoutingNote</name>
        <message>
            <source>VIP customer</source>
            <translation>VIP 客户</translation>
        </message>
        <message>
            <source>chargeback threat: “%1”</source>
            <translation>拒付威胁：“%1”</translation>
        </message>
        <message>
            <source>complaint: “%1”</source>
            <translation>投诉：“%1”</translation>
        </message>
        <message>
            <source>any language</source>
            <translation>任意语言</translation>
        </message>
        <message numerus="yes">
            <source>Escalated (%1); assigned to %2: in-house, speaks %3, on shift, %n open</source>
            <translation>
                <numerusform>已升级（%1）；已分配给 %2：内部员工，会说 %3，在班，%n 个未结</numerusform>
            </translation>
        </message>
        <message>
            <source>Escalated (%1); waiting in the escalation queue, which is assigned by hand</source>
            <translation>已升级（%1）；在升级队列中等待，该队列手动分配</translation>
        </message>
        <message>
            <source>Escalated (%1); waiting in the escalation queue: everyone in-house on shift who speaks %2 is at capacity</source>
            <translation>已升级（%1）；在升级队列中等待：在班且会说 %2 的内部员工都已满负荷</translation>
        </message>
        <message>
            <source>Escalated (%1); waiting in the escalation queue: nobody in-house on shift speaks %2</source>
            <translation>已升级（%1）；在升级队列中等待：在班的内部员工中没有人会说 %2</translation>
        </message>
        <message numerus="yes">
            <source>Assigned to %1: serves %2, speaks %3, on shift, %n open</source>
            <translation>
                <numerusform>已分配给 %1：负责 %2，会说 %3，在班，%n 个未结</numerusform>
            </translation>
        </message>
        <message>
            <source>Waiting: the customer's market is not known, so no queue routes it</source>
            <translation>等待中：客户所属市场未知，没有队列可以分配</translation>
        </message>
        <message>
            <source>Waiting in the %1 queue, which is assigned by hand</source>
            <translation>在 %1 队列中等待，该队列手动分配</translation>
        </message>
        <message>
            <source>Waiting in the %1 queue: everyone on shift who serves %2 in %3 is at capacity</source>
            <translation>在 %1 队列中等待：在班负责 %2、会说 %3 的人都已满负荷</translation>
        </message>
        <message>
            <source>Waiting in the %1 queue: nobody on shift serves %2 in %3</source>
            <translation>在 %1 队列中等待：在班的人中没有负责 %2 且会说 %3 的</translation>
        </message>
    </context>
    <context>
        <name>RoutingRulesWindow</name>
        <message>
            <source>Routing rules</source>
            <translation>分配规则</translation>
        </message>
        <message>
            <source>Capacity</source>
            <translation>容量</translation>
        </message>
        <message>
            <source>Escalation</source>
            <translation>升级</translation>
        </message>
        <message>
            <source>Queues</source>
            <translation>队列</translation>
        </message>
        <message>
            <source>VIP customers go to the escalation queue</source>
            <translation>VIP 客户进入升级队列</translation>
        </message>
        <message>
            <source>Complaint</source>
            <translation>投诉</translation>
        </message>
        <message>
            <source>Chargeback threat</source>
            <translation>拒付威胁</translation>
        </message>
        <message>
            <source>language, e.g. ko</source>
            <translation>语言，例如 ko</translation>
        </message>
        <message>
            <source>keywords, separated by commas</source>
            <translation>关键词，用逗号分隔</translation>
        </message>
        <message>
            <source>Add keywords</source>
            <translation>添加关键词</translation>
        </message>
        <message>
            <source>the VIP customer's e-mail, phone or handle</source>
            <translation>VIP 客户的邮箱、电话或账号</translation>
        </message>
        <message>
            <source>Add VIP</source>
            <translation>添加 VIP</translation>
        </message>
        <message>
            <source>Remove VIP</source>
            <translation>移除 VIP</translation>
        </message>
        <message>
            <source>The most open conversations routing gives each person (%1 unless set). Double-click a capacity to change it.</source>
            <translation>分配给每人的未结会话上限（未设置时为 %1）。双击容量即可修改。</translation>
        </message>
        <message>
            <source>Only team leads and administrators may change routing rules.</source>
            <translation>只有组长和管理员可以修改分配规则。</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>已保存。</translation>
        </message>
    </context>
    <context>
        <name>RubricEditor</name>
        <message>
            <source>Nothing changed; the scorecard stays as it is.</source>
            <extracomment>Who is working (a lead may save).</extracomment>
            <translation>没有改动；评分卡保持不变。</translation>
        </message>
        <message>
            <source>Saved as version %1; earlier reviews keep their version.</source>
            <translation>已保存为第 %1 版；之前的评审保留其版本。</translation>
        </message>
        <message>
            <source>Scorecard version %1</source>
            <translation>评分卡第 %1 版</translation>
        </message>
        <message>
            <source>&amp;Add item</source>
            <translation>添加项目(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Remove item</source>
            <translation>删除项目(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Save as new version</source>
            <translation>另存为新版本(&amp;S)</translation>
        </message>
    </context>
    <context>
        <name>RubricItemsModel</name>
        <message>
            <source>Section (English)</source>
            <translation>分类（英文）</translation>
        </message>
        <message>
            <source>Section (Chinese)</source>
            <translation>分类（中文）</translation>
        </message>
        <message>
            <source>Item (English)</source>
            <translation>项目（英文）</translation>
        </message>
        <message>
            <source>Item (Chinese)</source>
            <translation>项目（中文）</translation>
        </message>
        <message>
            <source>Weight</source>
            <translation>权重</translation>
        </message>
        <message>
            <source>Auto-fail</source>
            <translation>一票否决</translation>
        </message>
    </context>
    <context>
        <name>SamplingForm</name>
        <message>
            <source>Saved; the next weeks are sampled this way.</source>
            <extracomment>Who is working (a lead may save).</extracomment>
            <translation>已保存；之后各周按此抽样。</translation>
        </message>
        <message>
            <source>A number of conversations</source>
            <translation>固定数量的会话</translation>
        </message>
        <message>
            <source>A share of their conversations</source>
            <translation>其会话的一定比例</translation>
        </message>
        <message>
            <source>Per agent and &amp;week:</source>
            <translation>每位客服每周(&amp;W)：</translation>
        </message>
        <message>
            <source>&amp;Conversations:</source>
            <translation>会话数(&amp;C)：</translation>
        </message>
        <message>
            <source>S&amp;hare:</source>
            <translation>比例(&amp;H)：</translation>
        </message>
        <message>
            <source>&amp;Newcomers (first days) count:</source>
            <translation>新人（入职初期）权重(&amp;N)：</translation>
        </message>
        <message>
            <source>First &amp;days:</source>
            <translation>入职天数(&amp;D)：</translation>
        </message>
        <message>
            <source>&amp;Temporary agents count:</source>
            <translation>临时客服权重(&amp;T)：</translation>
        </message>
        <message>
            <source>Also scored by a second reviewer (&amp;calibration):</source>
            <translation>由第二位评审复评（校准）(&amp;C)：</translation>
        </message>
        <message>
            <source>&amp;Save sampling</source>
            <translation>保存抽样设置(&amp;S)</translation>
        </message>
    </context>
    <context>
        <name>ScoresModel</name>
        <message>
            <source>Week of</source>
            <translation>周（起始）</translation>
        </message>
        <message>
            <source>Vendor</source>
            <translation>外包商</translation>
        </message>
        <message>
            <source>Agent</source>
            <translation>客服</translation>
        </message>
        <message>
            <source>Reviews</source>
            <translation>评审数</translation>
        </message>
        <message>
            <source>Average score</source>
            <translation>平均分</translation>
        </message>
        <message>
            <source>Auto-fails</source>
            <translation>一票否决数</translation>
        </message>
        <message>
            <source>In-house</source>
            <translation>自有团队</translation>
        </message>
    </context>
    <context>
        <name>Seat</name>
        <message>
            <source>Connect to &amp;team store…</source>
            <extracomment>*Connect to team store…* succeeded: the open store and the signed-in person. The signed-in person (team mode); None: a single seat's local profile.</extracomment>
            <translation>连接团队数据库(&amp;T)…</translation>
        </message>
        <message>
            <source>&amp;People…</source>
            <translation>人员(&amp;P)…</translation>
        </message>
        <message>
            <source>Signed in as %1 (%2)</source>
            <translation>已登录：%1（%2）</translation>
        </message>
        <message>
            <source>Local profile: %1</source>
            <translation>本地档案：%1</translation>
        </message>
    </context>
    <context>
        <name>SendGuardDialog</name>
        <message>
            <source>Reply not translated</source>
            <translation>回复未翻译</translation>
        </message>
        <message>
            <source>The translation into %1 lost some of the protected text (order numbers, links, prices). Nothing has been sent.</source>
            <translation>译成%1时丢失了部分受保护内容（订单号、链接、价格）。尚未发送任何内容。</translation>
        </message>
        <message>
            <source>Lost: %1</source>
            <translation>丢失：%1</translation>
        </message>
        <message>
            <source>This reply cannot be put into %1. Nothing has been sent.</source>
            <translation>此回复无法译成%1。尚未发送任何内容。</translation>
        </message>
        <message>
            <source>If you send it now, it goes out in %1, as you wrote it.</source>
            <translation>如果现在发送，将按您所写的%1原文发出。</translation>
        </message>
        <message>
            <source>Send in %1 anyway</source>
            <translation>仍以%1发送</translation>
        </message>
        <message>
            <source>Cancel, keep editing</source>
            <translation>取消，继续编辑</translation>
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
            <source> s</source>
            <translation> 秒</translation>
        </message>
        <message>
            <source>No undo</source>
            <translation>不可撤回</translation>
        </message>
        <message>
            <source>How long a sent reply waits in the outbox, so that you can undo it</source>
            <translation>已发送的回复在发件箱中等待多久，以便您撤回</translation>
        </message>
        <message>
            <source>Interface language</source>
            <translation>界面语言</translation>
        </message>
        <message>
            <source>Signed in as</source>
            <translation>当前客服</translation>
        </message>
        <message>
            <source>Undo send for</source>
            <translation>撤回发送时限</translation>
        </message>
    </context>
    <context>
        <name>ShiftExceptionsModel</name>
        <message>
            <source>Kind</source>
            <extracomment>Rows were added or removed.</extracomment>
            <translation>类型</translation>
        </message>
        <message>
            <source>From</source>
            <translation>开始</translation>
        </message>
        <message>
            <source>To</source>
            <translation>结束</translation>
        </message>
        <message>
            <source>Hours</source>
            <translation>小时</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Leave</source>
            <translation>休假</translation>
        </message>
        <message>
            <source>Extra shift</source>
            <translation>加班</translation>
        </message>
        <message>
            <source>{kind} (new)</source>
            <translation>{kind}（新）</translation>
        </message>
        <message>
            <source>all day</source>
            <translation>全天</translation>
        </message>
    </context>
    <context>
        <name>SignInDialog</name>
        <message>
            <source>Sign in to the team store</source>
            <extracomment>Wide enough for a problem to wrap into a few readable lines. Once signed in: the open store and the person.</extracomment>
            <translation>登录团队数据库</translation>
        </message>
        <message>
            <source>&amp;User</source>
            <translation>用户(&amp;U)</translation>
        </message>
        <message>
            <source>&amp;Password</source>
            <translation>密码(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;Sign in</source>
            <translation>登录(&amp;S)</translation>
        </message>
        <message>
            <source>Enter your user name and password.</source>
            <translation>请输入用户名和密码。</translation>
        </message>
        <message>
            <source>Signing in…</source>
            <translation>正在登录…</translation>
        </message>
    </context>
    <context>
        <name>SnoozeDialog</name>
        <message>
            <source>Snooze until</source>
            <translation>稍后处理至</translation>
        </message>
        <message>
            <source>The conversation comes back at this time, or at once when the customer writes.</source>
            <translation>会话将在此时间回到收件箱；如果客户来信，则立即回来。</translation>
        </message>
    </context>
    <context>
        <name>StaffingRowsModel</name>
        <message>
            <source>{time}
{required} agents required, {scheduled} scheduled
{messages:.1f} messages expected</source>
            <extracomment>Agents in the cell (an int). Whether the cell is short of the requirement (scheduled row only). Whether the market is open in the cell's hour.</extracomment>
            <translation>{time}
需要 {required} 名客服，已排班 {scheduled} 名
预计 {messages:.1f} 条消息</translation>
        </message>
        <message>
            <source>Required agents</source>
            <translation>所需客服</translation>
        </message>
        <message>
            <source>Scheduled agents</source>
            <translation>已排班客服</translation>
        </message>
    </context>
    <context>
        <name>Startup</name>
        <message>
            <source>Support Console cannot open its store</source>
            <translation>客服工作台无法打开数据存储</translation>
        </message>
    </context>
    <context>
        <name>StoreExecutor</name>
        <message>
            <source>The store could not be used</source>
            <extracomment>A job failed and had no error handler: a message for the status bar. True while jobs are queued or running. The store itself failed (a :class:`~console.problems.Problem`); a dialog says so. Show store failures in a dialog (off for tools that report them otherwise). A team store that cannot be reached is said in the status bar, not in a dialog (set by console/ui/lanes/live_updates.py, which shows it and reconnects). What writes changed, for every view (console/ui/lanes/operations.py). Whether the person at this seat reads customer data masked; every job's session carries it for console/privacy/masking.py:masking_for (None: decided by the login). The lane for file work (import, export), beside this one (console/ui/lanes/file_lane.py).</extracomment>
            <translation>数据存储无法使用</translation>
        </message>
    </context>
    <context>
        <name>SuggestionModel</name>
        <message>
            <source>{share:.0%} of demand · {covered}/{open} h</source>
            <translation>需求占比 {share:.0%} · {covered}/{open} 小时</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>应用</translation>
        </message>
        <message>
            <source>Market</source>
            <translation>市场</translation>
        </message>
        <message>
            <source>Proposed agents</source>
            <translation>建议的客服</translation>
        </message>
        <message>
            <source>Coverage</source>
            <translation>覆盖情况</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>原因</translation>
        </message>
    </context>
    <context>
        <name>TeamDashboard</name>
        <message>
            <source>Team dashboard</source>
            <extracomment>Conversation ids behind a clicked figure, for the inbox. New figures are on screen. The CSV was written (a message for the status bar). What "now" is (the periods end today); a test sets a fixed one.</extracomment>
            <translation>团队仪表板</translation>
        </message>
        <message>
            <source>Period:</source>
            <translation>时间段：</translation>
        </message>
        <message>
            <source>By:</source>
            <translation>分组依据：</translation>
        </message>
        <message>
            <source>Export CSV…</source>
            <translation>导出 CSV…</translation>
        </message>
        <message>
            <source>KPIs</source>
            <translation>关键指标</translation>
        </message>
        <message>
            <source>Last 7 days</source>
            <translation>最近 7 天</translation>
        </message>
        <message>
            <source>Last 30 days</source>
            <translation>最近 30 天</translation>
        </message>
        <message>
            <source>Last 90 days</source>
            <translation>最近 90 天</translation>
        </message>
        <message>
            <source>Last 365 days</source>
            <translation>最近 365 天</translation>
        </message>
        <message>
            <source>Market</source>
            <translation>市场</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>渠道</translation>
        </message>
        <message>
            <source>Agent</source>
            <translation>客服</translation>
        </message>
        <message>
            <source>Vendor</source>
            <translation>外包商</translation>
        </message>
        <message>
            <source>Hour of day</source>
            <translation>一天中的时段</translation>
        </message>
        <message>
            <source>Weekday</source>
            <translation>星期</translation>
        </message>
        <message>
            <source>First response (business minutes)</source>
            <translation>首次响应（工作分钟）</translation>
        </message>
        <message>
            <source>p50</source>
            <translation>p50</translation>
        </message>
        <message>
            <source>p90</source>
            <translation>p90</translation>
        </message>
        <message>
            <source>First responses within target (%)</source>
            <translation>目标内的首次响应（%）</translation>
        </message>
        <message>
            <source>SLA kept %</source>
            <translation>SLA 达成率 %</translation>
        </message>
        <message>
            <source>Backlog now (waiting on an agent)</source>
            <translation>当前积压（等待客服）</translation>
        </message>
        <message>
            <source>Backlog</source>
            <translation>积压</translation>
        </message>
        <message>
            <source>Inbound messages per day</source>
            <translation>每日进线消息</translation>
        </message>
        <message>
            <source>Inbound</source>
            <translation>进线</translation>
        </message>
        <message>
            <source>Demand curve</source>
            <translation>需求曲线</translation>
        </message>
        <message>
            <source>Export KPIs as CSV</source>
            <translation>将关键指标导出为 CSV</translation>
        </message>
        <message>
            <source>CSV (*.csv)</source>
            <translation>CSV 文件 (*.csv)</translation>
        </message>
        <message>
            <source>KPIs saved to {path}</source>
            <translation>关键指标已保存到 {path}</translation>
        </message>
    </context>
    <context>
        <name>UndoSendBar</name>
        <message>
            <source>Undo</source>
            <extracomment>A reply was taken back: (conversation id, the text the agent wrote). An undo window ended: the outbox may take the reply now. Undo failed (too late, store error): a message for the user. Who is working: a reply taken back is recorded for them.</extracomment>
            <translation>撤回</translation>
        </message>
        <message>
            <source>Take the reply back before it leaves the outbox</source>
            <translation>在回复离开发件箱前将其撤回</translation>
        </message>
        <message numerus="yes">
            <source>Reply leaves in %n s</source>
            <translation>
                <numerusform>回复将在 %n 秒后发出</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>VariantsModel</name>
        <message>
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Missing</source>
            <translation>缺失</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>源文本</translation>
        </message>
        <message>
            <source>Stale: the source changed</source>
            <translation>已过时：源文本已更改</translation>
        </message>
        <message>
            <source>Machine draft</source>
            <translation>机器草稿</translation>
        </message>
        <message>
            <source>Approved</source>
            <translation>已审核</translation>
        </message>
    </context>
    <context>
        <name>VipModel</name>
        <message>
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Writes from</source>
            <translation>联系地址</translation>
        </message>
    </context>
    <context>
        <name>WeeklyTimesModel</name>
        <message>
            <source>Day</source>
            <extracomment>The rows changed (edited, added or removed).</extracomment>
            <translation>星期</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>开始</translation>
        </message>
        <message>
            <source>End</source>
            <translation>结束</translation>
        </message>
        <message>
            <source>Length</source>
            <translation>时长</translation>
        </message>
        <message>
            <source>whole day</source>
            <translation>全天</translation>
        </message>
        <message>
            <source>ends when it starts</source>
            <translation>结束时间等于开始时间</translation>
        </message>
        <message>
            <source>{hours} h, until {day}</source>
            <translation>{hours} 小时，至{day}</translation>
        </message>
        <message>
            <source>{hours} h</source>
            <translation>{hours} 小时</translation>
        </message>
        <message>
            <source>{first} to {last}</source>
            <translation>{first} 至 {last}</translation>
        </message>
    </context>
</TS>
