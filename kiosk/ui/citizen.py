"""The citizen-session helpers QML binds to beside the view-model: clock, search, idle wipe, speech, help, rating."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QWindow

from kiosk.services.runtime import KioskRuntime
from kiosk.ui.catalog_search_model import CatalogSearch
from kiosk.ui.consent_model import ConsentModel
from kiosk.ui.help_call import HelpCall
from kiosk.ui.home_status import HomeStatus
from kiosk.ui.idle import IdleWatch
from kiosk.ui.operations import Operations
from kiosk.ui.rating_model import RatingModel
from kiosk.ui.speaker import Speaker
from kiosk.ui.technician_model import TechnicianModel
from kiosk.ui.viewmodel import KioskViewModel
from kiosk.ui.village_helper_model import VillageHelperModel

if TYPE_CHECKING:
    from kiosk.services.printer import PrinterBackend


@dataclass
class CitizenHelpers:
    """The objects Main.qml receives as `home`, `search`, `idle`, `speaker`, `help`, `rating`, `technician` and
    `villageHelper` and `consent`."""

    home: HomeStatus
    search: CatalogSearch
    idle: IdleWatch
    speaker: Speaker
    help: HelpCall
    rating: RatingModel
    technician: TechnicianModel
    village_helper: VillageHelperModel
    consent: ConsentModel
    _window: QWindow | None = None

    def qml_properties(self) -> dict[str, QObject]:
        """Initial properties of Main.qml."""
        return {
            "home": self.home,
            "search": self.search,
            "idle": self.idle,
            "speaker": self.speaker,
            "help": self.help,
            "rating": self.rating,
            "technician": self.technician,
            "villageHelper": self.village_helper,
            "consent": self.consent,
        }

    def watch(self, window: QWindow) -> None:
        """Count the window's touches and keys as activity (on the window, not the whole application: a
        Python filter there would see every event of every object, and slowed the start by a third)."""
        self._window = window
        window.installEventFilter(self.idle)

    def close(self) -> None:
        """Stop watching the window's events."""
        if self._window is not None:
            self._window.removeEventFilter(self.idle)
            self._window = None


def start_citizen_helpers(
    kiosk: KioskRuntime,
    viewmodel: KioskViewModel,
    operations: Operations,
    *,
    printer: PrinterBackend,
    parent: QObject,
) -> CitizenHelpers:
    """Create the helpers and follow the view-model's language and elder mode (``watch`` starts the idle watch)."""
    language = viewmodel.current_language
    village_helper = VillageHelperModel(kiosk, operations, language=language, printer=printer, parent=parent)
    helpers = CitizenHelpers(
        home=HomeStatus(kiosk, operations, language=language, parent=parent),
        search=CatalogSearch(kiosk, operations, language=language, parent=parent),
        idle=IdleWatch(
            timeout_s=kiosk.settings.idle_timeout_s,
            warning_s=kiosk.settings.idle_warning_s,
            elder=lambda: bool(viewmodel.property("elderMode")),
            session_started=lambda: (
                viewmodel.session_started() or helpers.technician.shown or helpers.village_helper.shown
            ),
            held=lambda: helpers.village_helper.signed_in,
            parent=parent,
        ),
        speaker=Speaker(parent),
        help=HelpCall(kiosk, operations, language=language, parent=parent),
        rating=RatingModel(kiosk, operations, language=language, parent=parent),
        technician=TechnicianModel(kiosk, operations, language=language, printer=printer, parent=parent),
        village_helper=village_helper,
        consent=ConsentModel(
            kiosk,
            operations,
            language=language,
            viewmodel=viewmodel,
            helper=village_helper.current_helper,
            parent=parent,
        ),
    )

    def on_language() -> None:
        helpers.home.language_changed()
        helpers.search.language_changed()
        helpers.help.language_changed()
        helpers.rating.language_changed()
        helpers.technician.language_changed()
        helpers.village_helper.language_changed()
        helpers.consent.language_changed()
        helpers.speaker.set_language(language())

    def wipe() -> None:
        viewmodel.wipeSession()
        helpers.search.clear()
        helpers.help.dismiss()
        helpers.rating.clear()
        helpers.technician.dismiss()
        helpers.consent.clear()

    def on_expired() -> None:
        wipe()
        helpers.village_helper.dismiss()

    viewmodel.languageChanged.connect(on_language)
    viewmodel.elderModeChanged.connect(
        lambda: helpers.speaker.set_enabled(bool(viewmodel.property("elderMode")))
    )
    viewmodel.elderModeChanged.connect(helpers.idle.restart)
    helpers.idle.expired.connect(on_expired)
    helpers.idle.activity.connect(helpers.village_helper.touched)
    helpers.village_helper.sessionEnded.connect(wipe)  # the helper's work goes as a citizen's does
    return helpers
