"""The service catalog: loaded catalog JSON parsed into frozen dataclasses, bad elements named by path.

The parser is strict: unknown keys, wrong types, blank texts, duplicates and dangling references are
all refused with a CatalogFormatError naming the element (e.g. `services[3].form.fields[2].type`), so a
typo in the catalog file is caught when it is loaded instead of silently changing a form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from kiosk.domain.chars import has_forbidden_control
from kiosk.domain.errors import KioskError

MAX_TEXT_LENGTH = 10_000
MAX_CODE_LENGTH = 64
MAX_PHOTOS = 20  # the most attachments one filing takes (kiosk.services.filing)
MAX_PROMISE_DAYS = 366  # the longest promised time limit a catalog may give, in days
DEFAULT_PHOTOS = 3
DEFAULT_ADDRESS_LENGTH = 100
_CODE_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
_SERVICE_CODE_PATTERN = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*")
# Values of a multiple choice are stored comma-separated, so they are plain codes.
_MULTI_CHOICE_VALUE_PATTERN = re.compile(r"[A-Za-z0-9_.-]{1,64}")


class CatalogFormatError(KioskError):
    """The catalog data is malformed; `path` names the bad element, e.g. `services[3].form.fields[2].type`."""

    def __init__(self, path: str, zh_problem: str, en_problem: str) -> None:
        where = path or "(root)"
        super().__init__(
            f"事项目录格式错误，位置 {where}：{zh_problem}",
            f"Catalog format error at {where}: {en_problem}",
        )
        self.path = path


@dataclass(frozen=True, slots=True)
class Text:
    """A text in Chinese and English."""

    zh: str
    en: str


@dataclass(frozen=True, slots=True)
class Category:
    """A group of services shown together on the home screen."""

    code: str
    name: Text


@dataclass(frozen=True, slots=True)
class Promise:
    """A service's promised time limit (承诺时限) as a count: working days (工作日) or calendar days (日)."""

    days: int
    working: bool = True


@dataclass(frozen=True, slots=True)
class Material:
    """One document the guide asks for; `field` names the photos field of the form that collects it here."""

    text: Text
    field: str | None = None


@dataclass(frozen=True, slots=True)
class Guide:
    """The 办事指南 of a service: who may apply, what to bring, how long it takes, cost, legal basis.

    ``promise`` is the time limit as a count when it is one (a receipt then gives the date); ``collection``
    says how and where the result is collected (领取方式) and ``collect_with`` what to bring then.
    """

    conditions: Text
    materials: tuple[Material, ...]
    time_limit: Text
    fee: Text
    legal_basis: Text
    promise: Promise | None = None
    collection: Text | None = None
    collect_with: Text | None = None


class FieldType(StrEnum):
    """The kinds of form field; each has its own validator."""

    NAME = "name"
    ID_NUMBER = "id_number"
    MOBILE = "mobile"
    CREDIT_CODE = "credit_code"
    DATE = "date"
    TEXT = "text"
    CHOICE = "choice"
    NUMBER = "number"
    MULTI_CHOICE = "multi_choice"
    ADDRESS = "address"
    PHOTOS = "photos"


@dataclass(frozen=True, slots=True)
class Choice:
    """One option of a choice field: the stored value and what the person sees."""

    value: str
    label: Text


@dataclass(frozen=True, slots=True)
class ShownWhen:
    """A field's condition: it is asked only while the earlier choice field `field` has the value `equals`."""

    field: str
    equals: str


@dataclass(frozen=True, slots=True)
class FormField:
    """One question of a form; `shown_when` (None: always asked) and the options after it.

    The options after `shown_when` only apply to some field types.
    """

    key: str
    type: FieldType
    label: Text
    required: bool
    hint: Text | None = None
    shown_when: ShownWhen | None = None
    max_length: int | None = None
    multiline: bool = False
    choices: tuple[Choice, ...] = ()
    min_value: int | None = None
    max_value: int | None = None
    unit: Text | None = None
    max_count: int | None = None


# Every form starts with these fields, in this order, all required.
APPLICANT_FIELDS: tuple[tuple[str, FieldType], ...] = (
    ("applicant_name", FieldType.NAME),
    ("applicant_id_number", FieldType.ID_NUMBER),
    ("applicant_phone", FieldType.MOBILE),
)


