<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AddressField</name>
    <message>
        <source>%1 (this township; not changed here)</source>
        <translation>%1（本乡镇，无需填写）</translation>
    </message>
    <message>
        <source>Village or community</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>e.g. Xingfu Village</source>
        <translation>例如：幸福村</translation>
    </message>
    <message>
        <source>House number and the rest</source>
        <translation>组别、门牌号等详细地址</translation>
    </message>
    <message>
        <source>e.g. Group 3, No. 15</source>
        <translation>例如：3组15号</translation>
    </message>
</context>
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
    <name>ConsentPage</name>
    <message>
        <source>The resident&apos;s consent</source>
        <translation>群众授权</translation>
    </message>
    <message>
        <source>The resident&apos;s name and ID number, as on the ID card:</source>
        <translation>请按身份证填写群众的姓名和身份证号：</translation>
    </message>
    <message>
        <source>Resident&apos;s name</source>
        <translation>群众姓名</translation>
    </message>
    <message>
        <source>Resident&apos;s ID number</source>
        <translation>群众身份证号</translation>
    </message>
    <message>
        <source>Show what the resident agrees to</source>
        <translation>显示并朗读授权内容</translation>
    </message>
    <message>
        <source>How does the resident consent?</source>
        <translation>群众以哪种方式授权？</translation>
    </message>
    <message>
        <source>Resident: please write your name with a finger in the box below.</source>
        <translation>请群众本人用手指在下面的框里写下自己的名字。</translation>
    </message>
    <message>
        <source>✓ Signature kept</source>
        <translation>✓ 签名已保存</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>签好了</translation>
    </message>
    <message>
        <source>Sign again</source>
        <translation>重新签名</translation>
    </message>
    <message>
        <source>The resident signs the paper consent form; then photograph it.</source>
        <translation>请群众在纸质授权书上签字，然后拍照留存。</translation>
    </message>
    <message>
        <source>✓ Photo kept: take it again</source>
        <translation>✓ 已拍照（可重拍）</translation>
    </message>
    <message>
        <source>Photograph the signed form</source>
        <translation>拍摄签好字的授权书</translation>
    </message>
    <message>
        <source>Name of the second person present</source>
        <translation>在场第二人的姓名</translation>
    </message>
    <message>
        <source>Consent given: fill in the form ›</source>
        <translation>已授权，开始填写 ›</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>Not chosen yet: tap + or − to start from today</source>
        <translation>还没有选择：点“+”或“−”，从今天开始调整</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>DigitPad</name>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>FormPage</name>
    <message>
        <source>Checking…</source>
        <translation>正在核对…</translation>
    </message>
    <message>
        <source>Next: check my answers ›</source>
        <translation>下一步：核对 ›</translation>
    </message>
    <message>
        <source>Save as draft</source>
        <translation>保存草稿</translation>
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
        <translation>申请材料</translation>
    </message>
    <message>
        <source>Promised time limit</source>
        <translation>承诺时限</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>收费标准</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>设定依据</translation>
    </message>
    <message>
        <source>Start filling in ›</source>
        <translation>开始填写 ›</translation>
    </message>
</context>
<context>
    <name>HandoverPage</name>
    <message>
        <source>Please hand the screen to the resident to rate the service</source>
        <translation>请将屏幕交给群众本人评价</translation>
    </message>
    <message>
        <source>Resident: type the last four characters of your own ID number, then tap Rate.</source>
        <translation>请群众本人输入自己身份证号的最后四位，然后点“评价”。</translation>
    </message>
    <message>
        <source>Those are not the last four characters of the ID number: the resident types their own.</source>
        <translation>身份证号后四位不对：请群众本人输入自己身份证号的最后四位。</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Rate later with the receipt</source>
        <translation>以后凭回执再评价</translation>
    </message>
</context>
<context>
    <name>HelpReasons</name>
    <message>
        <source>What do you need help with?</source>
        <translation>请问您需要哪方面的帮助？</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>HelperFilingsPage</name>
    <message>
        <source>My filings</source>
        <translation>我的办件</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Go on</source>
        <translation>继续填写</translation>
    </message>
    <message>
        <source>No filings by you on this terminal yet.</source>
        <translation>您在本终端还没有办件。</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>重新打印回执</translation>
    </message>
