"""Chinese words kept whole on a wrapped line: segmentation by maximum forward matching and word joiners.

A line breaker (Qt's, UAX #14) may break between any two Han characters, so a long title at elder sizes
can end a line on 办 and start the next on 理. Putting U+2060 WORD JOINER between the characters of each
word forbids that break and changes nothing on screen (the joiner has no width and no glyph). The words
come from a lexicon the caller passes (kiosk.services.zh_lexicon adds pypinyin's phrase dictionary to the
glossary here); this module is the pure part: segment, join, strip, and where a break would split a word.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator

WORD_JOINER = "\u2060"

# Words of the kiosk's own screens that pypinyin's phrase dictionary lacks (it holds only the phrases whose
# reading differs from their characters' usual one, so 办理 and 受理 are not in it). Add a word here when
# tests/ui/test_line_breaks.py names it.
GLOSSARY = frozenset(
    [
        "办理",
        "受理",
        "已受理",
        "待受理",
        "办件",
        "办事",
        "事项",
        "凭证",
        "凭证号",
        "手机",
        "手机号",
        "手机号码",
        "号码",
        "身份",
        "身份证",
        "身份证号",
        "证件",
        "长辈",
        "长辈模式",
        "模式",
        "求助",
        "请问",
        "您好",
        "什么",
        "首页",
        "返回",
        "返回首页",
        "重新",
        "帮忙",
        "工作",
        "工作人员",
        "人员",
        "提交",
        "已提交",
        "保存",
        "记下",
        "然后",
        "如果",
        "还没有",
        "没有",
        "看到",
        "问题",
        "出问题",
        "本机",
        "暂停",
        "服务",
        "暂时",
        "无法",
        "正常",
        "使用",
        "稍后",
        "再试",
        "窗口",
        "服务窗口",
        "抱歉",
        "刚才",
        "之前",
        "已经",
        "正在",
        "打印",
        "回执",
        "扫描",
        "查询",
        "评价",
        "满意",
        "不满意",
        "非常",
        "基本",
        "原因",
        "选择",
        "填写",
        "表单",
        "材料",
        "条件",
        "时限",
        "费用",
        "部门",
        "申请",
        "申领",
        "开始",
        "下一步",
        "上一步",
        "核对",
        "确认",
        "确定",
        "取消",
        "放弃",
        "完成",
        "继续",
        "输入",
        "错误",
        "姓名",
        "地址",
        "联系",
        "电话",
        "日期",
        "照片",
        "拍照",
        "上传",
        "待上传",
        "离线",
        "网络",
        "工作日",
        "承诺",
        "进度",
        "结果",
        "找不到",
        "不会",
        "其他",
        "热线",
        "办公",
        "时间",
        "感谢",
        "反馈",
        "回访",
        "需要",
        "不需要",
        "一项",
        "至少",
        "我们",
        "可以",
        "不能",
        "以下",
        "以上",
        "按钮",
        "点击",
        "屏幕",
        "终端",
        "自助",
        "今天",
        "收费",
        "标准",
        "删除",
        "清除",
        "清空",
        "业务",
        "搜索",
        "公民",
        "末位",
        "位置",
        "联网",
        "自动",
        "上报",
        "县级",
        "接收",
        "呼叫",
        "手写",
        "拼音",
        "下方",
        "重拍",
        "最多",
        "号牌",
        "工号",
        "回电",
        "谢谢",
        "稍候",
        "写明",
        "修改",
        "密码",
        "退出",
        "测试",
        "测试页",
        "感受",
        "方面",
        "页面",
        "保护",
        "随时",
        "承办",
        "决定",
        "取走",
        "扫码",
        "打不开",
        "显示",
        "信息",
        "详细",
        "门牌号",
        "社保卡",
        "二维码",
        "技术员",
        "菜单",
        "内容",
        "任意",
        "本次",
        "哪项",
        "一类",
        "摄像头",
    ]
)

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_LONGEST = 7  # characters; pypinyin's longer phrases are idioms that never split a UI text anyway


def _forward(run: str, lexicon: Container[str]) -> list[str]:
    found, start = [], 0
    while start < len(run):
        length = next(
            (n for n in range(min(_LONGEST, len(run) - start), 1, -1) if run[start : start + n] in lexicon), 1
        )
        found.append(run[start : start + length])
        start += length
    return found


def _backward(run: str, lexicon: Container[str]) -> list[str]:
    found, end = [], len(run)
    while end > 0:
        length = next((n for n in range(min(_LONGEST, end), 1, -1) if run[end - n : end] in lexicon), 1)
        found.append(run[end - length : end])
        end -= length
    return found[::-1]


def segment(run: str, lexicon: Container[str] = GLOSSARY) -> list[str]:
    """The words of a run of Han characters: longest matches forward and backward, the one with fewer words
    (then fewer single characters, then more glossary words; then backward, which errs less: 从 今天)."""
    forward, backward = _forward(run, lexicon), _backward(run, lexicon)

    def cost(found: list[str]) -> tuple[int, int, int]:
        return len(found), sum(len(word) == 1 for word in found), -sum(word in GLOSSARY for word in found)

    return forward if cost(forward) < cost(backward) else backward


def words(text: str, lexicon: Container[str] = GLOSSARY) -> Iterator[tuple[int, int]]:
    """(start, end) of every word of two or more Han characters in ``text``."""
    for run in _HAN.finditer(text):
        start = run.start()
        for word in segment(run.group(), lexicon):
            if len(word) > 1:
                yield start, start + len(word)
            start += len(word)


def strip_joiners(text: str) -> str:
    """``text`` as written, without word joiners (for speech, logs and comparisons)."""
    return text.replace(WORD_JOINER, "")


def keep_words(text: str, lexicon: Container[str] = GLOSSARY) -> str:
    """``text`` with a word joiner between the characters of each word, so no line breaks inside one."""
    plain = strip_joiners(text)
    parts: list[str] = []
    done = 0
    for start, end in words(plain, lexicon):
        parts.append(plain[done:start])
        parts.append(WORD_JOINER.join(plain[start:end]))
        done = end
    parts.append(plain[done:])
    return "".join(parts)


def splits_a_word(text: str, offset: int, lexicon: Container[str] = GLOSSARY) -> str:
    """The word that a line starting at ``offset`` of ``text`` (joiners and all) would split; "" when none."""
    plain_offset = offset - text[:offset].count(WORD_JOINER)
    plain = strip_joiners(text)
    for start, end in words(plain, lexicon):
        if start < plain_offset < end:
            return plain[start:end]
    return ""