@dataclass(frozen=True, slots=True)
class FormSchema:
    """The ordered fields of a service's application form."""

    fields: tuple[FormField, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        """The field keys in display order."""
        return tuple(form_field.key for form_field in self.fields)

    def get(self, key: str) -> FormField | None:
        """The field with this key, or None."""
        return next((form_field for form_field in self.fields if form_field.key == key), None)

    def shown(self, answers: Mapping[str, object]) -> tuple[FormField, ...]:
        """The fields these answers make the form ask for, in order (a field hidden with its condition's).

        A field with `shown_when` is shown while its choice field is shown and answered with that value;
        the others are hidden: not shown, not checked, not kept (kiosk.domain.forms drops their answers).
        """
        shown: dict[str, FormField] = {}
        for form_field in self.fields:
            condition = form_field.shown_when
            if condition is None or (
                condition.field in shown and _chosen(answers.get(condition.field)) == condition.equals
            ):
                shown[form_field.key] = form_field
        return tuple(shown.values())


def _chosen(answer: object) -> str:
    return answer.strip() if isinstance(answer, str) else ""


@dataclass(frozen=True, slots=True)
class Service:
    """One 事项 a person can apply for at the terminal."""

    code: str
    version: int
    category: str
    name: Text
    department: Text
    keywords: tuple[str, ...]
    guide: Guide
    form: FormSchema


@dataclass(frozen=True, slots=True)
class Catalog:
    """The whole service catalog of a terminal."""

    version: str
    sample: bool
    notice: Text
    categories: tuple[Category, ...]
    services: tuple[Service, ...]

    def category(self, code: str) -> Category:
        """The category with this code; KioskError when there is none."""
        for category in self.categories:
            if category.code == code:
                return category
        raise KioskError("未找到该分类", "Category not found", field="category")

    def services_in(self, category_code: str) -> tuple[Service, ...]:
        """The services of one category in catalog order; KioskError for an unknown category."""
        self.category(category_code)
        return tuple(service for service in self.services if service.category == category_code)

    def service(self, code: str) -> Service:
        """The service with this code; KioskError "未找到该事项 / Service not found" when there is none."""
        for service in self.services:
            if service.code == code:
                return service
        raise KioskError("未找到该事项", "Service not found", field="service")


def parse_catalog(data: Mapping[str, object]) -> Catalog:
    """Build a Catalog from loaded JSON data; CatalogFormatError (never KeyError/TypeError) if malformed."""
    root = _mapping(data, "", required=("catalog_version", "sample", "notice", "categories", "services"))
    categories = tuple(
        _category(item, path)
        for item, path in _items(root["categories"], "categories", non_empty=True, what=("分类", "category"))
    )
    _reject_duplicates([category.code for category in categories], "categories", "code")
    category_codes = frozenset(category.code for category in categories)
    services = tuple(
        _service(item, path, category_codes=category_codes)
        for item, path in _items(root["services"], "services", non_empty=True, what=("事项", "service"))
    )
    _reject_duplicates([service.code for service in services], "services", "code")
    return Catalog(
        version=_string(root["catalog_version"], "catalog_version"),
        sample=_bool(root["sample"], "sample"),
        notice=_text(root["notice"], "notice"),
        categories=categories,
        services=services,
    )


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _mapping(
    value: object, path: str, *, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise CatalogFormatError(path, "应为对象（{…}）", "must be an object ({…})")
    for key in value:
        if not isinstance(key, str):
            raise CatalogFormatError(path, f"键 {key!r} 不是字符串", f"key {key!r} is not a string")
        if key not in required and key not in optional:
            raise CatalogFormatError(_join(path, key), "未知的键", "unknown key")
    for key in required:
        if key not in value:
            raise CatalogFormatError(_join(path, key), "缺少此项", "is missing")
    return value


def _items(value: object, path: str, *, non_empty: bool, what: tuple[str, str]) -> list[tuple[object, str]]:
    if not isinstance(value, list | tuple):
        raise CatalogFormatError(path, "应为数组（[…]）", "must be an array ([…])")
    if non_empty and not value:
        raise CatalogFormatError(path, f"至少需要一个{what[0]}", f"needs at least one {what[1]}")
    return [(item, f"{path}[{index}]") for index, item in enumerate(value)]


def _string(value: object, path: str) -> str:
    if not isinstance(value, str):
        raise CatalogFormatError(path, "应为字符串", "must be a string")
    text = value.strip()
    if not text:
        raise CatalogFormatError(path, "不能为空", "must not be blank")
    if has_forbidden_control(text, allow_newline=True):
        raise CatalogFormatError(path, "含有控制字符", "contains control characters")
    return text


def _code(value: object, path: str, pattern: re.Pattern[str], example: str) -> str:
    if not isinstance(value, str) or len(value) > MAX_CODE_LENGTH or not pattern.fullmatch(value):
        raise CatalogFormatError(path, f"应为形如 {example} 的代码", f"must be a code like {example}")
    return value


def _bool(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise CatalogFormatError(path, "应为 true 或 false", "must be true or false")
    return value


def _int(value: object, path: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise CatalogFormatError(path, "应为整数", "must be an integer")
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise CatalogFormatError(
            path, f"应在 {minimum} 至 {maximum} 之间", f"must be between {minimum} and {maximum}"
        )
    return value


def _text(value: object, path: str) -> Text:
    node = _mapping(value, path, required=("zh", "en"))
    return Text(zh=_string(node["zh"], _join(path, "zh")), en=_string(node["en"], _join(path, "en")))


def _optional_text(node: Mapping[str, object], key: str, path: str) -> Text | None:
    return _text(node[key], _join(path, key)) if key in node else None


def _reject_duplicates(values: Sequence[str], path: str, key: str) -> None:
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            raise CatalogFormatError(f"{path}[{index}].{key}", f"重复的“{value}”", f"duplicate “{value}”")
        seen.add(value)


def _category(value: object, path: str) -> Category:
    node = _mapping(value, path, required=("code", "name"))
    return Category(
        code=_code(node["code"], _join(path, "code"), _CODE_PATTERN, "social_security"),
        name=_text(node["name"], _join(path, "name")),
    )


def _service(value: object, path: str, *, category_codes: frozenset[str]) -> Service:
    node = _mapping(
        value,
        path,
        required=("code", "version", "category", "name", "department", "keywords", "guide", "form"),
    )
    category = _code(node["category"], _join(path, "category"), _CODE_PATTERN, "social_security")
    if category not in category_codes:
        raise CatalogFormatError(
            _join(path, "category"), f"未定义的分类“{category}”", f"unknown category “{category}”"
        )
    guide = _guide(node["guide"], _join(path, "guide"))
    form = _form(node["form"], _join(path, "form"))
    _check_materials(guide, form, path)
    return Service(
        code=_code(node["code"], _join(path, "code"), _SERVICE_CODE_PATTERN, "SS-001"),
        version=_int(node["version"], _join(path, "version"), minimum=1),
        category=category,
        name=_text(node["name"], _join(path, "name")),
        department=_text(node["department"], _join(path, "department")),
        keywords=tuple(
            _string(item, item_path)
            for item, item_path in _items(
                node["keywords"], _join(path, "keywords"), non_empty=False, what=("关键词", "keyword")
            )
        ),
        guide=guide,
        form=form,
    )


def _promise(value: object, path: str) -> Promise:
    node = _mapping(value, path, required=(), optional=("working_days", "calendar_days"))
    if len(node) != 1:
        raise CatalogFormatError(
            path,
            "应且只应有 working_days 或 calendar_days 之一",
            "needs exactly one of working_days, calendar_days",
        )
    ((key, days),) = node.items()
    return Promise(
        days=_int(days, _join(path, key), minimum=0, maximum=MAX_PROMISE_DAYS), working=key == "working_days"
    )


def _guide(value: object, path: str) -> Guide:
    node = _mapping(
        value,
        path,
        required=("conditions", "materials", "time_limit", "fee", "legal_basis"),
        optional=("promise", "collection", "collect_with"),
    )
    return Guide(
        conditions=_text(node["conditions"], _join(path, "conditions")),
        materials=tuple(
            _material(item, item_path)
            for item, item_path in _items(
                node["materials"], _join(path, "materials"), non_empty=False, what=("材料", "material")
            )
        ),
        time_limit=_text(node["time_limit"], _join(path, "time_limit")),
        fee=_text(node["fee"], _join(path, "fee")),
        legal_basis=_text(node["legal_basis"], _join(path, "legal_basis")),
        promise=_promise(node["promise"], _join(path, "promise")) if "promise" in node else None,
        collection=_optional_text(node, "collection", path),
        collect_with=_optional_text(node, "collect_with", path),
    )


def _material(value: object, path: str) -> Material:
    node = _mapping(value, path, required=("zh", "en"), optional=("field",))
    field = (
        _code(node["field"], _join(path, "field"), _CODE_PATTERN, "id_card_front_photos")
        if "field" in node
        else None
    )
    return Material(
        text=Text(zh=_string(node["zh"], _join(path, "zh")), en=_string(node["en"], _join(path, "en"))),
        field=field,
    )


def _check_materials(guide: Guide, form: FormSchema, path: str) -> None:
    """Every material naming a field names a photos field of the form, and no two name the same one."""
    named: set[str] = set()
    for index, material in enumerate(guide.materials):
        if material.field is None:
            continue
        where = f"{path}.guide.materials[{index}].field"
        form_field = form.get(material.field)
        if form_field is None or form_field.type is not FieldType.PHOTOS:
            raise CatalogFormatError(
                where,
                f"表单中没有名为“{material.field}”的照片（photos）字段",
                f"the form has no photos field “{material.field}”",
            )
        if material.field in named:
            raise CatalogFormatError(
                where,
                f"“{material.field}”已由另一项材料使用",
                f"“{material.field}” is named by another material",
            )
        named.add(material.field)


def _form(value: object, path: str) -> FormSchema:
    node = _mapping(value, path, required=("fields",))
    fields_path = _join(path, "fields")
    fields = tuple(
        _form_field(item, item_path)
        for item, item_path in _items(node["fields"], fields_path, non_empty=True, what=("字段", "field"))
    )
    _reject_duplicates([form_field.key for form_field in fields], fields_path, "key")
    for index, (key, field_type) in enumerate(APPLICANT_FIELDS):
        field_path = f"{fields_path}[{index}]"
        if index >= len(fields) or fields[index].key != key:
            raise CatalogFormatError(
                f"{field_path}.key",
                f"表单前三项必须依次为 applicant_name、applicant_id_number、applicant_phone，此处应为 {key}",
                "every form must start with applicant_name, applicant_id_number, applicant_phone; "
                f"expected {key} here",
            )
        if fields[index].type is not field_type:
            raise CatalogFormatError(
                f"{field_path}.type", f"{key} 的类型必须是 {field_type}", f"{key} must have type {field_type}"
            )
        if not fields[index].required:
            raise CatalogFormatError(
                f"{field_path}.required", f"{key} 必须为必填项", f"{key} must be required"
            )
        if fields[index].shown_when is not None:
            raise CatalogFormatError(
                f"{field_path}.shown_when", f"{key} 必须始终显示", f"{key} must always be shown"
            )
    for index, form_field in enumerate(fields):
        if form_field.shown_when is not None:
            _check_condition(form_field.shown_when, fields[:index], f"{fields_path}[{index}].shown_when")
    return FormSchema(fields=fields)


def _check_condition(condition: ShownWhen, earlier: tuple[FormField, ...], path: str) -> None:
    """A condition names an earlier choice field of the same form and one of its values."""
    target = next((form_field for form_field in earlier if form_field.key == condition.field), None)
    if target is None:
        raise CatalogFormatError(
            _join(path, "field"),
            f"应为本字段之前的一个字段，表单中此前没有“{condition.field}”",
            f"must name a field before this one; there is no earlier “{condition.field}”",
        )
    if target.type is not FieldType.CHOICE:
        raise CatalogFormatError(
            _join(path, "field"),
            f"“{condition.field}”不是单选（choice）字段",
            f"“{condition.field}” is not a choice field",
        )
    values = [choice.value for choice in target.choices]
    if condition.equals not in values:
        known = ", ".join(values)
        raise CatalogFormatError(
            _join(path, "equals"),
            f"“{condition.equals}”不是“{condition.field}”的选项（可选：{known}）",
            f"“{condition.equals}” is not a choice of “{condition.field}” (choices: {known})",
        )


def _shown_when(value: object, path: str) -> ShownWhen:
    node = _mapping(value, path, required=("field", "equals"))
    return ShownWhen(
        field=_code(node["field"], _join(path, "field"), _CODE_PATTERN, "pickup_method"),
        equals=_string(node["equals"], _join(path, "equals")),
    )


_COMMON_FIELD_KEYS = ("key", "type", "label", "required")
_COMMON_FIELD_OPTIONS = ("shown_when",)
_REQUIRED_FIELD_OPTIONS: dict[FieldType, tuple[str, ...]] = {
    FieldType.TEXT: ("max_length",),
    FieldType.CHOICE: ("choices",),
    FieldType.MULTI_CHOICE: ("choices",),
    FieldType.NUMBER: ("min", "max"),
}
_OPTIONAL_FIELD_OPTIONS: dict[FieldType, tuple[str, ...]] = {
    FieldType.TEXT: ("hint", "multiline"),
    FieldType.NUMBER: ("hint", "unit"),
    FieldType.ADDRESS: ("hint", "max_length"),
    FieldType.PHOTOS: ("hint", "max_count"),
}
_ANY_FIELD_OPTION = (
    "shown_when",
    "hint",
    "max_length",
    "multiline",
    "choices",
    "min",
    "max",
    "unit",
    "max_count",
)


def _form_field(value: object, path: str) -> FormField:
    node = _mapping(value, path, required=_COMMON_FIELD_KEYS, optional=_ANY_FIELD_OPTION)
    field_type = _field_type(node["type"], _join(path, "type"))
    required_options = _REQUIRED_FIELD_OPTIONS.get(field_type, ())
    allowed = (
        _COMMON_FIELD_KEYS
        + _COMMON_FIELD_OPTIONS
        + required_options
        + _OPTIONAL_FIELD_OPTIONS.get(field_type, ("hint",))
    )
    for key in node:
        if key not in allowed:
            raise CatalogFormatError(
                _join(path, key), f"{field_type} 类型的字段不使用此项", f"is not used by {field_type} fields"
            )
    for key in required_options:
        if key not in node:
            raise CatalogFormatError(_join(path, key), f"{field_type} 类型的字段需要此项", "is missing")
    base = FormField(
        key=_code(node["key"], _join(path, "key"), _CODE_PATTERN, "applicant_name"),
        type=field_type,
        label=_text(node["label"], _join(path, "label")),
        required=_bool(node["required"], _join(path, "required")),
        hint=_optional_text(node, "hint", path),
        shown_when=_shown_when(node["shown_when"], _join(path, "shown_when"))
        if "shown_when" in node
        else None,
    )
    with_options = _TYPE_OPTIONS.get(field_type)
    return with_options(base, node, path) if with_options else base


def _text_options(base: FormField, node: Mapping[str, object], path: str) -> FormField:
    length = _int(node["max_length"], _join(path, "max_length"), minimum=1, maximum=MAX_TEXT_LENGTH)
    multiline = _bool(node["multiline"], _join(path, "multiline")) if "multiline" in node else False
    return replace(base, max_length=length, multiline=multiline)


def _choice_options(base: FormField, node: Mapping[str, object], path: str) -> FormField:
    multiple = base.type is FieldType.MULTI_CHOICE
    return replace(base, choices=_choices(node["choices"], _join(path, "choices"), multiple=multiple))


def _number_options(base: FormField, node: Mapping[str, object], path: str) -> FormField:
    minimum = _int(node["min"], _join(path, "min"))
    maximum = _int(node["max"], _join(path, "max"))
    if minimum > maximum:
        raise CatalogFormatError(_join(path, "max"), "不能小于 min", "must not be less than min")
    return replace(base, min_value=minimum, max_value=maximum, unit=_optional_text(node, "unit", path))


def _address_options(base: FormField, node: Mapping[str, object], path: str) -> FormField:
    length = node.get("max_length", DEFAULT_ADDRESS_LENGTH)
    return replace(
        base, max_length=_int(length, _join(path, "max_length"), minimum=1, maximum=MAX_TEXT_LENGTH)
    )


def _photos_options(base: FormField, node: Mapping[str, object], path: str) -> FormField:
    count = node.get("max_count", DEFAULT_PHOTOS)
    return replace(base, max_count=_int(count, _join(path, "max_count"), minimum=1, maximum=MAX_PHOTOS))


# The options each field type takes beyond the common ones, parsed into the field.
_TYPE_OPTIONS: dict[FieldType, Callable[[FormField, Mapping[str, object], str], FormField]] = {
    FieldType.TEXT: _text_options,
    FieldType.CHOICE: _choice_options,
    FieldType.MULTI_CHOICE: _choice_options,
    FieldType.NUMBER: _number_options,
    FieldType.ADDRESS: _address_options,
    FieldType.PHOTOS: _photos_options,
}


def _field_type(value: object, path: str) -> FieldType:
    for field_type in FieldType:
        if value == field_type.value and isinstance(value, str):
            return field_type
    known = ", ".join(FieldType)
    raise CatalogFormatError(
        path, f"未知的字段类型 {value!r}（可用：{known}）", f"unknown field type {value!r} (known: {known})"
    )


def _choices(value: object, path: str, *, multiple: bool = False) -> tuple[Choice, ...]:
    choices: list[Choice] = []
    for item, item_path in _items(value, path, non_empty=True, what=("选项", "choice")):
        node = _mapping(item, item_path, required=("value", "label"))
        value_path = _join(item_path, "value")
        choice_value = (
            _code(node["value"], value_path, _MULTI_CHOICE_VALUE_PATTERN, "grain")
            if multiple
            else _string(node["value"], value_path)
        )
        choices.append(Choice(value=choice_value, label=_text(node["label"], _join(item_path, "label"))))
    _reject_duplicates([choice.value for choice in choices], path, "value")
    return tuple(choices)