</context>
<context>
    <name>HelperHomePage</name>
    <message>
        <source>Helper workspace</source>
        <translation>帮办员工作台</translation>
    </message>
    <message>
        <source>Signed in: %1</source>
        <translation>已登录：%1</translation>
    </message>
    <message>
        <source>File for a resident</source>
        <translation>为群众办事</translation>
    </message>
    <message>
        <source>With the resident&apos;s consent, signed or witnessed</source>
        <translation>须经群众签名或有人在场的口头授权</translation>
    </message>
    <message>
        <source>Check a filing</source>
        <translation>办件查询</translation>
    </message>
    <message>
        <source>Scan or type the voucher on the resident&apos;s receipt</source>
        <translation>扫描或输入群众回执上的凭证号</translation>
    </message>
    <message>
        <source>My filings</source>
        <translation>我的办件</translation>
    </message>
    <message>
        <source>Lock screen</source>
        <translation>锁屏</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>签退</translation>
    </message>
</context>
<context>
    <name>HelperSignInPage</name>
    <message>
        <source>Screen locked</source>
        <translation>屏幕已锁定</translation>
    </message>
    <message>
        <source>Set your PIN</source>
        <translation>首次设置密码</translation>
    </message>
    <message>
        <source>Staff sign-in</source>
        <translation>工作人员登录</translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Set-up code from the county</source>
        <translation>县里发给您的设置码</translation>
    </message>
    <message>
        <source>The work of %1 is kept. Type the PIN to unlock.</source>
        <translation>%1的工作已保留。请输入密码解锁。</translation>
    </message>
    <message>
        <source>Type the new PIN once more, then OK.</source>
        <translation>请再输入一次新密码，然后按“确定”。</translation>
    </message>
    <message>
        <source>Type your staff number and the set-up code, then a new PIN of 6 to 12 digits on the keypad, then OK.</source>
        <translation>请输入工号和设置码，再在数字键上输入 6 至 12 位新密码，然后按“确定”。</translation>
    </message>
    <message>
        <source>Type your staff number (or scan your staff card), then your PIN on the keypad, then OK.</source>
        <translation>请输入工号（或扫描工作证），再在数字键上输入密码，然后按“确定”。</translation>
    </message>
    <message>
        <source>First time: set a PIN</source>
        <translation>首次使用：设置密码</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>签退</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
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
        <source>Help</source>
        <translation>求助</translation>
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
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
</context>
<context>
    <name>LookupPage</name>
    <message>
        <source>Scan the QR code on your receipt here, at this terminal&apos;s scanner. A phone&apos;s scanner opens nothing with it.</source>
        <translation>回执上的二维码请在本机的扫码口扫描查询；用手机扫码打不开任何内容。</translation>
    </message>
    <message>
        <source>Or type the voucher code printed on your receipt</source>
        <translation>或输入回执上印的凭证号</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Lost your receipt? Look up with your ID card number and mobile number</source>
        <translation>回执丢了？用公民身份号码和手机号码查询</translation>
    </message>
    <message>
        <source>Finds the filings made at this terminal with the mobile number given on the form. Personal data is shown masked.</source>
        <translation>可查到在本终端办理、并填写了该手机号码的办件；个人信息只显示部分。</translation>
    </message>
    <message>
        <source>ID card number</source>
        <translation>公民身份号码</translation>
    </message>
    <message>
        <source>18 characters, X as the last one if your card has it</source>
        <translation>18 位，末位可能是 X</translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>The 11-digit number given on the form</source>
        <translation>办理时填写的 11 位手机号码</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在查询…</translation>
    </message>
    <message>
        <source>Look up my filings</source>
        <translation>查询我的办件</translation>
    </message>
