(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  var shown = document.getElementById("shown");
  var current = -1;

  function apply() {
    var on = { status: {}, kind: {} };
    boxes.forEach(function (b) { if (b.checked) { on[b.getAttribute("data-filter")][b.value] = true; } });
    var n = 0;
    items.forEach(function (it) {
      var visible = on.status[it.getAttribute("data-status")] === true && on.kind[it.getAttribute("data-kind")] === true;
      it.hidden = !visible;
      if (visible) { n += 1; }
    });
    if (shown) { shown.textContent = String(n); }
    if (current >= 0 && items[current].hidden) { select(-1); }
  }

  function select(k) {
    if (current >= 0) { items[current].classList.remove("current"); }
    current = k;
    if (k < 0) { return; }
    var it = items[k];
    it.classList.add("current");
    it.focus({ preventScroll: true });
    it.scrollIntoView({ block: "start" });
    if (history.replaceState) { history.replaceState(null, "", "#" + it.id); }
  }

  function step(direction) {
    var k = current;
    for (var i = 0; i < items.length; i += 1) {
      k += direction;
      if (k < 0 || k >= items.length) { return; }
      if (!items[k].hidden) { select(k); return; }
    }
  }

  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    var tag = (e.target && e.target.tagName) || "";
    if ((tag === "INPUT" && e.target.type !== "checkbox") || tag === "SELECT" || tag === "TEXTAREA") { return; }
    if (e.key === "j" || e.key === "n") { step(1); e.preventDefault(); }
    else if (e.key === "k" || e.key === "p") { step(-1); e.preventDefault(); }
  });
  document.body.setAttribute("data-ready", "1");
  apply();
})();
