// "Lägg till" for the rows of a formset (motionärer, att-satser). The button is a
// submit button, so without script the server adds the row; with script the empty row
// is copied from its <template> instead, which keeps a chosen file and moves focus
// straight into the new row. Loaded from our own origin: the CSP allows no inline script.
"use strict";

document.addEventListener("click", (event) => {
  const knapp = event.target.closest("button[data-formset]");
  if (!knapp) return;
  const prefix = knapp.dataset.formset;
  const mall = document.getElementById(`${prefix}-mall`);
  const rader = document.getElementById(`${prefix}-rader`);
  const antal = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
  const max = document.getElementById(`id_${prefix}-MAX_NUM_FORMS`);
  if (!mall || !rader || !antal) return;
  event.preventDefault();
  const index = Number(antal.value);
  const status = document.getElementById(`${prefix}-status`);
  if (max && index >= Number(max.value)) {
    if (status) status.textContent = `Högst ${max.value} rader.`;
    return;
  }
  // The template is our own server-rendered empty row: no user text is in it.
  const html = mall.innerHTML
    .replaceAll("__prefix__", String(index))
    .replaceAll("__nummer__", String(index + 1));
  rader.insertAdjacentHTML("beforeend", html);
  antal.value = String(index + 1);
  const ny = rader.lastElementChild;
  const forsta = ny && ny.querySelector("input, select, textarea");
  if (forsta) forsta.focus();
  if (status) status.textContent = `${knapp.dataset.rad || "Rad"} ${index + 1} tillagd.`;
});