</context>
<context>
    <name>LookupResultView</name>
    <message>
        <source>Progress: %1</source>
        <translation>办理进度：%1</translation>
    </message>
    <message>
        <source>Time limit: %1</source>
        <translation>承诺时限：%1</translation>
    </message>
    <message>
        <source>Next step: %1</source>
        <translation>下一步：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
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
        <source>Please check your answers</source>
        <translation>请核对</translation>
    </message>
    <message>
        <source>Submitted, awaiting acceptance</source>
        <translation>已提交（待受理）</translation>
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
        <source>Give up filling in this form?</source>
        <translation>确定放弃填写？</translation>
    </message>
    <message>
        <source>Give up this rating?</source>
        <translation>确定放弃这次评价？</translation>
    </message>
    <message>
        <source>The rating you chose will not be submitted.</source>
        <translation>您选的评价不会提交。</translation>
    </message>
    <message>
        <source>What you have filled in will be cleared.</source>
        <translation>您已填写的内容将被清除。</translation>
    </message>
    <message>
        <source>Give up</source>
        <translation>放弃填写</translation>
    </message>
    <message>
        <source>Keep filling in</source>
        <translation>继续填写</translation>
    </message>
    <message>
        <source>Keep rating</source>
        <translation>继续评价</translation>
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
    <message>
        <source>No handwriting on this terminal: please type pinyin, or tap Help.</source>
        <translation>本机不能手写，请用拼音输入，或点“求助”。</translation>
    </message>
</context>
<context>
    <name>PhotoCapturePanel</name>
    <message>
        <source>Lay the paper flat under the camera, then tap “Take the photo”</source>
        <translation>请把材料平放在摄像头下方，然后点“拍照”</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Take the photo</source>
        <translation>拍照</translation>
    </message>
</context>
<context>
    <name>PhotoField</name>
    <message>
        <source>Retake</source>
        <translation>重拍</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Take a photo</source>
        <translation>拍照</translation>
    </message>
    <message>
        <source>%1 of %2 photos</source>
        <translation>已拍 %1 张，最多 %2 张</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Erase</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>RateStartPage</name>
    <message>
        <source>Next ›</source>
        <translation>下一步 ›</translation>
    </message>
    <message>
        <source>Were you served at a counter? Rate that service here.</source>
        <translation>在窗口办理了业务？可以在这里评价窗口服务。</translation>
    </message>
    <message>
        <source>Rate a counter service</source>
        <translation>评价窗口服务</translation>
    </message>
</context>
<context>
    <name>RateWindowPage</name>
    <message>
        <source>Which counter served you?</source>
        <translation>是哪个窗口为您办理的？</translation>
    </message>
    <message>
        <source>Which service did you receive?</source>
        <translation>您办理的是哪项业务？</translation>
    </message>
    <message>
        <source>What kind of service was it?</source>
        <translation>您办理的是哪一类业务？</translation>
    </message>
    <message>
        <source>The numbers are on the sign at the counter and on the staff member&apos;s badge.</source>
        <translation>窗口号在窗口的号牌上，工号在工作人员的工作牌上。</translation>
    </message>
    <message>
        <source>Counter number</source>
        <translation>窗口号</translation>
    </message>
    <message>
        <source>For example 3</source>
        <translation>例如 3</translation>
    </message>
    <message>
        <source>Staff number (if you know it)</source>
        <translation>工号（知道的话可以填写）</translation>
    </message>
    <message>
        <source>May be left empty</source>
        <translation>可以不填</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>下一步 ›</translation>
    </message>
</context>
<context>
    <name>RatingButtons</name>
    <message>
        <source>Leave without rating? What you have chosen will not be saved.</source>
        <translation>确定不评价吗？您已选择的内容将不会保存。</translation>
    </message>
    <message>
        <source>Back to the home screen</source>
        <translation>返回首页</translation>
    </message>
    <message>
        <source>Yes, leave without rating</source>
        <translation>确定不评价</translation>
    </message>
    <message>
        <source>No, keep my rating</source>
        <translation>继续评价</translation>
    </message>
    <message>
        <source>No rating</source>
        <translation>不评价</translation>
    </message>
