// Buttons that fold a panel away on small screens: the main menu, the directory's filters.
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
    };
    button.addEventListener("keydown", closeOnEscape);
    panel.addEventListener("keydown", closeOnEscape);
  }
})();
