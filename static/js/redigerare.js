/* The tjänsteskrivelse editor: Markdown buttons, paste from Word and e-mail as Markdown,
   focus that follows a moved part, and a copy in the browser when autosave cannot reach
   the server. Loaded as a file (the CSP allows no inline script). */
(function () {
  "use strict";

  function formular() { return document.getElementById("redigeringsformular"); }

  function meddela(text) {
    var status = document.getElementById("redigerare-status");
    if (!status || !text) return;
    // Emptied first so the same message twice is still announced.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function andrad(falt) {
    falt.dispatchEvent(new Event("input", { bubbles: true }));
  }

  /* --- Markdown buttons ------------------------------------------------------------- */

  function ersatt(falt, start, slut, text, markStart, markSlut) {
    falt.focus();
    falt.setRangeText(text, start, slut, "end");
    if (markStart !== undefined) falt.setSelectionRange(start + markStart, start + markSlut);
    andrad(falt);
  }

  function omslut(falt, fore, efter, exempel) {
    var s = falt.selectionStart, e = falt.selectionEnd;
    var vald = falt.value.slice(s, e) || exempel;
    ersatt(falt, s, e, fore + vald + efter, fore.length, fore.length + vald.length);
  }

  function raderna(falt) {
    var s = falt.selectionStart, e = falt.selectionEnd;
    var start = falt.value.lastIndexOf("\n", s - 1) + 1;
    var slut = falt.value.indexOf("\n", e);
    if (slut === -1) slut = falt.value.length;
    return { start: start, slut: slut, rader: falt.value.slice(start, slut).split("\n") };
  }

  function andraRader(falt, fn) {
    // Lines the user selected stay selected, so a second button acts on them too; with
    // only a caret, it ends up after the new marker, ready to type.
    var markerat = falt.selectionStart !== falt.selectionEnd;
    var r = raderna(falt);
    var nya = r.rader.map(fn).join("\n");
    if (markerat) ersatt(falt, r.start, r.slut, nya, 0, nya.length);
    else ersatt(falt, r.start, r.slut, nya);
  }

  var MARKOR = /^(\s*)(?:[-*+]|\d+[.)])\s+/;

  var atgarder = {
    fet: function (f) { omslut(f, "**", "**", "fet text"); },
    kursiv: function (f) { omslut(f, "*", "*", "kursiv text"); },
    rubrik: function (f) {
      andraRader(f, function (rad) { return "### " + rad.replace(/^#+\s*/, ""); });
    },
    punktlista: function (f) {
      andraRader(f, function (rad) {
        var m = rad.match(MARKOR);
        return m ? m[1] + "- " + rad.slice(m[0].length) : "- " + rad;
      });
    },
    numrerad: function (f) {
      var n = 0;
      andraRader(f, function (rad) {
        n += 1;
        var m = rad.match(MARKOR);
        return m ? m[1] + n + ". " + rad.slice(m[0].length) : n + ". " + rad;
      });
    },
    // Three spaces nest an item under both "- " and "1. " in CommonMark (two only
    // under "- "); the help text under "Avsnitt" says the same.
    indrag: function (f) { andraRader(f, function (rad) { return "   " + rad; }); },
    minska: function (f) { andraRader(f, function (rad) { return rad.replace(/^ {1,3}/, ""); }); },
    tabell: function (f) {
      var s = f.selectionStart;
      var fore = s > 0 && f.value[s - 1] !== "\n" ? "\n\n" : (s > 0 ? "\n" : "");
      var mall = "| Rubrik | Kolumn 2 | Kolumn 3 |\n| --- | --- | --- |\n| Text | Text | Text |\n| **Summa** | **0** | **0** |\n";
      ersatt(f, s, f.selectionEnd, fore + mall, fore.length + 2, fore.length + 8);
    },
    lank: function (f) {
      var s = f.selectionStart, e = f.selectionEnd;
      var text = f.value.slice(s, e) || "länktext";
      var ut = "[" + text + "](https://)";
      ersatt(f, s, e, ut, text.length + 3, text.length + 11);
    }
  };

  document.addEventListener("click", function (h) {
    var knapp = h.target.closest && h.target.closest(".verktyg button[data-md]");
    if (!knapp) return;
    var falt = document.getElementById(knapp.closest(".verktyg").dataset.mal);
    var atgard = atgarder[knapp.dataset.md];
    if (falt && atgard) atgard(falt);
  });

  function visaVerktyg(rot) {
    (rot || document).querySelectorAll(".verktyg[hidden]").forEach(function (v) {
      v.hidden = false;
    });
  }

  /* --- paste from Word and e-mail ----------------------------------------------------- */

  function csrf(form) {
    var falt = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return falt ? falt.value : "";
  }

  function infoga(falt, start, slut, text) {
    var fore = falt.value.slice(0, start);
    if (text.indexOf("\n") !== -1 && fore && !/\n\n$/.test(fore)) {
      text = (/\n$/.test(fore) ? "\n" : "\n\n") + text;
    }
    falt.focus();
    falt.setRangeText(text, start, slut, "end");
    andrad(falt);
  }

  var OFORMATERAT = "Formateringen kunde inte behållas; texten klistrades in utan den.";

  document.addEventListener("paste", function (h) {
    var falt = h.target.closest && h.target.closest("textarea[data-markdown]");
    if (!falt || !h.clipboardData) return;
    var html = h.clipboardData.getData("text/html");
    if (!html) return;
    h.preventDefault();
    var vanlig = h.clipboardData.getData("text/plain");
    var start = falt.selectionStart, slut = falt.selectionEnd, fore = falt.value;
    var form = formular();

    function klistra(text, meddelande) {
      // The server answers after a moment: a part moved or added meanwhile replaces the
      // field, and text typed meanwhile moves the place the paste belongs; then the
      // text goes where the caret is now, never into the middle of what was typed.
      var mal = falt.isConnected ? falt : document.getElementById(falt.id);
      if (!mal || !text) return;
      if (mal === falt && mal.value === fore) infoga(mal, start, slut, text);
      else infoga(mal, mal.selectionStart, mal.selectionEnd, text);
      meddela(meddelande);
    }

    fetch(form.dataset.klistraIn, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf(form) },
      body: new URLSearchParams({ html: html })
    }).then(function (svar) {
      return svar.json().then(function (data) { return { ok: svar.ok, data: data }; });
    }).then(function (r) {
      // Markup that holds no text (an image alone) converts to nothing: the plain text
      // the clipboard also carries is still what the user meant to paste.
      if (r.ok && r.data.markdown) klistra(r.data.markdown, "Inklistrad text omvandlad till Markdown.");
      else klistra(vanlig, (!r.ok && r.data.fel) || OFORMATERAT);
    }).catch(function () {
      klistra(vanlig, OFORMATERAT);
    });
  });

  /* --- the move buttons name their part as it is now called ------------------------------- */

  document.addEventListener("input", function (h) {
    var falt = h.target;
    if (!falt.matches || !falt.matches("input[data-delnamn]")) return;
    var grupp = falt.closest(".del") && falt.closest(".del").querySelector(".flytta");
    if (!grupp) return;
    var namn = grupp.dataset.sort + " " + (falt.value.trim() || falt.dataset.delnamn);
    grupp.setAttribute("aria-label", "Ordning för " + namn);
    grupp.querySelectorAll(".del-namn").forEach(function (s) { s.textContent = " " + namn; });
  });

  /* --- signatories picked from the register --------------------------------------------- */

  /* The title is filled in as the name field is left, which is often by a click into
     the title field itself: the official has not seen it yet and types the title, so the
     filled-in text is selected when the field is reached and typing replaces it. Once
     the official has typed in the field the text is theirs (data-ifylld is gone). */

  function valjIfylld(titel) {
    if (titel.dataset.ifylld !== undefined && titel.value === titel.dataset.ifylld) titel.select();
  }

  document.addEventListener("change", function (h) {
    var falt = h.target;
    if (!falt.matches || !falt.matches("input[data-titelfalt]")) return;
    var titel = document.getElementById(falt.dataset.titelfalt);
    var val = Array.prototype.find.call(
      document.querySelectorAll("#personer option"),
      function (o) { return o.value === falt.value; }
    );
    if (val && titel && !titel.value && val.dataset.titel) {
      titel.value = val.dataset.titel;
      andrad(titel);
      titel.dataset.ifylld = titel.value;
      if (document.activeElement === titel) valjIfylld(titel);
    }
  });

  var nedtryckt = null;   // what the mouse button went down on
  var valjVidSlapp = null; // a filled-in title that press moved the focus to

  document.addEventListener("mousedown", function (h) { nedtryckt = h.target; });

  document.addEventListener("focusin", function (h) {
    var titel = h.target;
    if (!titel.dataset || titel.dataset.ifylld === undefined) return;
    valjIfylld(titel);
    // A click places the caret after the focus: select again once the button is up.
    if (nedtryckt === titel) valjVidSlapp = titel;
  });

  document.addEventListener("mouseup", function (h) {
    if (valjVidSlapp && h.target === valjVidSlapp && valjVidSlapp.dataset.ifylld !== undefined) {
      h.preventDefault();
      valjIfylld(valjVidSlapp);
    }
    nedtryckt = valjVidSlapp = null;
  });

  document.addEventListener("input", function (h) {
    if (h.target.dataset && h.target.dataset.ifylld !== undefined) delete h.target.dataset.ifylld;
  });

  /* --- focus after a part was moved, added or removed --------------------------------- */

  document.addEventListener("htmx:afterSwap", function (h) {
    if (!h.detail || !h.detail.target || h.detail.target.id !== "redigerare") return;
    var form = formular();
    if (!form) return;
    visaVerktyg(form);
    var mal = form.dataset.fokus && document.getElementById(form.dataset.fokus);
    if (mal) mal.focus();
    meddela(form.dataset.meddelande);
  });

  /* --- nothing lost when autosave cannot reach the server ------------------------------- */

  /* The browser's copy is forgotten only when the server says it stored the text: the
     autosave answer carries X-Autosparad, and the page after a save names the version
     (data-sparad). A plain 200 proves nothing: after an expired session htmx follows
     the redirect and gets the login page. */

  var osparat = false;
  var andringar = 0;   // edits since the page loaded
  var skickade = 0;    // the edits the autosave in flight carries

  var UTLOGGAD = "Inte sparat – du kan ha blivit utloggad. Texten finns kvar i den här webbläsaren.";
  var SERVERFEL = "Inte sparat – servern svarade med ett fel. Texten finns kvar i den här webbläsaren.";
  var NATFEL = "Kunde inte nå servern. Texten finns kvar här och i webbläsaren; den sparas när förbindelsen är tillbaka.";

  function reservnyckel() {
    var form = formular();
    return form ? "diariet-reserv-" + form.dataset.reserv : null;
  }

  function formulardata(form) {
    var data = new FormData(form);
    data.delete("csrfmiddlewaretoken");
    data.delete("atgard");
    return new URLSearchParams(data).toString();
  }

  function sparaReserv(skickad) {
    var form = formular(), nyckel = reservnyckel();
    if (!form || !nyckel) return;
    try {
      window.localStorage.setItem(nyckel, JSON.stringify({
        tid: new Date().toISOString(),
        data: formulardata(form),
        skickad: !!skickad
      }));
    } catch (fel) { /* storage full or off: the text is still on screen */ }
  }

  function lasReserv() {
    var nyckel = reservnyckel();
    try { return JSON.parse(window.localStorage.getItem(nyckel) || "null"); } catch (fel) { return null; }
  }

  function rensaReserv() {
    var nyckel = reservnyckel();
    if (nyckel) try { window.localStorage.removeItem(nyckel); } catch (fel) { /* ignore */ }
  }

  function arAutospar(h) {
    return h.detail && h.detail.elt && h.detail.elt.id === "autospara";
  }

  function autosparad(xhr) {
    return !!xhr && xhr.getResponseHeader("X-Autosparad") === "1";
  }

  function omdirigerad(xhr) {
    var elt = document.getElementById("autospara");
    if (!xhr || !xhr.responseURL || !elt) return false;
    try {
      var adress = new URL(elt.getAttribute("hx-post"), window.location.href);
      return new URL(xhr.responseURL).pathname !== adress.pathname;
    } catch (fel) { return false; }
  }

  function serverensFel(xhr) {
    // The autosave's own refusal ("too long"), worded by the server for the status line.
    return !!xhr && xhr.status === 400 && !omdirigerad(xhr);
  }

  document.addEventListener("input", function (h) {
    if (h.target.closest && h.target.closest("#redigerare")) { osparat = true; andringar += 1; }
  });

  document.addEventListener("htmx:beforeRequest", function (h) {
    if (arAutospar(h)) skickade = andringar;
  });

  document.addEventListener("htmx:beforeSwap", function (h) {
    if (!arAutospar(h)) return;
    var xhr = h.detail.xhr;
    // A login page or an error page is not a status line.
    if (!autosparad(xhr) && !serverensFel(xhr)) h.detail.shouldSwap = false;
  });

  document.addEventListener("htmx:afterRequest", function (h) {
    if (!arAutospar(h)) return;
    var xhr = h.detail.xhr;
    if (autosparad(xhr)) {
      // What was typed after this autosave left is not on the server yet.
      if (andringar === skickade) { osparat = false; rensaReserv(); }
      return;
    }
    sparaReserv(false);
    var status = document.getElementById("autosparstatus");
    if (!status || serverensFel(xhr)) return;
    if (!xhr || !xhr.status) status.textContent = NATFEL;
    else if (omdirigerad(xhr) || xhr.status === 401 || xhr.status === 403) status.textContent = UTLOGGAD;
    else status.textContent = SERVERFEL;
  });

  document.addEventListener("submit", function (h) {
    if (h.target.id !== "redigeringsformular") return;
    // Leaving by saving needs no warning, but the copy stays until the next page
    // confirms the version was stored: a save can meet an expired session too.
    sparaReserv(true);
    osparat = false;
  });

  window.addEventListener("beforeunload", function (h) {
    if (!osparat) return;
    sparaReserv(false);
    h.preventDefault();
    h.returnValue = "";
  });

  function erbjudReserv() {
    var form = formular();
    if (!form || !reservnyckel()) return;
    var sparat = lasReserv();
    if (!sparat || !sparat.data) return;
    if (sparat.skickad && form.dataset.sparad) {
      rensaReserv();  // the server confirmed the save this copy was kept for
      return;
    }
    if ((sparat.skickad || sparat.aterstalld) && form.dataset.postat) {
      // The server answered that very post with the text in the editor (a refused
      // save, a restored copy), still not stored: keep the copy, warn before leaving.
      osparat = true;
      return;
    }
    var ruta = document.createElement("div");
    ruta.className = "varning";
    ruta.setAttribute("role", "alert");
    var text = document.createElement("p");
    text.textContent = "Det finns text från " + sparat.tid.slice(0, 16).replace("T", " ") +
      " som inte hann sparas på servern. Vill du återställa den?";
    var aterstall = document.createElement("button");
    aterstall.type = "button";
    aterstall.className = "knapp";
    aterstall.textContent = "Återställ texten";
    var slang = document.createElement("button");
    slang.type = "button";
    slang.className = "knapp knapp-sekundar";
    slang.textContent = "Släng den";
    ruta.append(text, aterstall, " ", slang);
    form.parentNode.insertBefore(ruta, form);
    slang.addEventListener("click", function () { rensaReserv(); ruta.remove(); form.querySelector("#titel").focus(); });
    aterstall.addEventListener("click", function () {
      // The copy is posted back as the form; the server shows it in the editor unsaved.
      // It stays in the browser until the server has stored it.
      var ut = document.createElement("form");
      ut.method = "post";
      ut.action = form.action;
      ut.hidden = true;
      new URLSearchParams(sparat.data).forEach(function (varde, namn) {
        var falt = document.createElement("input");
        falt.type = "hidden"; falt.name = namn; falt.value = varde;
        ut.appendChild(falt);
      });
      [["csrfmiddlewaretoken", csrf(form)], ["atgard", "visa"]].forEach(function (par) {
        var falt = document.createElement("input");
        falt.type = "hidden"; falt.name = par[0]; falt.value = par[1];
        ut.appendChild(falt);
      });
      document.body.appendChild(ut);
      try {
        window.localStorage.setItem(reservnyckel(), JSON.stringify(
          { tid: sparat.tid, data: sparat.data, aterstalld: true }));
      } catch (fel) { /* the copy as it was stays */ }
      ut.submit();
    });
  }

  function start() {
    visaVerktyg(document);
    erbjudReserv();
    var form = formular();
    var mal = form && form.dataset.fokus && document.getElementById(form.dataset.fokus);
    if (mal && form.dataset.fokus !== "titel") mal.focus();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
