// A list filter with many choices (templates/modeladmin/includes/filter.html): a box above its select keeps
// the options whose name holds every word typed, case and accents aside, and picks the first of them, so
// that Enter in the box filters the list on it. Without JavaScript the select lists every choice.
(() => {
  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  document.querySelectorAll("[data-filter-select]").forEach((form) => {
    const select = form.querySelector("[data-filter-options]");
    const search = form.querySelector("[data-filter-narrow]");
    const [all, ...options] = Array.from(select.options);
    const texts = new Map(options.map((option) => [option, fold(option.textContent)]));
    search.closest("[hidden]").hidden = false;
    search.addEventListener("input", () => {
      const words = fold(search.value).split(/\s+/).filter(Boolean);
      const kept = options.filter((option) => words.every((word) => texts.get(option).includes(word)));
      select.replaceChildren(all, ...kept);
      select.value = words.length && kept.length ? kept[0].value : "";
    });
  });
})();
