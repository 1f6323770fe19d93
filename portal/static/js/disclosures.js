// Buttons that fold a panel away: the main menu and the directory's filters on small screens, the main
// menu's sub-menus at every width.
// The button (`data-disclosure`, `aria-controls` = the panel's id) is hidden in the HTML and its panel
// open, so that everything works without this script. The stylesheet decides at which widths an
// `is-collapsible` panel folds; this script shows the button, keeps `aria-expanded` and the panel's
// `is-open` class in step, and lets Escape close the panel and bring the focus back to its button.
(() => {
  for (const button of document.querySelectorAll("[data-disclosure]")) {
    const panel = document.getElementById(button.getAttribute("aria-controls"));
    if (!panel) continue;
    const setOpen = (open) => {
      button.setAttribute("aria-expanded", String(open));
      panel.classList.toggle("is-open", open);
    };
    setOpen(false);
    panel.classList.add("is-collapsible");
    button.hidden = false;
    button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
    const closeOnEscape = (event) => {
      // Escape first empties a search box; it closes only where the button is shown (small screens).
      if (event.key !== "Escape" || button.getAttribute("aria-expanded") !== "true") return;
      if (event.target.type === "search" && event.target.value) return;
      if (!button.getClientRects().length) return;
      setOpen(false);
      button.focus();
      event.stopPropagation(); // one Escape closes the innermost panel only (a sub-menu in the menu)
    };
    button.addEventListener("keydown", closeOnEscape);
    panel.addEventListener("keydown", closeOnEscape);
    if (button.hasAttribute("data-disclosure-dismiss")) {
      // A sub-menu of the main menu also closes when a click or the focus goes elsewhere.
      const item = button.parentElement;
      document.addEventListener("click", (event) => {
        if (!item.contains(event.target)) setOpen(false);
      });
      item.addEventListener("focusout", (event) => {
        if (event.relatedTarget && !item.contains(event.relatedTarget)) setOpen(false);
      });
    }
  }
})();
