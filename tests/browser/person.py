"""A person in front of the portal: they look at a page, move the mouse to what they see and click it,
type into the fields they find by their labels, and pause as people do.

Every click first checks that the element under the pointer at the control's centre is the control
itself (or inside it): a control covered by another element fails here, as it fails for a mouse.
Every public page a person arrives on is checked with axe-core (serious and critical violations fail).
"""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).parent
AXE = HERE / "vendor" / "axe.min.js"
HIT_TEST = (HERE / "js" / "hit_test.js").read_text()
ALL_CONTROLS_HIT_TEST = (HERE / "js" / "uncovered_controls.js").read_text()
CHECKED = set()  # (width, path) already checked by axe in this session


class Person:
    def __init__(self, page, site_url, device):
        self.page = page
        self.site_url = site_url
        self.device = device

    # --- Looking ------------------------------------------------------------------------------------
    @property
    def path(self):
        return urlsplit(self.page.url).path

    def go(self, path):
        """Type an address (or follow one from an email)."""
        self.page.goto(path if path.startswith("http") else self.site_url + path)
        self.arrive()

    def arrive(self):
        self.page.wait_for_load_state("load")
        if not self.path.startswith("/admin/"):
            self.check_fits_the_screen()
            self.check_accessibility()

    def pause(self, seconds=0.3):
        self.page.wait_for_timeout(seconds * 1000)

    def sees(self, text):
        return self.page.get_by_text(text, exact=False).first.is_visible()

    # --- Acting -------------------------------------------------------------------------------------
    def click(self, target, navigates=True):
        """Move the mouse to a visible control and click it (a link or button found by its role and name,
        or a Playwright locator)."""
        locator = self.locate(target)
        locator.scroll_into_view_if_needed()
        problem = locator.evaluate(HIT_TEST)
        assert not problem, f"At {self.device} width, a click would not reach the control: {problem}"
        self.pause(0.2)
        if navigates:
            with self.page.expect_navigation():
                locator.click()
            self.arrive()
        else:
            locator.click()

    def type(self, label, text, exact=False):
        """Click into the field with this label and type, key by key."""
        field = self.page.get_by_label(label, exact=exact)
        self.pause(0.4)  # finding the field, reading its label
        field.click()
        field.fill("")
        field.press_sequentially(text, delay=25)
        self.pause(0.1)

    def choose(self, label, option):
        self.page.get_by_label(label).select_option(label=option)
        self.pause(0.1)

    def tick(self, label):
        box = self.page.get_by_label(label)
        box.scroll_into_view_if_needed()
        box.click()
        assert box.is_checked()

    def locate(self, target):
        if isinstance(target, str):
            return self.page.get_by_role("link", name=target).or_(self.page.get_by_role("button", name=target)).first
        return target

    # --- Checking -------------------------------------------------------------------------------------
    def check_fits_the_screen(self):
        """A public page never makes the person scroll sideways."""
        width, content = self.page.evaluate("[innerWidth, document.documentElement.scrollWidth]")
        assert content <= width, f"{self.path} is {content} px wide on a {width} px {self.device} screen"

    def check_accessibility(self):
        """axe-core on a public page, once per page and width: no serious or critical violation."""
        path = self.path
        key = (self.device, re.sub(r"/[\w:-]{20,}/", "/<token>/", path))
        if key in CHECKED:
            return
        CHECKED.add(key)
        # Evaluated rather than added as a <script>: the site's Content-Security-Policy refuses inline scripts.
        self.page.evaluate(AXE.read_text(encoding="utf-8"))
        result = self.page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [
            {"rule": violation["id"], "impact": violation["impact"], "help": violation["help"],
             "where": [node["target"] for node in violation["nodes"]][:5]}
            for violation in result["violations"] if violation["impact"] in ("serious", "critical")
        ]  # fmt: skip
        assert not serious, f"axe on {path} at {self.device} width:\n{json.dumps(serious, indent=2)}"

    def uncovered_controls(self):
        """The visible controls of the page that a mouse could not reach."""
        return self.page.evaluate(ALL_CONTROLS_HIT_TEST)

    def screenshot(self, name):
        path = Path("test-results") / f"{name}-{self.device}.png"
        path.parent.mkdir(exist_ok=True)
        self.page.screenshot(path=str(path), full_page=True)
        return path
