"""Catalog search per keystroke over a synthetic catalog of 2,338 services (budget: p99 5 ms).

The synthetic catalog grows the sample catalog's vocabulary (qualifiers + subjects + actions, polyphonic
characters included) with a fixed seed. Typing is simulated keystroke by keystroke, as on the kiosk:
every prefix of a target's pinyin initials, of its full pinyin and of its 汉字 name, each timed.
"""

from __future__ import annotations

import dataclasses
import gc
import random
import time
from typing import Any

from pypinyin import Style, lazy_pinyin

from benchmarks.stats import summarise, time_calls
from kiosk.domain.catalog import Catalog, Text
from kiosk.domain.search import SearchIndex
from kiosk.resources import SAMPLE_CATALOG
from kiosk.services import catalog_search
from kiosk.services.runtime import read_catalog_file

SERVICE_COUNT = 2338
TARGET_COUNT = 150
SEED = 2338
BUDGET_P99_MS = 5.0

QUALIFIERS = (
    ("城乡居民", "urban and rural residents"),
    ("农村", "rural"),
    ("城镇职工", "urban employees"),
    ("困难家庭", "families in hardship"),
    ("老年人", "older people"),
    ("残疾人", "disabled people"),
    ("退役军人", "veterans"),
    ("个体工商户", "sole proprietors"),
    ("外来务工人员", "migrant workers"),
    ("灵活就业人员", "flexibly employed people"),
    ("低保对象", "minimum allowance recipients"),
    ("重点优抚对象", "entitled groups"),
    ("留守儿童", "left-behind children"),
    ("长期护理对象", "long-term care recipients"),
    ("重庆籍来访人员", "visitors registered in Chongqing"),
    ("银行代发对象", "bank-paid recipients"),
)
SUBJECTS = (
    ("基本养老保险", "basic pension insurance"),
    ("基本医疗保险", "basic medical insurance"),
    ("失业保险金", "unemployment benefit"),
    ("工伤保险待遇", "work injury benefits"),
    ("生育津贴", "maternity allowance"),
    ("社会保障卡", "social security card"),
    ("住房公积金", "housing provident fund"),
    ("居住证", "residence permit"),
    ("户口迁移", "household registration transfer"),
    ("营业执照", "business licence"),
    ("宅基地使用权", "homestead use rights"),
    ("残疾人证", "disability certificate"),
    ("高龄津贴", "old-age allowance"),
    ("就业创业证", "employment certificate"),
    ("临时救助", "temporary assistance"),
    ("长期护理保险", "long-term care insurance"),
    ("银行账户变更", "bank account change"),
    ("行政许可", "administrative permit"),
    ("农机购置补贴", "farm machinery subsidy"),
    ("耕地地力保护补贴", "farmland protection subsidy"),
)
ACTIONS = (
    ("申请", "application for"),
    ("登记", "registration of"),
    ("申领", "claim for"),
    ("变更", "change of"),
    ("注销", "cancellation of"),
    ("补领", "replacement of"),
    ("查询", "enquiry about"),
    ("备案", "filing of"),
    ("认定", "recognition of"),
    ("缴费", "payment for"),
    ("转移接续", "transfer of"),
    ("待遇领取", "drawing of"),
)


def synthetic_catalog(sample: Catalog, *, size: int = SERVICE_COUNT, seed: int = SEED) -> Catalog:
    """The sample catalog's services plus generated variations, all with distinct names, deterministic."""
    rng = random.Random(seed)
    services = list(sample.services)
    names = {service.name.zh for service in services}
    sample_subjects = tuple(
        (_without_action(service.name.zh), service.name.en.lower()) for service in services
    )
    while len(services) < size:
        base = rng.choice(sample.services)
        qualifier_zh, qualifier_en = rng.choice(QUALIFIERS)
        subject_zh, subject_en = rng.choice(SUBJECTS + sample_subjects)
        action_zh, action_en = rng.choice(ACTIONS)
        name = Text(f"{qualifier_zh}{subject_zh}{action_zh}", f"{action_en} {subject_en} for {qualifier_en}")
        if name.zh in names:
            continue
        names.add(name.zh)
        keywords = (*rng.sample(base.keywords, k=min(2, len(base.keywords))), subject_zh[:4])
        services.append(
            dataclasses.replace(
                base, code=f"SYN-{len(services):04d}", name=name, keywords=tuple(dict.fromkeys(keywords))
            )
        )
    return dataclasses.replace(sample, version="synthetic-1", services=tuple(services))


