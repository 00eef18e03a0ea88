<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CategoryPage</name>
    <message>
        <source>Choose a service</source>
        <translation>请选择要办理的事项</translation>
    </message>
    <message>
        <source>Search: type 社保卡, shebaoka or sbk</source>
        <translation>搜索：输入“社保卡”、shebaoka 或 sbk</translation>
    </message>
    <message>
        <source>Services matching “%1”</source>
        <translation>与“%1”相关的事项</translation>
    </message>
    <message>
        <source>Nothing found for “%1”. Try other words, or tap Help and a member of staff will assist you.</source>
        <translation>没有找到与“%1”相关的事项。请换个说法试试，或点“求助”请工作人员帮忙。</translation>
    </message>
</context>
<context>
    <name>FormPage</name>
    <message>
        <source>Submitting…</source>
        <translation>正在提交…</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
</context>
<context>
    <name>GuidePage</name>
    <message>
        <source>Department</source>
        <translation>办理部门</translation>
    </message>
    <message>
        <source>Who can apply</source>
        <translation>办理条件</translation>
    </message>
    <message>
        <source>What to bring</source>
        <translation>所需材料</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>收费标准</translation>
    </message>
    <message>
        <source>Start filling in ›</source>
        <translation>开始填写 ›</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Welcome. What would you like to do?</source>
        <translation>您好，请问您要办理什么？</translation>
    </message>
    <message>
        <source>File a service</source>
        <translation>我要办事</translation>
    </message>
    <message>
        <source>Find a service and apply</source>
        <translation>查找事项，填写申请</translation>
    </message>
    <message>
        <source>Check a filing</source>
        <translation>办件查询</translation>
    </message>
    <message>
        <source>Enter the voucher code on your receipt</source>
        <translation>请输入回执上的凭证号</translation>
    </message>
    <message>
        <source>Rate a service</source>
        <translation>服务评价</translation>
    </message>
    <message>
        <source>Tell us how we did</source>
        <translation>说说您对服务的感受</translation>
    </message>
    <message>
        <source>Call for help</source>
        <translation>一键呼叫</translation>
    </message>
    <message>
        <source>Ask a member of staff</source>
        <translation>请工作人员帮忙</translation>
    </message>
    <message>
        <source>Elder mode</source>
        <translation>长辈模式</translation>
    </message>
    <message>
        <source>On · tap to turn off</source>
        <translation>已开启 · 点击关闭</translation>
    </message>
    <message>
        <source>Larger text, spoken prompts</source>
        <translation>大字体，语音提示</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>LookupPage</name>
    <message>
        <source>Enter the voucher code on your receipt</source>
        <translation>请输入回执上的凭证号</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Submitted at %1</source>
        <translation>提交时间 %1</translation>
    </message>
    <message>
        <source>Received by the county</source>
        <translation>县级平台已接收</translation>
    </message>
    <message>
        <source>Saved on this kiosk, sending soon</source>
        <translation>已保存在本机，联网后自动上报</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Bianmin self-service kiosk</source>
        <translation>便民自助终端</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>求助</translation>
    </message>
    <message>
        <source>Township service centre · 24-hour self-service</source>
        <translation>便民服务中心 · 24小时自助服务</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>Enter the voucher code on your receipt</source>
        <translation>请输入回执上的凭证号</translation>
    </message>
    <message>
        <source>Scan or type your voucher to rate the service</source>
        <translation>请扫描或输入回执上的凭证号，对服务进行评价</translation>
    </message>
    <message>
        <source>Calling for help…</source>
        <translation>正在呼叫工作人员…</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>知道了</translation>
    </message>
    <message>
        <source>Are you still there?</source>
        <translation>您还在吗？</translation>
    </message>
    <message numerus="yes">
        <source>To protect your information, this screen will be cleared in %n second(s). Tap anywhere to continue.</source>
        <translation>
            <numerusform>为保护您的信息，本页面将在 %n 秒后清空。点击屏幕任意位置可继续办理。</numerusform>
        </translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续办理</translation>
    </message>
</context>
<context>
    <name>ReceiptPage</name>
    <message>
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>Your voucher code</source>
        <translation>您的凭证号</translation>
    </message>
    <message>
        <source>Keep this code: with it you can check your filing here at any time.</source>
        <translation>请记下凭证号，凭此号可随时在本机查询办理进度。</translation>
    </message>
    <message>
        <source>Submitted at %1 · Time limit: %2</source>
        <translation>提交时间 %1 · 办理时限：%2</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>正在打印回执…</translation>
    </message>
    <message>
        <source>Your receipt has been printed. Please take it.</source>
        <translation>回执已打印，请取走。</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>重新打印</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
</TS>
