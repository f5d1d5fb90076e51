/* The agenda builder's mouse way to reorder: drag an item and drop it on another.
   The keyboard way needs no script (the Up and Down buttons post a form), and this
   file only adds dragging on top; the server decides the order and sends the list back. */
(function () {
  "use strict";

  function csrf() {
    var falt = document.querySelector("#dagordning input[name=csrfmiddlewaretoken]");
    return falt ? falt.value : "";
  }

  function ordning(lista) {
    return Array.prototype.map.call(lista.querySelectorAll("li[data-punkt]"), function (li) {
      return li.getAttribute("data-punkt");
    });
  }

  // htmx keeps the focus on the moved item's button but wires the new buttons up only
  // after its settle delay; a second key press in that moment would post the plain
  // form and reload the page. Wire the swapped agenda up at once.
  document.addEventListener("htmx:afterSwap", function (e) {
    var lista = document.getElementById("dagordning");
    if (lista && e.target === lista && window.htmx) window.htmx.process(lista);
  });

  // The first item's Up and the last one's Down stay focusable (aria-disabled, not
  // disabled, so the keyboard does not lose its place), but there is nowhere to move:
  // say so in the live region instead of posting a move the server must refuse.
  document.addEventListener(
    "click",
    function (e) {
      var knapp = e.target.closest && e.target.closest("#dagordning button[aria-disabled=true]");
      if (!knapp) return;
      e.preventDefault();
      e.stopPropagation();
      var besked = document.getElementById("dagordning-besked");
      if (!besked) return;
      // Emptied first, so the same message pressed twice is spoken twice.
      besked.textContent = "";
      window.setTimeout(function () {
        besked.textContent = knapp.getAttribute("data-besked") || "Punkten kan inte flyttas dit.";
      }, 50);
    },
    true
  );

  var dragen = null;

  document.addEventListener("dragstart", function (e) {
    var li = e.target.closest && e.target.closest("li[data-punkt][draggable=true]");
    if (!li) return;
    dragen = li;
    li.classList.add("dras");
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", li.getAttribute("data-punkt"));
  });

  document.addEventListener("dragover", function (e) {
    if (!dragen) return;
    var over = e.target.closest && e.target.closest("li[data-punkt]");
    if (!over || over === dragen || over.parentNode !== dragen.parentNode) return;
    e.preventDefault();
    var ruta = over.getBoundingClientRect();
    var fore = e.clientY < ruta.top + ruta.height / 2;
    over.parentNode.insertBefore(dragen, fore ? over : over.nextSibling);
  });

  document.addEventListener("drop", function (e) {
    if (dragen) e.preventDefault();
  });

  document.addEventListener("dragend", function () {
    if (!dragen) return;
    var lista = dragen.parentNode;
    dragen.classList.remove("dras");
    dragen = null;
    var url = lista.getAttribute("data-ordna-url");
    if (!url || !window.htmx) return;
    window.htmx.ajax("POST", url, {
      target: "#dagordning",
      swap: "outerHTML",
      values: { ordning: ordning(lista).join(",") },
      headers: { "X-CSRFToken": csrf() },
    });
  });
})();