def _without_action(name: str) -> str:
    """A sample name without its trailing action (申请, 登记, …), to reuse as a subject."""
    for action_zh, _ in ACTIONS:
        if name.endswith(action_zh) and len(name) > len(action_zh) + 1:
            return name[: -len(action_zh)]
    return name


def spellings(name: str) -> dict[str, str]:
    """What a citizen types for a name: pinyin initials, full pinyin (pypinyin, in context), the 汉字."""
    return {
        "initials": _letters(lazy_pinyin(name, style=Style.FIRST_LETTER)),
        "pinyin": _letters(lazy_pinyin(name)),
        "hanzi": "".join(char for char in name if char.isalnum()),
    }


def _letters(syllables: list[str]) -> str:
    """The syllables as typed: punctuation that pypinyin passes through is not typed."""
    return "".join(syllable for syllable in syllables if syllable.isascii() and syllable.isalnum())


def type_out(index: SearchIndex, text: str, code: str) -> tuple[list[float], bool]:
    """Time a search for every prefix of `text`, keystroke by keystroke; True when `code` ends in the top 5."""
    samples: list[float] = []
    for end in range(1, len(text) + 1):
        prefix = text[:end]
        samples.extend(time_calls(lambda prefix=prefix: index.search(prefix), repeat=1, warmup=0))
    return samples, code in [hit.code for hit in index.search(text, limit=5)]


def run(*, targets: int = TARGET_COUNT) -> dict[str, Any]:
    """Build the index (timed, pypinyin caches cold), then type out the names of `targets` services."""
    sample, _ = read_catalog_file(SAMPLE_CATALOG)
    catalog = synthetic_catalog(sample)
    index, build = _timed_build(catalog)
    gc.collect()  # start typing without the garbage of building
    chosen = random.Random(SEED).sample(catalog.services, k=targets)
    per_way: dict[str, list[float]] = {"initials": [], "pinyin": [], "hanzi": []}
    found: dict[str, int] = dict.fromkeys(per_way, 0)
    for service in chosen:
        for way, text in spellings(service.name.zh).items():
            samples, in_top5 = type_out(index, text, service.code)
            per_way[way].extend(samples)
            found[way] += in_top5
    every_keystroke = [sample for samples in per_way.values() for sample in samples]
    overall = summarise(every_keystroke)
    return {
        "services": len(catalog.services),
        **build,
        "per_keystroke": overall,
        "per_keystroke_worst_ms": round(max(every_keystroke), 3),
        "per_keystroke_by_way": {way: summarise(samples) for way, samples in per_way.items()},
        "found_in_top5_share": {way: round(count / targets, 3) for way, count in found.items()},
        "targets": targets,
        "budget": {"per_keystroke_p99_ms": BUDGET_P99_MS},
        "within_budget": overall["p99_ms"] <= BUDGET_P99_MS,
    }


def _timed_build(catalog: Catalog) -> tuple[SearchIndex, dict[str, float]]:
    """`build_search_index` in its two steps, timed: pypinyin readings (cold caches), then the index."""
    catalog_search.search_text.cache_clear()
    catalog_search._character_readings.cache_clear()
    started = time.perf_counter()
    entries = [catalog_search.search_entry(service) for service in catalog.services]
    read = time.perf_counter()
    index = SearchIndex.build(entries)
    built = time.perf_counter()
    return index, {
        "build_ms": round((built - started) * 1000, 1),
        "build_readings_ms": round((read - started) * 1000, 1),
        "build_index_ms": round((built - read) * 1000, 1),
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2, ensure_ascii=False))
