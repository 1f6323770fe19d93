() => {
    // Every visible control of the page that a mouse cannot reach at its centre, described.
    const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]";
    const problems = [];
    for (const element of document.querySelectorAll(selector)) {
        if (element.closest("[aria-hidden=true], [data-whf_name]") || element.tabIndex < 0) continue;
        if (!element.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
        const first = element.getBoundingClientRect();
        if (first.width < 4 || first.height < 4) continue;  // visually hidden (skip link, labels for readers)
        element.scrollIntoView({block: "center", inline: "center"});
        const largest = () => [...element.getClientRects()].sort((a, b) => b.width * b.height - a.width * a.height)[0];
        let box = largest();
        const outside = (box) => box.left + box.width / 2 < 0 || box.top + box.height / 2 < 0
            || box.left + box.width / 2 > innerWidth || box.top + box.height / 2 > innerHeight;
        if (outside(box)) {  // shown on focus only, as a skip link
            element.focus();
            box = largest();
        }
        if (outside(box)) {
            problems.push(`${element.outerHTML.slice(0, 160)} cannot be brought into view`);
            continue;
        }
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        if (document.activeElement === element) element.blur();
        if (!(element === hit || element.contains(hit) || (hit && hit.control === element))) {
            problems.push(`${element.outerHTML.slice(0, 160)} is covered by ${hit ? hit.outerHTML.slice(0, 160) : "nothing"}`);
        }
    }
    window.scrollTo(0, 0);
    return problems;
}
