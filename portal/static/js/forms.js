// Forms a person can fix: the error summary takes the focus when the page opens, and each of its links
// puts the cursor in the field it names, with the field's label in view.
(() => {
  const summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  summary.focus();
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    const input = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!input) return;
    event.preventDefault();
    const group = input.closest("fieldset");
    const label = document.querySelector(`label[for="${CSS.escape(input.id)}"]`);
    ((group && group.querySelector("legend")) || label || input).scrollIntoView({ block: "start" });
    input.focus({ preventScroll: true });
  });
})();

// A long list of themes to tick (portal/taxonomy/forms.py): a box above it narrows the list as one types,
// case and accents aside; ticked themes always stay in view. Without JavaScript the whole list shows.
(() => {
  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  document.querySelectorAll("[data-theme-choices]").forEach((box, number) => {
    const options = Array.from(box.querySelectorAll("input[type='checkbox']")).map((input) => ({
      input,
      row: input.closest("div"),
      text: fold(input.closest("label")?.textContent || ""),
    }));
    if (options.length < 10) return;
    const id = `theme-filter-${number}`;
    const field = document.createElement("div");
    field.className = "theme-filter";
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = box.dataset.filterLabel;
    const search = document.createElement("input");
    search.type = "search";
    search.id = id;
    search.autocomplete = "off";
    const empty = document.createElement("p");
    empty.className = "help";
    empty.setAttribute("role", "status");
    field.append(label, search, empty);
    box.before(field);
    search.addEventListener("input", () => {
      const words = fold(search.value).split(/\s+/).filter(Boolean);
      let shown = 0;
      options.forEach(({ input, row, text }) => {
        const visible = input.checked || words.every((word) => text.includes(word));
        row.hidden = !visible;
        shown += visible;
      });
      empty.textContent = shown ? "" : box.dataset.noMatch;
    });
    // Enter in the box narrows the list; it must not send the form.
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault();
    });
  });
})();
