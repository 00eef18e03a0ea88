"""What can go wrong talking to the county server, as a small tree of bilingual exceptions.

Every outcome of a request that is not the expected answer becomes exactly one of these::

    SyncError                      zh/en message for the technician, `detail` (English, no PII) for the log
    ├── TransientError             try again later with backoff; nothing was lost
    │   ├── RetryableError         connection refused/reset, timeout, truncated or unreadable answer, HTTP 5xx
    │   │   └── RetryAfterError    HTTP 429/503 with Retry-After: wait at least `retry_after_s`
    │   ├── BadAnswerError         an answer that does not validate against the protocol models
    │   └── RequestRefusedError    any other HTTP status (3xx, 4xx) the protocol does not give a meaning
    └── HaltError                  stop syncing until a technician acts; records stay queued
        ├── ReenrolmentNeededError HTTP 401/403 other than stale_timestamp (`error` says which)
        └── UpdateNeededError      HTTP 426: the server no longer speaks this kiosk's protocol

A 401 `stale_timestamp` never escapes as such: the transport corrects its clock and retries once.
"""

from __future__ import annotations

from sync.protocol import ERROR_DEVICE_REVOKED, PROTOCOL_UNSUPPORTED_EN, PROTOCOL_UNSUPPORTED_ZH

ERROR_KEY_MISSING = "device_key_missing"  # found on the kiosk: the key file is gone or unusable


class SyncError(Exception):
    """A sync request did not get the answer it needed; `zh`/`en` for people, `detail` for the log."""

    zh: str = "与县级服务器同步失败"
    en: str = "Sync with the county server failed"

    def __init__(self, detail: str = "", *, zh: str | None = None, en: str | None = None) -> None:
        self.detail = detail
        if zh is not None:
            self.zh = zh
        if en is not None:
            self.en = en
        super().__init__(f"{self.en}: {detail}" if detail else self.en)


class TransientError(SyncError):
    """Try again later (with backoff); everything queued stays queued."""


class RetryableError(TransientError):
    """The server could not be reached or did not answer completely (network, timeout, 5xx)."""

    zh = "暂时无法连接县级服务器，记录已安全保存，稍后自动重试"
    en = "The county server cannot be reached right now; records are kept and sent later"


class RetryAfterError(RetryableError):
    """The server is busy and said how long to wait (429/503 with Retry-After seconds)."""

    def __init__(self, detail: str = "", *, retry_after_s: float) -> None:
        self.retry_after_s = retry_after_s
        super().__init__(
            detail,
            zh=f"县级服务器繁忙，{retry_after_s:g} 秒后自动重试",
            en=f"The county server is busy; retrying in {retry_after_s:g} s",
        )


class BadAnswerError(TransientError):
    """The server answered something the protocol models do not allow; it is never trusted."""

    zh = "县级服务器的应答不符合协议，记录已保留，稍后重试"
    en = "The county server's answer does not match the protocol; records are kept and retried later"


class RequestRefusedError(TransientError):
    """The server refused the request with a status the protocol gives no meaning (kept, retried later)."""

    def __init__(self, detail: str = "", *, status: int, error: str | None = None) -> None:
        self.status = status
        self.error = error
        super().__init__(
            detail,
            zh=f"县级服务器拒绝了请求（HTTP {status}），记录已保留，稍后重试",
            en=f"The county server refused the request (HTTP {status}); records are kept and retried later",
        )


class HaltError(SyncError):
    """Syncing must stop until a technician acts; queued records stay queued."""


class ReenrolmentNeededError(HaltError):
    """The server no longer accepts this kiosk's signature (401/403 other than stale_timestamp)."""

    def __init__(self, detail: str = "", *, error: str) -> None:
        self.error = error
        if error == ERROR_KEY_MISSING:
            zh = "本终端的密钥文件丢失或损坏，需要技术员重新注册（kiosk-admin enrol）；未发送的记录已保留"
            en = "This kiosk's key file is missing or damaged; a technician must enrol it again (kiosk-admin enrol); unsent records are kept"
        elif error == ERROR_DEVICE_REVOKED:
            zh = "本终端已被县级中心停用，需要技术员重新注册（kiosk-admin enrol）；未发送的记录已保留"
            en = "The county revoked this kiosk; a technician must enrol it again (kiosk-admin enrol); unsent records are kept"
        else:
            zh = f"县级服务器不再接受本终端的签名（{error}），需要技术员重新注册（kiosk-admin enrol）；未发送的记录已保留"
            en = f"The county server no longer accepts this kiosk's signature ({error}); a technician must enrol it again (kiosk-admin enrol); unsent records are kept"
        super().__init__(detail, zh=zh, en=en)


class UpdateNeededError(HaltError):
    """HTTP 426: the server does not speak this kiosk's protocol version."""

    zh = PROTOCOL_UNSUPPORTED_ZH
    en = PROTOCOL_UNSUPPORTED_EN
