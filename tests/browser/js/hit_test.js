(element) => {
    // The problem with clicking `element` at its centre, or an empty string: the element a mouse would reach there.
    element.scrollIntoView({block: "center", inline: "center"});
    // A link wrapped over two lines is two boxes: aim at the middle of the largest.
    const box = [...element.getClientRects()].sort((a, b) => b.width * b.height - a.width * a.height)[0];
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    const describe = (node) => node ? node.outerHTML.slice(0, 160) : "nothing";
    return element === hit || element.contains(hit) || (hit && hit.control === element)
        ? "" : `${describe(element)} is covered by ${describe(hit)}`;
}
