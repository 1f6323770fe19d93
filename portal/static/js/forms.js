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