</context>
<context>
    <name>RatingCallbackPage</name>
    <message>
        <source>Would you like a call back?</source>
        <translation>需要工作人员回电吗？</translation>
    </message>
    <message>
        <source>Call me on %1, the number given with the filing</source>
        <translation>用办理时留的号码 %1 回访</translation>
    </message>
    <message>
        <source>Or type another mobile number:</source>
        <translation>或输入其他手机号码：</translation>
    </message>
    <message>
        <source>Mobile number for the call back</source>
        <translation>回访用的手机号码</translation>
    </message>
    <message>
        <source>No call back, submit</source>
        <translation>不需要回访，提交评价</translation>
    </message>
    <message>
        <source>Call me on this number</source>
        <translation>用这个号码回访</translation>
    </message>
</context>
<context>
    <name>RatingPage</name>
    <message>
        <source>How satisfied are you with this service?</source>
        <translation>您对本次服务满意吗？</translation>
    </message>
    <message>
        <source>One moment…</source>
        <translation>请稍候…</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>下一步 ›</translation>
    </message>
    <message>
        <source>Submit rating</source>
        <translation>提交评价</translation>
    </message>
</context>
<context>
    <name>RatingReasonsPage</name>
    <message>
        <source>What went wrong?</source>
        <translation>哪里让您不满意？</translation>
    </message>
    <message>
        <source>What went wrong? Please choose at least one reason.</source>
        <translation>哪里让您不满意？请至少选择一项。</translation>
    </message>
    <message>
        <source>Please say briefly what went wrong</source>
        <translation>请简要写明原因</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>下一步 ›</translation>
    </message>
</context>
<context>
    <name>RatingThanksPage</name>
    <message>
        <source>Thank you</source>
        <translation>谢谢您</translation>
    </message>
    <message>
        <source>Back to the home screen</source>
        <translation>返回首页</translation>
    </message>
</context>
<context>
    <name>ReceiptPage</name>
    <message>
        <source>Your voucher code</source>
        <translation>您的凭证号</translation>
    </message>
    <message>
        <source>Promised time limit: %1</source>
        <translation>承诺时限：%1</translation>
    </message>
    <message>
        <source>Submitted at %1</source>
        <translation>提交时间 %1</translation>
    </message>
    <message>
        <source>Saved on this kiosk. It goes to the county by itself when the network is up; the department then decides whether to accept it.</source>
        <translation>已保存在本机，联网后自动上报，由承办部门决定是否受理。</translation>
    </message>
    <message>
        <source>Keep this code: with it you can check your filing here at any time.</source>
        <translation>请记下凭证号，凭此号可随时在本机查询办理进度。</translation>
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
    <message>
        <source>Submitted, awaiting acceptance</source>
        <translation>已提交（待受理）</translation>
    </message>
    <message>
        <source>Handled by %1</source>
        <translation>承办部门：%1</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Please check your answers before you submit</source>
        <translation>请核对您填写的内容</translation>
    </message>
    <message>
        <source>‹ Back to edit</source>
        <translation>‹ 返回修改</translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation>正在提交…</translation>
    </message>
    <message>
        <source>Confirm and submit</source>
        <translation>确认提交</translation>
    </message>
</context>
<context>
    <name>ScrollCue</name>
    <message>
        <source>▼ More</source>
        <translation>▼ 更多</translation>
    </message>
    <message>
        <source>▼ More below: tap or swipe up</source>
        <translation>▼ 下面还有，点这里或向上滑</translation>
    </message>
</context>
<context>
    <name>SignatureArea</name>
    <message>
        <source>Sign here</source>
        <translation>请在这里签名</translation>
    </message>
</context>
<context>
    <name>TechnicianPage</name>
    <message>
        <source>Technician menu</source>
        <translation>技术员菜单</translation>
    </message>
    <message>
        <source>Technician PIN</source>
        <translation>技术员密码</translation>
    </message>
    <message>
        <source>Type the PIN, then OK.</source>
        <translation>请输入密码，然后点“确定”。</translation>
    </message>
    <message>
        <source>Exit kiosk</source>
        <translation>退出终端</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
</TS>
